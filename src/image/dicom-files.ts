/**
 * The DICOM attributes radnomo needs to sort files into series and check a series' geometry,
 * read with dicom-parser (headers only: parsing stops at the pixel data). Tag numbers and SOP
 * class UIDs are those of DICOM PS3.6 (data dictionary) and PS3.4 (SOP classes).
 */
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Vec3 } from './volume.js';

export const SOP_CLASS = {
  rtStructureSet: '1.2.840.10008.5.1.4.1.1.481.3',
  segmentation: '1.2.840.10008.5.1.4.1.1.66.4',
} as const;

export type DicomObjectKind = 'image' | 'rtstruct' | 'seg' | 'other';

export interface DicomHeader {
  /** Absolute path. */
  file: string;
  kind: DicomObjectKind;
  sopClassUid: string;
  modality: string;
  seriesUid: string;
  seriesDescription: string;
  seriesNumber?: number;
  instanceNumber?: number;
  rows?: number;
  columns?: number;
  /** Image Position (Patient), mm, LPS. */
  position?: Vec3;
  /** Image Orientation (Patient): row direction then column direction. */
  orientation?: number[];
  numberOfFrames?: number;
}

/** Bytes read first; most headers end well before, and a longer one is read whole. */
const HEADER_CHUNK = 64 * 1024;

function hasDicmPrefix(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** True when the file starts like a DICOM Part 10 file ("DICM" after the 128-byte preamble). */
export function isDicomFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = new Uint8Array(132);
    const n = readSync(fd, head, 0, 132, 0);
    return n === 132 && hasDicmPrefix(head);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readHead(path: string, bytes: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Parses a DICOM file's header (up to the pixel data); null when it is not DICOM. */
export function parseDicomHeaderDataSet(path: string): DataSet | null {
  const size = statSync(path).size;
  const head = readHead(path, Math.min(size, HEADER_CHUNK));
  if (!hasDicmPrefix(head)) return null;
  try {
    const ds = dicomParser.parseDicom(head, { untilTag: 'x7fe00010' });
    if (ds.elements['x7fe00010'] || size <= HEADER_CHUNK) return ds;
  } catch {
    if (size <= HEADER_CHUNK) return null;
  }
  try {
    return dicomParser.parseDicom(new Uint8Array(readFileSync(path)), { untilTag: 'x7fe00010' });
  } catch {
    return null;
  }
}

function numbers(ds: DataSet, tag: string): number[] | undefined {
  const s = ds.string(tag);
  if (s === undefined || s === '') return undefined;
  const v = s.split('\\').map((x) => Number(x.trim()));
  return v.every(Number.isFinite) ? v : undefined;
}

function kindOf(sopClassUid: string, ds: DataSet): DicomObjectKind {
  if (sopClassUid === SOP_CLASS.rtStructureSet) return 'rtstruct';
  if (sopClassUid === SOP_CLASS.segmentation) return 'seg';
  return ds.uint16('x00280010') !== undefined ? 'image' : 'other';
}

/** The header attributes radnomo uses; null when the file is not DICOM. */
export function readDicomHeader(path: string): DicomHeader | null {
  const file = resolve(path);
  const ds = parseDicomHeaderDataSet(file);
  if (!ds) return null;
  const sopClassUid = (ds.string('x00080016') ?? '').trim();
  const pos = numbers(ds, 'x00200032');
  const orientation = numbers(ds, 'x00200037');
  return {
    file,
    kind: kindOf(sopClassUid, ds),
    sopClassUid,
    modality: (ds.string('x00080060') ?? '').trim(),
    seriesUid: (ds.string('x0020000e') ?? '').trim(),
    seriesDescription: (ds.string('x0008103e') ?? '').trim(),
    seriesNumber: ds.intString('x00200011'),
    instanceNumber: ds.intString('x00200013'),
    rows: ds.uint16('x00280010'),
    columns: ds.uint16('x00280011'),
    position: pos && pos.length === 3 ? [pos[0], pos[1], pos[2]] : undefined,
    orientation: orientation && orientation.length === 6 ? orientation : undefined,
    numberOfFrames: ds.intString('x00280008'),
  };
}

export interface DicomFolderScan {
  headers: DicomHeader[];
  /** Files that are not DICOM (or could not be parsed), relative to the folder. */
  skipped: string[];
}

/** Reads the header of every DICOM file in a folder (and its sub-folders when `recursive`). */
export function scanDicomFolder(dir: string, recursive = true): DicomFolderScan {
  const headers: DicomHeader[] = [];
  const skipped: string[] = [];
  const walk = (d: string, rel: string): void => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(d, e.name);
      const relName = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (recursive) walk(full, relName);
        continue;
      }
      if (!e.isFile() || e.name.startsWith('.') || e.name.toUpperCase() === 'DICOMDIR') continue;
      const h = readDicomHeader(full);
      if (h) headers.push(h);
      else skipped.push(relName);
    }
  };
  walk(resolve(dir), '');
  return { headers, skipped };
}
