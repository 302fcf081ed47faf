/**
 * Reading a mask onto an image's grid, whatever holds it: RTSTRUCT contours (rasterised), one
 * segment of a DICOM-SEG or a Slicer .seg.nrrd, or a label image (NIfTI, NRRD, DICOM). Masks on
 * another grid are put onto the image's grid by nearest neighbour (onto-grid.ts).
 */
import { detectKind } from './detect.js';
import { readDicomSegSegment } from './dicom-seg.js';
import { ontoGrid, type Grid } from './onto-grid.js';
import { readVolume } from './read.js';
import { rasteriseRtStruct } from './rtstruct.js';
import { readSlicerSegment } from './slicer-seg.js';
import type { Volume } from './volume.js';

export interface ReadMaskOptions {
  /** RTSTRUCT ROI, or DICOM-SEG / Slicer segment, by name (case-insensitive). */
  roi?: string;
  /** Segment / ROI by label number; for a label image, the label value to keep as the mask. */
  segment?: string | number;
  /** DICOM folder holding several series (a label image stored as DICOM). */
  series?: string;
}

/**
 * Reads the mask in `path` on the grid of `reference` (usually the image it was drawn on).
 * RTSTRUCT, DICOM-SEG and Slicer segments come back as uint8 (1 inside); a label image keeps its
 * values unless `segment` chooses one label.
 */
export async function readMask(path: string, reference: Grid, options: ReadMaskOptions = {}): Promise<Volume> {
  const choice = options.roi ?? options.segment;
  switch (detectKind(path)) {
    case 'rtstruct':
      return rasteriseRtStruct(path, reference, choice);
    case 'dicom-seg':
      return ontoGrid(await readDicomSegSegment(path, choice), reference);
    case 'slicer-seg':
      return ontoGrid(await readSlicerSegment(path, choice), reference);
    default:
      return ontoGrid(await readVolume(path, { segment: choice, series: options.series }), reference);
  }
}
