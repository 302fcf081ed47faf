/**
 * Choosing one structure out of a file that holds several: a Slicer .seg.nrrd segment, a
 * DICOM-SEG segment, an RTSTRUCT ROI. A choice is a name (case-insensitive) or a label number
 * (Slicer LabelValue, DICOM-SEG SegmentNumber, RTSTRUCT ROINumber).
 */
import { ImageReadError } from './errors.js';

export interface SegmentInfo {
  name: string;
  /** The label value (Slicer), segment number (DICOM-SEG) or ROI number (RTSTRUCT). */
  label: number;
  /** Slicer: the layer (4D component) that holds the segment. */
  layer?: number;
}

export function segmentList(segments: SegmentInfo[]): string {
  return segments.map((s) => `"${s.name}" (${s.layer !== undefined && s.layer > 0 ? `layer ${s.layer}, ` : ''}label ${s.label})`).join(', ');
}

/** A number given as text ("2") counts as a label number unless a segment is named so. */
export function chooseSegment<T extends SegmentInfo>(file: string, segments: T[], choice: string | number | undefined, noun: 'segment' | 'ROI'): T {
  const flag = noun === 'ROI' ? '--roi NAME' : '--roi NAME or --label N';
  if (segments.length === 0) {
    throw new ImageReadError(file, `holds no ${noun}s`, 'Check that the file is the one you meant; it may have been exported empty');
  }
  if (choice === undefined || choice === '') {
    if (segments.length === 1) return segments[0];
    throw new ImageReadError(file, `holds ${segments.length} ${noun}s: ${segmentList(segments)}; which one to read is ambiguous`,
      `Choose one with ${flag} (library: the roi / segment option)`);
  }
  if (typeof choice === 'string') {
    const wanted = choice.trim().toLowerCase();
    const byName = segments.filter((s) => s.name.trim().toLowerCase() === wanted);
    if (byName.length === 1) return byName[0];
    if (byName.length > 1) {
      throw new ImageReadError(file, `${byName.length} ${noun}s are named "${choice}": ${segmentList(byName)}`, 'Choose one by its label number with --label N');
    }
    if (/^\d+$/.test(choice.trim())) return chooseSegment(file, segments, Number(choice.trim()), noun);
    throw new ImageReadError(file, `no ${noun} is named "${choice}"; the ${noun}s are: ${segmentList(segments)}`,
      `Give one of these names with ${noun === 'ROI' ? '--roi' : '--roi (or its number with --label)'}`);
  }
  const byLabel = segments.filter((s) => s.label === choice);
  if (byLabel.length === 1) return byLabel[0];
  if (byLabel.length > 1) {
    throw new ImageReadError(file, `${byLabel.length} ${noun}s have label ${choice} (in different layers): ${segmentList(byLabel)}`, 'Choose one by name with --roi NAME');
  }
  throw new ImageReadError(file, `no ${noun} has label ${choice}; the ${noun}s are: ${segmentList(segments)}`, `Give one of these with ${flag}`);
}
