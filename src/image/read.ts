/**
 * Reading images into a Volume: NIfTI-1 (.nii, .nii.gz, .hdr/.img) and NRRD (.nrrd, .nhdr with
 * detached raw or gzip data) by our own readers (nifti1.ts, nrrd.ts), which give what
 * @itk-wasm/image-io gives bit for bit for the files they take and hand every other file to it
 * (its WebAssembly module costs ~30 ms of CPU per call); any other single file ITK reads, through
 * @itk-wasm/image-io; NIfTI-2, which that ITK build does not read, by our own reader (nifti2.ts); a DICOM series
 * from a folder (dicom-series.ts); one segment of a 3D Slicer .seg.nrrd (slicer-seg.ts) or of a
 * DICOM-SEG (dicom-seg.ts) on its own grid. RTSTRUCT contours have no grid of their own: they are
 * read with readMask (read-mask.ts) onto an image's grid.
 *
 * Every failure a user can cause is an ImageReadError naming the file, the problem and the remedy.
 */
import { dirname } from 'node:path';
import { readDicomSeries } from './dicom-series.js';
import { readDicomHeader } from './dicom-files.js';
import { readDicomSegSegment } from './dicom-seg.js';
import { detectKind } from './detect.js';
import { ImageReadError } from './errors.js';
import { readItkImageFile, volumeFromItkImage } from './itk-image.js';
import { checkNiftiFile, restoreNonFinite } from './nifti-check.js';
import { niftiOneImage, niftiPairImage } from './nifti1.js';
import { volumeFromNifti2 } from './nifti2.js';
import { assertFinite } from './nonfinite.js';
import { nrrdImage } from './nrrd.js';
import { readSlicerSegment } from './slicer-seg.js';
import type { Volume } from './volume.js';

export { volumeFromItkImage } from './itk-image.js';

export interface ReadVolumeOptions {
  /** DICOM folder with several image series: the SeriesInstanceUID or SeriesDescription to read. */
  series?: string;
  /**
   * Slicer .seg.nrrd or DICOM-SEG: the segment's name or label number. A plain label image: the
   * label value to keep (the result is a uint8 mask, 1 where the image equals it).
   */
  segment?: string | number;
  /** 4D image: which 3D volume (0-based). Required for 4D images. */
  volumeIndex?: number;
  /**
   * Accept NaN / infinite voxels (for inspection). By default they are refused, naming how many
   * and where, because no feature can be computed on them.
   */
  allowNonFinite?: boolean;
  /**
   * false: read NIfTI-1 and NRRD through itk-wasm even where radnomo's own readers apply (they
   * give the same result; this is for comparing the two and for timing). Default true.
   */
  native?: boolean;
}

/** Read an image file, or a DICOM series from a folder, as a Volume. */
export async function readVolume(path: string, options: ReadVolumeOptions = {}): Promise<Volume> {
  const kind = detectKind(path);
  const native = options.native !== false;
  let volume: Volume;
  let segmentApplied = false;
  switch (kind) {
    case 'dicom-folder':
      volume = await readDicomSeries(path, { series: options.series });
      break;
    case 'dicom-image': {
      // One file of a series stands for its series, read from the file's folder.
      const h = readDicomHeader(path)!;
      volume = await readDicomSeries(dirname(path), { series: h.seriesUid, recursive: false });
      break;
    }
    case 'rtstruct':
      throw new ImageReadError(path, 'an RTSTRUCT holds contours, not voxels, so it has no grid of its own',
        'Rasterise it onto the image it was drawn on: radnomo convert <RTSTRUCT> mask.nii.gz --reference <image or DICOM folder> --roi <name> (library: readMask(path, reference, { roi }))');
    case 'dicom-seg':
      volume = await readDicomSegSegment(path, options.segment);
      segmentApplied = true;
      break;
    case 'dicom-other':
      throw new ImageReadError(path, 'a DICOM object that is neither an image, an RTSTRUCT nor a SEG', 'Give an image series, an RTSTRUCT or a DICOM-SEG');
    case 'slicer-seg':
      volume = await readSlicerSegment(path, options.segment);
      segmentApplied = true;
      break;
    case 'nifti': {
      const nifti = checkNiftiFile(path);
      if (nifti?.layout.version === 2) {
        volume = volumeFromNifti2(nifti, path, options.volumeIndex);
        break;
      }
      const own = nifti && native ? niftiOneImage(nifti, path) : null;
      volume = volumeFromItkImage(own ?? await readItkImageFile(path), path, { volumeIndex: options.volumeIndex });
      // ITK's nifti1_io reads NaN / Inf voxels as 0; our reader keeps them.
      if (nifti && !own) restoreNonFinite(volume, nifti, options.volumeIndex ?? 0);
      break;
    }
    case 'nrrd': {
      const own = native ? nrrdImage(path) : null;
      volume = volumeFromItkImage(own ?? await readItkImageFile(path), path, { volumeIndex: options.volumeIndex });
      break;
    }
    default: {
      const own = native ? niftiPairImage(path) : null;
      volume = volumeFromItkImage(own ?? await readItkImageFile(path), path, { volumeIndex: options.volumeIndex });
    }
  }
  if (options.segment !== undefined && !segmentApplied) volume = selectLabel(volume, options.segment, path);
  if (!options.allowNonFinite) assertFinite(volume, path);
  return volume;
}

/** Voxels equal to `label` as a uint8 mask (1 inside) on the same grid. */
export function selectLabel(v: Volume, label: string | number, file: string): Volume<Uint8Array> {
  const value = typeof label === 'number' ? label : Number(label);
  if (!Number.isFinite(value)) {
    throw new ImageReadError(file, `a label image has no named segments, so "${label}" cannot be chosen`, 'Give the label value as a number (--label N)');
  }
  const mask = new Uint8Array(v.data.length);
  let count = 0;
  const present = new Set<number>();
  for (let i = 0; i < v.data.length; i++) {
    const x = v.data[i];
    if (x === value) { mask[i] = 1; count++; }
    else if (x !== 0 && present.size < 50) present.add(x);
  }
  if (count === 0) {
    const list = [...present].sort((a, b) => a - b).join(', ');
    throw new ImageReadError(file, `no voxel has label ${value}${list ? `; the labels present are ${list}` : '; the image holds only 0'}`,
      'Choose one of the labels present with --label N');
  }
  return { ...v, data: mask, pixelType: 'uint8', direction: Float64Array.from(v.direction) };
}
