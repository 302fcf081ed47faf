/**
 * A reader for NumPy's .npy files (format versions 1-3), enough for the reference matrices:
 * little-endian float64 / float32 / int32 / int64 / uint8 arrays, C or Fortran order.
 * Format: magic "\x93NUMPY", major, minor, header length (uint16 in v1, uint32 in v2/3), a Python
 * dict literal {'descr': '<f8', 'fortran_order': False, 'shape': (33, 33, 13), }, then the data.
 */
import { readFileSync } from 'node:fs';

export interface NpyArray {
  shape: number[];
  /** Values in C order (last axis fastest), as float64. */
  data: Float64Array;
}

export function parseNpy(buf: Uint8Array, source = 'npy'): NpyArray {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  for (let i = 0; i < magic.length; i++) {
    if (buf[i] !== magic[i]) throw new Error(`${source}: not a .npy file (bad magic)`);
  }
  const major = buf[6];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(buf.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1] === 'True';
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shapeText === undefined) throw new Error(`${source}: unreadable header ${header}`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = headerStart + headerLen;
  const raw = new Float64Array(count);
  const readers: Record<string, [number, (o: number) => number]> = {
    '<f8': [8, (o) => view.getFloat64(o, true)],
    '<f4': [4, (o) => view.getFloat32(o, true)],
    '<i4': [4, (o) => view.getInt32(o, true)],
    '<i8': [8, (o) => Number(view.getBigInt64(o, true))],
    '|u1': [1, (o) => view.getUint8(o)],
    '|b1': [1, (o) => view.getUint8(o)],
  };
  const reader = readers[descr];
  if (!reader) throw new Error(`${source}: dtype ${descr} is not supported`);
  const [width, get] = reader;
  for (let i = 0; i < count; i++) raw[i] = get(offset + i * width);
  if (!fortran || shape.length < 2) return { shape, data: raw };
  // Fortran order: first axis fastest; reorder to C order
  const data = new Float64Array(count);
  const idx = new Array<number>(shape.length).fill(0);
  for (let f = 0; f < count; f++) {
    let c = 0;
    for (let d = 0; d < shape.length; d++) c = c * shape[d] + idx[d];
    data[c] = raw[f];
    for (let d = 0; d < shape.length; d++) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return { shape, data };
}

export function readNpy(path: string): NpyArray {
  return parseNpy(readFileSync(path), path);
}
