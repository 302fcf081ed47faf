/**
 * `radnomo info <file-or-folder>`: what an image, DICOM folder, RTSTRUCT or segmentation holds
 * (geometry, pixel type, value range, voxel hash, labels, series, ROIs, segments), as a readable
 * summary or, with --json, one JSON object (describeImage in src/image/info.ts).
 */
import type { Command } from 'commander';
import { describeImage, formatImageDescription } from '../../image/info.js';
import { parseCount } from './image-options.js';

interface InfoOptions {
  json?: boolean;
  series?: string;
  roi?: string;
  label?: string;
  volume?: string;
}

export function register(program: Command): void {
  program
    .command('info')
    .description('describe an image, DICOM folder, RTSTRUCT or segmentation: geometry, pixel type, values, voxel hash, labels, series, ROIs')
    .argument('<path>', 'image file (NIfTI, NRRD, ...), DICOM folder or file, RTSTRUCT, DICOM-SEG or Slicer .seg.nrrd')
    .option('--json', 'print one JSON object instead of a summary')
    .option('--series <uid|description>', 'DICOM folder with several image series: the one to describe')
    .option('--roi <name>', 'segmentation: the segment to describe, by name')
    .option('--label <n>', 'segmentation: the segment to describe, by label number; label image: describe the mask of this label')
    .option('--volume <n>', '4D image: the volume to describe (0-based; default 0)')
    .action(async (path: string, opts: InfoOptions) => {
      const label = opts.label === undefined ? undefined : parseCount('--label', opts.label);
      const description = await describeImage(path, {
        series: opts.series,
        segment: opts.roi ?? label,
        volumeIndex: opts.volume === undefined ? undefined : parseCount('--volume', opts.volume),
      });
      process.stdout.write(opts.json ? `${JSON.stringify(description, null, 2)}\n` : `${formatImageDescription(description)}\n`);
    });
}
