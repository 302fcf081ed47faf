/**
 * Writing a Volume as NIfTI (.nii, .nii.gz) or NRRD (.nrrd, gzip-encoded), through
 * @itk-wasm/image-io; a NIfTI whose header our own writer gives as ITK does (an axis-aligned
 * direction: nifti1-write.ts, writesAsItk) is written by that writer instead, without the ~70 ms
 * of WebAssembly. The file is written whole or not at all: into a temporary file beside the
 * target (same extension, so that ITK picks the same writer), then renamed over it.
 */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describeCause, ImageWriteError } from './errors.js';
import { itkImageFromVolume } from './itk-image.js';
import { loadImageIo, quietItk } from './itk-quiet.js';
import { nifti1File, writesAsItk } from './nifti1-write.js';
import { voxelCount, type Volume } from './volume.js';

const EXTENSIONS = ['.nii.gz', '.nii', '.nrrd'] as const;

/** The output extension radnomo writes for `path`, or null when it writes no such format. */
export function writableExtension(path: string): (typeof EXTENSIONS)[number] | null {
  const lower = path.toLowerCase();
  return EXTENSIONS.find((e) => lower.endsWith(e)) ?? null;
}

/** Throws an ImageWriteError unless `path` names a format radnomo writes, in an existing folder. */
export function checkWritablePath(path: string): void {
  if (!writableExtension(path)) {
    throw new ImageWriteError(path, 'radnomo writes NIfTI (.nii, .nii.gz) and NRRD (.nrrd) images only', 'Give the output a .nii.gz, .nii or .nrrd name');
  }
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ImageWriteError(path, `the folder ${dir} does not exist`, 'Create it first or write elsewhere');
  }
}

let counter = 0;

/** Writes `volume` to `path` (.nii, .nii.gz or .nrrd; the two compressed with gzip). */
export async function writeVolume(volume: Volume, path: string): Promise<void> {
  checkWritablePath(path);
  if (volume.data.length !== voxelCount(volume)) {
    throw new ImageWriteError(path, `the volume has ${volume.data.length} voxels for a ${volume.size.join('x')} grid`, 'This is a bug in the caller: report it');
  }
  const ext = writableExtension(path)!;
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target).slice(0, -ext.length)}.tmp-${process.pid}-${counter++}${ext}`);
  try {
    if (ext !== '.nrrd' && writesAsItk(volume)) writeFileSync(temp, nifti1File(volume, ext === '.nii.gz'));
    else {
      const { writeImageNode } = await loadImageIo();
      await quietItk(() => writeImageNode(itkImageFromVolume(volume), temp, { useCompression: ext !== '.nii' }));
    }
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new ImageWriteError(path, `the image could not be written (${describeCause(err)})`, 'Check that the folder is writable and the disk not full', { cause: err });
  }
}
