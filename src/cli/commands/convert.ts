/**
 * `radnomo convert INPUT OUTPUT`: an image or mask from any format radnomo reads (NIfTI, NRRD,
 * DICOM folder, Slicer .seg.nrrd, DICOM-SEG, RTSTRUCT) to NIfTI or NRRD. With --reference, the
 * input is read as a mask on the reference image's grid (RTSTRUCT contours rasterised, segments
 * put onto the grid by nearest neighbour). The output is written whole or not at all.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { detectKind } from '../../image/detect.js';
import { findNonFinite, describeNonFinite } from '../../image/nonfinite.js';
import { readMask } from '../../image/read-mask.js';
import { readVolume } from '../../image/read.js';
import { checkWritablePath, writeVolume } from '../../image/write.js';
import type { Volume } from '../../image/volume.js';
import { parseCount } from './image-options.js';

interface ConvertOptions {
  reference?: string;
  roi?: string;
  label?: string;
  series?: string;
  volume?: string;
}

/** Reads what `convert` is asked to write (exported for tests and library users of the CLI shape). */
export async function readForConvert(input: string, opts: ConvertOptions): Promise<Volume> {
  const label = opts.label === undefined ? undefined : parseCount('--label', opts.label);
  const kind = detectKind(input);
  if (opts.reference === undefined) {
    if (kind === 'rtstruct' || kind === 'dicom-seg') {
      throw new Error(`${input}: ${kind === 'rtstruct' ? 'an RTSTRUCT holds contours' : 'a DICOM-SEG is stored on its own frames'}; give the image it belongs to with --reference <image file or DICOM folder> to put it on that image's grid`);
    }
    return readVolume(input, {
      series: opts.series,
      segment: opts.roi ?? label,
      volumeIndex: opts.volume === undefined ? undefined : parseCount('--volume', opts.volume),
      allowNonFinite: true,
    });
  }
  const inputIsFolder = kind === 'dicom-folder';
  const reference = await readVolume(opts.reference, { series: inputIsFolder ? undefined : opts.series, allowNonFinite: true });
  return readMask(input, reference, { roi: opts.roi, segment: label, series: inputIsFolder ? opts.series : undefined });
}

export function register(program: Command): void {
  program
    .command('convert')
    .description('convert an image or mask to NIfTI or NRRD; an RTSTRUCT or DICOM-SEG is rasterised onto the --reference image grid')
    .argument('<input>', 'image file, DICOM folder, Slicer .seg.nrrd, DICOM-SEG or RTSTRUCT')
    .argument('<output>', 'output file: .nii.gz, .nii or .nrrd')
    .option('--reference <image>', 'image (file or DICOM folder) whose grid the mask is put on; required for RTSTRUCT and DICOM-SEG')
    .option('--roi <name>', 'RTSTRUCT ROI or segment to convert, by name')
    .option('--label <n>', 'segment / ROI by number; for a label image, keep only this label (as a 0/1 mask)')
    .option('--series <uid|description>', 'DICOM folder with several image series: the one to read')
    .option('--volume <n>', '4D image: the volume to convert (0-based)')
    .action(async (input: string, output: string, opts: ConvertOptions) => {
      checkWritablePath(output);
      if (resolve(input) === resolve(output)) throw new Error(`${output}: the output would overwrite the input; choose another name`);
      const volume = await readForConvert(input, opts);
      const nf = findNonFinite(volume);
      if (nf.count > 0) process.stderr.write(`radnomo convert: warning: ${input}: ${describeNonFinite(nf)}; they are written as they are\n`);
      await writeVolume(volume, output);
      process.stdout.write(`wrote ${output} (${volume.size.join('x')} ${volume.pixelType}, spacing ${volume.spacing.map((s) => Number(s.toPrecision(6))).join('x')} mm)\n`);
    });
}
