/**
 * 3D Slicer segmentations (.seg.nrrd). Slicer writes a NRRD whose header lists each segment as
 * key/value pairs: Segment<i>_ID, Segment<i>_Name, Segment<i>_LabelValue, Segment<i>_Layer, ...
 * (Slicer's vtkMRMLSegmentationStorageNode). Non-overlapping segments share one 3D label map
 * (layer 0, different label values); overlapping ones are put in further layers, stored as a 4D
 * array whose first axis (kind "list") is the layer, which ITK reads as a vector image with one
 * component per layer. Files from Slicer before 4.11 have no LabelValue/Layer: one layer per
 * segment, label 1.
 */
import { ImageReadError } from './errors.js';
import { layerLabelMask, readItkImageFile } from './itk-image.js';
import { readNrrdHeader, type NrrdHeader } from './nrrd-header.js';
import { chooseSegment, type SegmentInfo } from './segments.js';
import type { Volume } from './volume.js';

export interface SlicerSegment extends SegmentInfo {
  id: string;
  layer: number;
}

/** True when the NRRD header carries Slicer segment fields. */
export function isSlicerSegmentation(header: NrrdHeader): boolean {
  return header.keyValues.has('Segment0_ID') || header.keyValues.has('Segment0_Name');
}

/** The segments a Slicer segmentation header lists, in their order. */
export function slicerSegments(header: NrrdHeader): SlicerSegment[] {
  const kv = header.keyValues;
  const out: SlicerSegment[] = [];
  const oldStyle = !kv.has('Segment0_LabelValue') && !kv.has('Segment0_Layer');
  for (let i = 0; kv.has(`Segment${i}_ID`) || kv.has(`Segment${i}_Name`); i++) {
    const label = Number(kv.get(`Segment${i}_LabelValue`) ?? '1');
    const layer = Number(kv.get(`Segment${i}_Layer`) ?? (oldStyle ? String(i) : '0'));
    out.push({
      id: kv.get(`Segment${i}_ID`) ?? `Segment_${i + 1}`,
      name: kv.get(`Segment${i}_Name`) ?? kv.get(`Segment${i}_ID`) ?? `Segment ${i + 1}`,
      label: Number.isFinite(label) ? label : 1,
      layer: Number.isFinite(layer) ? layer : 0,
    });
  }
  return out;
}

/**
 * Reads one segment of a Slicer .seg.nrrd as a uint8 mask (1 inside) on the file's own grid.
 * `choice` is the segment's name (or ID), or its label value.
 */
export async function readSlicerSegment(path: string, choice?: string | number): Promise<Volume<Uint8Array>> {
  const header = readNrrdHeader(path);
  if (!header || !isSlicerSegmentation(header)) {
    throw new ImageReadError(path, 'not a 3D Slicer segmentation (no Segment0_ID in the NRRD header)', 'Read it as a label image instead');
  }
  const segments = slicerSegments(header);
  const byId = typeof choice === 'string' ? segments.find((s) => s.id === choice) : undefined;
  const seg = byId ?? chooseSegment(path, segments, choice, 'segment');
  const image = await readItkImageFile(path);
  const t = image.imageType;
  const layers = t.components;
  if (t.dimension !== 3 || image.data === null) {
    throw new ImageReadError(path, `unexpected segmentation layout (${t.dimension}D, ${layers} component(s))`, 'Save the segmentation again from Slicer, or export the segment as a label map');
  }
  if (seg.layer >= layers) {
    throw new ImageReadError(path, `segment "${seg.name}" is in layer ${seg.layer} but the file holds ${layers} layer(s)`, 'Save the segmentation again from Slicer');
  }
  return layerLabelMask(image, seg.layer, seg.label);
}
