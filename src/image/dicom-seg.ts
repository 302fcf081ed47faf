/**
 * DICOM Segmentation objects (DICOM-SEG, PS3.3 A.51), read with itk-wasm's dcmqi-based reader.
 * readOverlappingSegmentationNode gives one component per segment group (segments may overlap),
 * each voxel holding the segment number (labelID) of its group's segment, on the grid spanned by
 * the SEG's frames (usually only the slices that hold the segments). A segment is named by its
 * SegmentLabel (0062,0005) and numbered by its SegmentNumber (0062,0004).
 */
import { resolve } from 'node:path';
import { describeCause, ImageReadError } from './errors.js';
import { layerLabelMask } from './itk-image.js';
import { loadDicom, quietItk } from './itk-quiet.js';
import { chooseSegment, type SegmentInfo } from './segments.js';
import type { Volume } from './volume.js';

export interface DicomSegSegment extends SegmentInfo {
  /** The component of the reader's vector image that holds the segment. */
  layer: number;
  description?: string;
}

interface SegAttributes {
  labelID?: number;
  SegmentLabel?: string;
  SegmentDescription?: string;
}

async function readSeg(path: string) {
  try {
    const { readOverlappingSegmentationNode } = await loadDicom();
    return await quietItk(() => readOverlappingSegmentationNode(resolve(path)));
  } catch (err) {
    throw new ImageReadError(path, `the DICOM-SEG could not be decoded (${describeCause(err)})`,
      'Check that the file is a complete DICOM Segmentation object (SOP class 1.2.840.10008.5.1.4.1.1.66.4)', { cause: err });
  }
}

function segmentsOf(metaInfo: unknown): DicomSegSegment[] {
  const groups = ((metaInfo as { segmentAttributes?: SegAttributes[][] })?.segmentAttributes) ?? [];
  const out: DicomSegSegment[] = [];
  groups.forEach((group, layer) => {
    for (const a of group) {
      const label = Number(a.labelID);
      out.push({ name: a.SegmentLabel ?? a.SegmentDescription ?? `Segment ${label}`, label, layer, description: a.SegmentDescription });
    }
  });
  return out;
}

/** The segments of a DICOM-SEG (decodes the file). */
export async function dicomSegSegments(path: string): Promise<DicomSegSegment[]> {
  return segmentsOf((await readSeg(path)).metaInfo);
}

/** One segment of a DICOM-SEG as a uint8 mask (1 inside) on the SEG's own grid. */
export async function readDicomSegSegment(path: string, choice?: string | number): Promise<Volume<Uint8Array>> {
  const { segImage, metaInfo } = await readSeg(path);
  const seg = chooseSegment(path, segmentsOf(metaInfo), choice, 'segment');
  const t = segImage.imageType;
  if (t.dimension !== 3 || segImage.data === null) {
    throw new ImageReadError(path, `unexpected segmentation layout (${t.dimension}D)`, 'Check that the SEG is a 3D segmentation of an image series');
  }
  return layerLabelMask(segImage, seg.layer, seg.label);
}
