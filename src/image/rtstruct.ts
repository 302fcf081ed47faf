/**
 * DICOM RT Structure Sets (RTSTRUCT, PS3.3 A.19): ROI names from the Structure Set ROI Sequence
 * (3006,0020: ROI Number 3006,0022, ROI Name 3006,0026), contours from the ROI Contour Sequence
 * (3006,0039: Referenced ROI Number 3006,0084, Contour Sequence 3006,0040 of Contour Geometric
 * Type 3006,0042 and Contour Data 3006,0050, x\y\z triplets in mm, patient LPS). Parsed with
 * dicom-parser; the rasterisation onto an image grid is rasterise.ts.
 */
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { existsSync, readFileSync } from 'node:fs';
import { ImageReadError } from './errors.js';
import type { Grid } from './onto-grid.js';
import { rasterisePolygons } from './rasterise.js';
import { SOP_CLASS } from './dicom-files.js';
import { chooseSegment, type SegmentInfo } from './segments.js';
import type { Vec3, Volume } from './volume.js';

export interface RtContour {
  /** CLOSED_PLANAR, POINT, OPEN_PLANAR, ... */
  type: string;
  /** x, y, z, x, y, z, ... in mm. */
  points: Float64Array;
}

export interface RtRoi extends SegmentInfo {
  /** ROI Number. */
  label: number;
  name: string;
  contours: RtContour[];
}

export interface RtStruct {
  file: string;
  rois: RtRoi[];
  frameOfReferenceUid?: string;
}

function parse(path: string): DataSet {
  if (!existsSync(path)) throw new ImageReadError(path, 'no such file', 'Check the path');
  try {
    return dicomParser.parseDicom(new Uint8Array(readFileSync(path)));
  } catch (err) {
    throw new ImageReadError(path, `not a readable DICOM file (${err instanceof Error ? err.message : String(err)})`,
      'Check that the file is complete; copy it again from its source', { cause: err });
  }
}

function contourPoints(ds: DataSet): Float64Array {
  const text = ds.string('x30060050') ?? '';
  if (text === '') return new Float64Array(0);
  const parts = text.split('\\');
  const out = new Float64Array(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = Number(parts[i]);
  return out;
}

/** Reads the ROIs and their contours. */
export function readRtStruct(path: string): RtStruct {
  const ds = parse(path);
  const sop = (ds.string('x00080016') ?? '').trim();
  if (sop !== SOP_CLASS.rtStructureSet) {
    throw new ImageReadError(path, `not an RTSTRUCT (its SOP class is ${sop || 'missing'})`, 'Give the RT Structure Set file (Modality RTSTRUCT)');
  }
  const rois = new Map<number, RtRoi>();
  let frameOfReferenceUid: string | undefined;
  for (const item of ds.elements['x30060020']?.items ?? []) {
    const d = item.dataSet;
    if (!d) continue;
    const number = d.intString('x30060022') ?? rois.size + 1;
    rois.set(number, { label: number, name: (d.string('x30060026') ?? `ROI ${number}`).trim(), contours: [] });
    frameOfReferenceUid ??= d.string('x30060024')?.trim();
  }
  for (const item of ds.elements['x30060039']?.items ?? []) {
    const d = item.dataSet;
    if (!d) continue;
    const ref = d.intString('x30060084');
    if (ref === undefined) continue;
    let roi = rois.get(ref);
    if (!roi) {
      roi = { label: ref, name: `ROI ${ref}`, contours: [] };
      rois.set(ref, roi);
    }
    for (const c of d.elements['x30060040']?.items ?? []) {
      if (!c.dataSet) continue;
      roi.contours.push({ type: (c.dataSet.string('x30060042') ?? 'CLOSED_PLANAR').trim(), points: contourPoints(c.dataSet) });
    }
  }
  return { file: path, rois: [...rois.values()], frameOfReferenceUid };
}

/** The ROI names (and numbers, contour counts) of an RTSTRUCT, for listing. */
export function rtStructRois(path: string): { number: number; name: string; contours: number }[] {
  return readRtStruct(path).rois.map((r) => ({ number: r.label, name: r.name, contours: r.contours.length }));
}

/**
 * Rasterises one ROI of an RTSTRUCT onto `grid` (the image the structure set was drawn on):
 * uint8 mask, 1 inside. `choice` is the ROI name (case-insensitive) or number; it may be left out
 * when the file holds a single ROI.
 */
export function rasteriseRtStruct(path: string, grid: Grid, choice?: string | number): Volume<Uint8Array> {
  const rs = readRtStruct(path);
  const roi = chooseSegment(path, rs.rois, choice, 'ROI');
  const closed = roi.contours.filter((c) => c.type === 'CLOSED_PLANAR');
  if (closed.length === 0) {
    const types = [...new Set(roi.contours.map((c) => c.type))].join(', ');
    throw new ImageReadError(path, `ROI "${roi.name}" has no closed contours${types ? ` (only ${types})` : ''}, so it encloses no voxels`,
      'Choose an ROI that outlines a volume (see `radnomo info` for the ROIs)');
  }
  const r = rasterisePolygons(closed.map((c) => c.points), grid);
  if (r.tilted > 0) {
    throw new ImageReadError(path, `${r.tilted} contour(s) of ROI "${roi.name}" are not parallel to the slices of the reference image`,
      'Give as --reference the image series the structure set was drawn on (same orientation)');
  }
  let count = 0;
  for (let i = 0; i < r.mask.length; i++) count += r.mask[i];
  if (count === 0 || r.outside > 0) {
    const what = count === 0 ? 'covers no voxel of the reference image' : 'would be cut by the reference image';
    throw new ImageReadError(path, `ROI "${roi.name}" ${what}: ${r.outside} of its ${closed.length} contours lie outside the image's slices`,
      'Check that --reference is the whole image the structure set was drawn on (same FrameOfReferenceUID, not cropped)');
  }
  return {
    data: r.mask,
    size: [...grid.size] as Vec3,
    spacing: [...grid.spacing] as Vec3,
    origin: [...grid.origin] as Vec3,
    direction: Float64Array.from(grid.direction),
    pixelType: 'uint8',
  };
}
