/**
 * Writes the demo cohort to a folder: the clinical table, five NIfTI images per patient, the
 * readers' masks, the image manifests a study file points at. Same seed, same bytes.
 *
 *   clinical.csv
 *   images/<id>/<seq>.nii              t1, t2, ap, pvp, dp (uncompressed: faster to read)
 *   masks/<id>/<t2|dp>_reader<r>.nii   reader 1 for everyone, reader 2 for the ICC subset
 *   manifest.csv                          id, sequence, image, mask (reader 1)
 *   manifest_reader2.csv                  the same for the ICC subset, reader 2's masks
 */
import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../stats/random.js';
import { clinicalCsv, drawDemoPatients, PAPER_COHORT, type DemoCohortSize, type DemoPatient } from './clinical.js';
import { writeNifti } from './nifti.js';
import { drawAnatomy, MASK_SOURCE, readerRng, renderMask, renderSequence, SEQUENCES } from './phantom.js';

export interface DemoCohortOptions {
  seed: number;
  size?: DemoCohortSize;
  /** patients segmented by the second reader (the paper: 15) */
  secondReader?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoCohortFiles {
  dir: string;
  clinical: string;
  manifest: string;
  manifestReader2: string;
  patients: DemoPatient[];
  reader2Ids: string[];
}

function writeTextWhole(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The second reader's patients: a seeded random subset, listed in cohort order. */
function secondReaderSubset(seed: number, n: number, count: number): number[] {
  const rng = createRng(seed + 31);
  const picked = rng.sample(n, Math.min(count, n), false);
  return Array.from(picked).sort((a, b) => a - b);
}

export async function writeDemoCohort(dir: string, options: DemoCohortOptions): Promise<DemoCohortFiles> {
  const size = options.size ?? PAPER_COHORT;
  const patients = drawDemoPatients(options.seed, size);
  const reader2 = new Set(secondReaderSubset(options.seed, patients.length, options.secondReader ?? 15));
  mkdirSync(dir, { recursive: true });

  const manifest = ['id,sequence,image,mask'];
  const manifest2 = ['id,sequence,image,mask'];
  const total = patients.length;
  for (let i = 0; i < patients.length; i++) {
    const p = patients[i];
    const anatomy = drawAnatomy(options.seed, i, p);
    mkdirSync(join(dir, 'images', p.id), { recursive: true });
    mkdirSync(join(dir, 'masks', p.id), { recursive: true });
    const r2rng = reader2.has(i) ? readerRng(options.seed, i) : undefined;
    for (const source of ['t2', 'dp'] as const) {
      writeNifti(renderMask(source, anatomy, 1), join(dir, 'masks', p.id, `${source}_reader1.nii`));
      if (r2rng) writeNifti(renderMask(source, anatomy, 2, r2rng), join(dir, 'masks', p.id, `${source}_reader2.nii`));
    }
    for (const seq of SEQUENCES) {
      const image = `images/${p.id}/${seq}.nii`;
      writeNifti(renderSequence(options.seed, i, seq, anatomy), join(dir, image));
      manifest.push(`${p.id},${seq},${image},masks/${p.id}/${MASK_SOURCE[seq]}_reader1.nii`);
      if (r2rng) manifest2.push(`${p.id},${seq},${image},masks/${p.id}/${MASK_SOURCE[seq]}_reader2.nii`);
    }
    options.onProgress?.(i + 1, total);
  }
  const files: DemoCohortFiles = {
    dir,
    clinical: join(dir, 'clinical.csv'),
    manifest: join(dir, 'manifest.csv'),
    manifestReader2: join(dir, 'manifest_reader2.csv'),
    patients,
    reader2Ids: patients.filter((_, i) => reader2.has(i)).map((p) => p.id),
  };
  writeTextWhole(files.clinical, clinicalCsv(patients));
  writeTextWhole(files.manifest, manifest.join('\n') + '\n');
  writeTextWhole(files.manifestReader2, manifest2.join('\n') + '\n');
  return files;
}
