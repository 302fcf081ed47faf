/**
 * What a path holds, decided from its content (magic bytes, NRRD header, DICOM SOP class) rather
 * than from its name alone, so that a renamed file is still read the right way.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { ImageReadError } from './errors.js';
import { isDicomFile, readDicomHeader } from './dicom-files.js';
import { hasNrrdMagic, readNrrdHeader } from './nrrd-header.js';
import { isSlicerSegmentation } from './slicer-seg.js';

export type ImageKind =
  | 'dicom-folder'
  | 'dicom-image'
  | 'rtstruct'
  | 'dicom-seg'
  | 'dicom-other'
  | 'slicer-seg'
  | 'nrrd'
  | 'nifti'
  | 'image';

function head(path: string, n: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

/** Decides what `path` holds; a missing path is an ImageReadError. */
export function detectKind(path: string): ImageKind {
  if (!existsSync(path)) {
    throw new ImageReadError(path, 'no such file or folder', 'Check the path (relative paths start from the current folder)');
  }
  const st = statSync(path);
  if (st.isDirectory()) return 'dicom-folder';
  if (st.size === 0) throw new ImageReadError(path, 'the file is empty', 'Copy or export it again');
  if (isDicomFile(path)) {
    const h = readDicomHeader(path);
    if (!h) throw new ImageReadError(path, 'a DICOM file whose header cannot be parsed (damaged or cut short)', 'Copy it again from its source');
    if (h.kind === 'rtstruct') return 'rtstruct';
    if (h.kind === 'seg') return 'dicom-seg';
    if (h.kind === 'image') return 'dicom-image';
    return 'dicom-other';
  }
  const bytes = head(path, 4);
  if (hasNrrdMagic(bytes)) {
    const header = readNrrdHeader(path);
    return header && isSlicerSegmentation(header) ? 'slicer-seg' : 'nrrd';
  }
  const lower = path.toLowerCase();
  if (lower.endsWith('.nii') || lower.endsWith('.nii.gz')) return 'nifti';
  return 'image';
}
