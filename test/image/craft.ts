/**
 * Small hand-made image files for the image tests: NIfTI-1/-2 and NRRD written byte by byte from
 * their specifications (nifti1.h, nifti2.h, teem's NRRD format page), so that the readers are
 * checked against headers we know, not against files written by the same library that reads them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const NIFTI_TYPE = {
  uint8: 2, int16: 4, int32: 8, float32: 16, complex64: 32, float64: 64, rgb24: 128, int8: 256,
  uint16: 512, uint32: 768, int64: 1024, uint64: 1280,
} as const;

export interface NiftiSpec {
  dims: number[];
  datatype: number;
  bitpix: number;
  data: ArrayBufferView;
  pixdim?: number[];
  /** sform rows (RAS mm from index), 3 x 4, row-major. With it, sform_code 2 and qform_code 0. */
  sform?: number[];
  version?: 1 | 2;
}

/** A single-file NIfTI (.nii) as bytes. */
export function niftiBytes(spec: NiftiSpec): Uint8Array {
  const version = spec.version ?? 1;
  const headerSize = version === 1 ? 348 : 540;
  const voxOffset = version === 1 ? 352 : 544;
  const h = new DataView(new ArrayBuffer(voxOffset));
  const pixdim = spec.pixdim ?? [1, 1, 1, 1, 1, 1, 1, 1];
  const sform = spec.sform ?? [pixdim[1], 0, 0, 0, 0, pixdim[2], 0, 0, 0, 0, pixdim[3], 0];
  h.setInt32(0, headerSize, true);
  if (version === 1) {
    h.setInt16(40, spec.dims.length, true);
    for (let a = 0; a < 7; a++) h.setInt16(42 + 2 * a, spec.dims[a] ?? 1, true);
    h.setInt16(70, spec.datatype, true);
    h.setInt16(72, spec.bitpix, true);
    for (let a = 0; a < 8; a++) h.setFloat32(76 + 4 * a, pixdim[a] ?? 1, true);
    h.setFloat32(108, voxOffset, true);
    h.setFloat32(112, 1, true); // scl_slope
    h.setInt16(254, 2, true); // sform_code
    for (let i = 0; i < 12; i++) h.setFloat32(280 + 4 * i, sform[i], true);
    [0x6e, 0x2b, 0x31, 0].forEach((b, i) => h.setUint8(344 + i, b)); // "n+1\0"
  } else {
    [0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a].forEach((b, i) => h.setUint8(4 + i, b)); // "n+2\0\r\n\032\n"
    h.setInt16(12, spec.datatype, true);
    h.setInt16(14, spec.bitpix, true);
    h.setBigInt64(16, BigInt(spec.dims.length), true);
    for (let a = 0; a < 7; a++) h.setBigInt64(24 + 8 * a, BigInt(spec.dims[a] ?? 1), true);
    for (let a = 0; a < 8; a++) h.setFloat64(104 + 8 * a, pixdim[a] ?? 1, true);
    h.setBigInt64(168, BigInt(voxOffset), true);
    h.setFloat64(176, 1, true); // scl_slope
    h.setInt32(348, 2, true); // sform_code
    for (let i = 0; i < 12; i++) h.setFloat64(400 + 8 * i, sform[i], true);
  }
  const data = new Uint8Array(spec.data.buffer, spec.data.byteOffset, spec.data.byteLength);
  const out = new Uint8Array(voxOffset + data.length);
  out.set(new Uint8Array(h.buffer), 0);
  out.set(data, voxOffset);
  return out;
}

export interface NrrdSpec {
  type: string;
  sizes: number[];
  /** One vector per spatial axis (LPS), or 'none' for a list axis. */
  spaceDirections: (number[] | 'none')[];
  origin: number[];
  kinds?: string[];
  data: ArrayBufferView;
  encoding?: 'raw' | 'gzip';
  /** key:=value pairs. */
  keyValues?: [string, string][];
  /** Detached data file name (an .nhdr header); the data is then returned apart. */
  dataFile?: string;
}

/** A NRRD file as bytes (header + data), or for a detached header the two parts. */
export function nrrdBytes(spec: NrrdSpec): { header: Uint8Array; data: Uint8Array } {
  const enc = spec.encoding ?? 'raw';
  const dirs = spec.spaceDirections.map((d) => (d === 'none' ? 'none' : `(${d.join(',')})`)).join(' ');
  const lines = [
    'NRRD0004',
    `type: ${spec.type}`,
    `dimension: ${spec.sizes.length}`,
    'space: left-posterior-superior',
    `sizes: ${spec.sizes.join(' ')}`,
    `space directions: ${dirs}`,
    `kinds: ${(spec.kinds ?? spec.sizes.map(() => 'domain')).join(' ')}`,
    'endian: little',
    `encoding: ${enc}`,
    `space origin: (${spec.origin.join(',')})`,
  ];
  if (spec.dataFile) lines.push(`data file: ${spec.dataFile}`);
  for (const [k, v] of spec.keyValues ?? []) lines.push(`${k}:=${v}`);
  const raw = new Uint8Array(spec.data.buffer, spec.data.byteOffset, spec.data.byteLength);
  const data = enc === 'gzip' ? new Uint8Array(gzipSync(raw)) : raw;
  const header = new TextEncoder().encode(lines.join('\n') + '\n' + (spec.dataFile ? '' : '\n'));
  if (spec.dataFile) return { header, data };
  const all = new Uint8Array(header.length + data.length);
  all.set(header, 0);
  all.set(data, header.length);
  return { header: all, data: new Uint8Array(0) };
}

/** A fresh temporary folder and a function that removes it. */
export function tempFolder(prefix = 'radnomo-image-'): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name: string) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeBytes(path: string, bytes: Uint8Array): string {
  writeFileSync(path, bytes);
  return path;
}
