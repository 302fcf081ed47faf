/**
 * NRRD read natively, as itk-wasm's NrrdImageIO (ITK 5.4.3 over teem's NrrdIO) reads it, for the
 * files whose reading is certain: .nrrd / .nhdr names, NRRD0001-5 headers made of the fields
 * below, raw or gzip data attached or in one detached file (byte skip, line skip), scalar voxels
 * of 8 to 64 bits (not 64-bit integers), 2 or 3 axes that are all domain axes. Anything else
 * returns null and readVolume hands the file to itk-wasm as before (same voxels, same errors):
 * vector / RGB / list axes, 4D, 'none' space directions, ascii/hex/bz2 encodings, multi-file
 * data, axis mins/maxs, labels, units, thicknesses, measurement frames, 4D (time) spaces, any
 * value that teem's lenient parsers (sscanf) might read differently from a strict reading.
 *
 * The rules reproduced (format: teem's http://teem.sourceforge.net/nrrd/format.html; code: ITK's
 * NrrdImageIO::ReadImageInformation, teem's nrrdSpacingCalculate):
 * - header lines end with \n, \r\n or \r; comments start with #; `field: value` (field names
 *   case-insensitive, with teem's synonyms) or `key:=value`; the first empty line ends the header;
 * - spacing of an axis = |space direction| (sum of squares, then sqrt); direction = the space
 *   direction times 1/spacing; origin = space origin; 'right-anterior-superior' negates the x and
 *   y components of both, 'left-anterior-superior' the x component (RAS/LAS -> ITK's LPS);
 * - without a space: spacing from 'spacings' (else 1), identity directions, origin 0;
 * - detached data: 'data file' relative to the header's folder (or absolute); line skip counts
 *   lines of the data file; byte skip counts bytes after the line skip (of the decompressed stream
 *   for gzip), -1 meaning "the data end the file" (-N-1: N bytes follow them).
 * test/image/native-readers.test.ts checks the result against itk-wasm's, bit for bit.
 */
import type { Image } from 'itk-wasm';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { allocate, type PixelType } from './volume.js';

const TYPES: Record<string, { pixelType: PixelType; bytes: number }> = {};
for (const [names, pixelType, bytes] of [
  ['signed char|int8|int8_t', 'int8', 1],
  ['uchar|unsigned char|uint8|uint8_t', 'uint8', 1],
  ['short|short int|signed short|signed short int|int16|int16_t', 'int16', 2],
  ['ushort|unsigned short|unsigned short int|uint16|uint16_t', 'uint16', 2],
  ['int|signed int|int32|int32_t', 'int32', 4],
  ['uint|unsigned int|uint32|uint32_t', 'uint32', 4],
  ['float', 'float32', 4],
  ['double', 'float64', 8],
] as const) {
  for (const name of names.split('|')) TYPES[name] = { pixelType, bytes };
}

/** Space names (teem's nrrdSpace, lower-cased) of 3D spaces, with the components ITK negates. */
const SPACES: Record<string, number[]> = {};
for (const [names, flips] of [
  ['right-anterior-superior|right anterior superior|rightanteriorsuperior|ras', [0, 1]],
  ['left-anterior-superior|left anterior superior|leftanteriorsuperior|las', [0]],
  ['left-posterior-superior|left posterior superior|leftposteriorsuperior|lps', []],
  ['scanner-xyz|3d-right-handed|3d right handed|3drighthanded|3d-left-handed|3d left handed|3dlefthanded', []],
] as const) {
  for (const name of names.split('|')) SPACES[name] = [...flips];
}

/** Field identifiers (teem's nrrdField names and synonyms, lower-cased) read here. */
const FIELDS: Record<string, string> = {
  content: 'content', number: 'number', min: 'min', max: 'max', type: 'type', dimension: 'dimension',
  space: 'space', 'space dimension': 'space dimension', spacedimension: 'space dimension',
  sizes: 'sizes', spacings: 'spacings', 'space directions': 'space directions', spacedirections: 'space directions',
  centers: 'centers', centerings: 'centers', kinds: 'kinds', endian: 'endian', encoding: 'encoding',
  'line skip': 'line skip', lineskip: 'line skip', 'byte skip': 'byte skip', byteskip: 'byte skip',
  'space origin': 'space origin', spaceorigin: 'space origin', 'data file': 'data file', datafile: 'data file',
};

/** Other teem fields: valid NRRD, but left to itk-wasm. */
const OTHER_FIELDS = new Set([
  'block size', 'blocksize', 'thicknesses', 'axis mins', 'axismins', 'axis maxs', 'axismaxs', 'labels', 'units',
  'old min', 'oldmin', 'old max', 'oldmax', 'sample units', 'sampleunits', 'space units', 'spaceunits',
  'measurement frame', 'measurementframe', 'key/value',
]);

const NUMBER = /^[ \t]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[ \t]*$/;
const DIGITS = /^\d+$/;

/** A finite number written plainly (no nan/inf/hex, which teem's sscanf reads its own way), else null. */
function plainNumber(s: string): number | null {
  const m = NUMBER.exec(s);
  if (!m) return null;
  const x = Number(m[1]);
  return Number.isFinite(x) ? x : null;
}

/** Tokens separated by spaces/tabs, as teem's airStrtok with " \t". */
const tokens = (s: string): string[] => s.split(/[ \t]+/).filter((t) => t !== '');

/** "(x,y,z)" with `n` plain numbers, "none" (null), or undefined when not read here. */
function spaceVector(s: string, n: number): number[] | null | undefined {
  if (s === 'none') return null;
  if (!s.startsWith('(') || !s.endsWith(')') || s.indexOf(')') !== s.length - 1) return undefined;
  const parts = s.slice(1, -1).split(',');
  if (parts.length !== n) return undefined;
  const v = parts.map(plainNumber);
  return v.every((x) => x !== null) ? (v as number[]) : undefined;
}

interface Header {
  /** Field values in header order (a Map keeps insertion order). */
  fields: Map<string, string>;
  /** Byte offset just after the header (its empty line), or -1 when the file ended first. */
  end: number;
}

const NUL = Symbol('NUL');

/**
 * Splits the header into fields as teem's _nrrdFormatNRRD_read does; null when a line is not one
 * this reader understands (teem may still read it, or refuse it: itk-wasm decides).
 */
function parseHeader(bytes: Uint8Array): Header | null {
  let pos = 0;
  /** The next line without its end, null at the end of the file (teem drops an unended line). */
  const line = (): string | null | typeof NUL => {
    const stop = Math.min(bytes.length, pos + 65536);
    let s = '';
    for (let i = pos; i < stop; i++) {
      const b = bytes[i];
      if (b === 0x0a || b === 0x0d) {
        pos = b === 0x0d && bytes[i + 1] === 0x0a ? i + 2 : i + 1;
        return s;
      }
      if (b === 0) return NUL;
      s += String.fromCharCode(b);
    }
    if (stop < bytes.length) return NUL; // a 64 kB line: not a header this reader takes
    pos = bytes.length;
    return null;
  };
  const magic = line();
  if (typeof magic !== 'string' || !/^NRRD(000[1-5]|00\.01)$/.test(magic)) return null;
  const fields = new Map<string, string>();
  for (;;) {
    const l = line();
    if (l === NUL) return null;
    if (l === null) return { fields, end: -1 };
    if (l === '') return { fields, end: pos };
    if (l.startsWith('#')) continue;
    const colon = l.indexOf(': ');
    if (colon >= 0) {
      const name = l.slice(0, colon).toLowerCase();
      const field = FIELDS[name];
      if (field) {
        if (fields.has(field)) return null; // teem: "already set field"
        fields.set(field, l.slice(colon + 2).replace(/^[ \t]+/, ''));
        continue;
      }
      if (OTHER_FIELDS.has(name)) return null;
    }
    // teem looks for ":=" only before the first ": " (it cut the line there to try a field name).
    if ((colon >= 0 ? l.slice(0, colon) : l).includes(':=')) continue; // key/value pair
    return null;
  }
}

export interface NrrdLayout {
  pixelType: PixelType;
  bytesPerVoxel: number;
  size: number[];
  spacing: number[];
  origin: number[];
  /** dims x dims, element [row * dims + column] (itk-wasm's order). */
  direction: Float64Array;
  littleEndian: boolean;
  gzip: boolean;
  lineSkip: number;
  byteSkip: number;
  /** Detached data file (absolute path), or null for data after the header. */
  dataFile: string | null;
}

/** The geometry and data layout ITK would take from these fields, or null when not certain. */
export function nrrdLayout(fields: Map<string, string>, headerPath: string): NrrdLayout | null {
  const get = (k: string): string | undefined => fields.get(k);
  // teem parses each field when it meets it: per-axis fields need the dimension before them, space
  // vectors need the space (or space dimension) before them.
  const order = [...fields.keys()];
  const before = (a: string, b: string): boolean => !fields.has(b) || (fields.has(a) && order.indexOf(a) < order.indexOf(b));
  if (!['sizes', 'spacings', 'kinds', 'centers', 'space directions'].every((f) => before('dimension', f))) return null;
  const space = fields.has('space') ? 'space' : 'space dimension';
  if (!['space directions', 'space origin'].every((f) => before(space, f))) return null;
  const typeName = get('type');
  const dimText = get('dimension');
  const sizesText = get('sizes');
  const encoding = get('encoding')?.toLowerCase();
  if (typeName === undefined || dimText === undefined || sizesText === undefined || encoding === undefined) return null;
  const type = TYPES[typeName.toLowerCase()];
  if (!type || !DIGITS.test(dimText)) return null;
  const dim = Number(dimText);
  if (dim !== 2 && dim !== 3) return null;
  const sizes = tokens(sizesText);
  if (sizes.length !== dim || !sizes.every((t) => DIGITS.test(t))) return null;
  const size = sizes.map(Number);
  if (!size.every((n) => n >= 1 && Number.isSafeInteger(n))) return null;
  if (encoding !== 'raw' && encoding !== 'gz' && encoding !== 'gzip') return null;
  const endian = get('endian')?.toLowerCase();
  if (endian !== undefined && endian !== 'little' && endian !== 'big') return null;
  if (endian === undefined && type.bytes > 1) return null; // teem: endian required
  const kinds = get('kinds');
  if (kinds !== undefined) {
    const k = tokens(kinds);
    if (k.length !== dim || !k.every((t) => t === '???' || t === 'none' || ['domain', 'space', 'time'].includes(t.toLowerCase()))) return null;
  }
  const centers = get('centers');
  if (centers !== undefined) {
    const c = tokens(centers);
    if (c.length !== dim || !c.every((t) => t === '???' || t === 'none' || ['cell', 'node'].includes(t.toLowerCase()))) return null;
  }
  const spaceName = get('space');
  const spaceDimText = get('space dimension');
  let spaceDim = 0;
  let flips: number[] = [];
  if (spaceName !== undefined) {
    if (spaceDimText !== undefined) return null; // teem refuses both
    const f = SPACES[spaceName.toLowerCase()];
    if (!f) return null;
    flips = f;
    spaceDim = 3;
  } else if (spaceDimText !== undefined) {
    if (!DIGITS.test(spaceDimText)) return null;
    spaceDim = Number(spaceDimText);
  }
  const spacing = new Array<number>(dim).fill(1);
  const origin = new Array<number>(dim).fill(0);
  const direction = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) direction[i * dim + i] = 1;
  const directionsText = get('space directions');
  const originText = get('space origin');
  const spacingsText = get('spacings');
  if (spaceDim > 0) {
    // ITK: the space must have as many dimensions as the image has (domain) axes.
    if (spaceDim !== dim || directionsText === undefined || spacingsText !== undefined) return null;
    const vectors = directionsText.trim().split(/[ \t]+/);
    if (vectors.length !== dim) return null;
    for (let axis = 0; axis < dim; axis++) {
      const v = spaceVector(vectors[axis], spaceDim);
      if (!v) return null;
      let nn = 0;
      for (let r = 0; r < spaceDim; r++) nn += v[r] * v[r];
      const len = Math.sqrt(nn);
      if (!(len > 0) || !Number.isFinite(len)) return null;
      const scale = 1 / len;
      const d = v.map((x) => scale * x);
      for (const r of flips) d[r] *= -1;
      spacing[axis] = len;
      for (let r = 0; r < dim; r++) direction[r * dim + axis] = d[r];
    }
    if (originText !== undefined) {
      const o = spaceVector(originText.replace(/[ \t]+$/, ''), spaceDim);
      if (o === undefined) return null;
      if (o) {
        for (const r of flips) o[r] *= -1;
        for (let r = 0; r < dim; r++) origin[r] = o[r];
      }
    }
  } else {
    if (directionsText !== undefined || originText !== undefined) return null; // teem: no space dimension yet
    if (spacingsText !== undefined) {
      const s = tokens(spacingsText);
      if (s.length !== dim) return null;
      for (let i = 0; i < dim; i++) {
        const x = plainNumber(s[i]);
        if (x === null || x === 0) return null;
        spacing[i] = x;
      }
    }
  }
  const lineSkipText = get('line skip');
  const byteSkipText = get('byte skip');
  if (lineSkipText !== undefined && !DIGITS.test(lineSkipText)) return null;
  if (byteSkipText !== undefined && !/^-?\d+$/.test(byteSkipText)) return null;
  const dataFileText = get('data file');
  let dataFile: string | null = null;
  if (dataFileText !== undefined) {
    // One file named plainly: not LIST, not a %d pattern, not stdin, not "x:..." (teem's _NEED_PATH).
    if (dataFileText === '' || dataFileText.startsWith('LIST') || dataFileText.includes('%') || dataFileText === '-' || dataFileText[1] === ':') return null;
    dataFile = isAbsolute(dataFileText) ? dataFileText : join(dirname(headerPath), dataFileText);
  }
  return {
    pixelType: type.pixelType, bytesPerVoxel: type.bytes, size, spacing, origin, direction,
    littleEndian: endian !== 'big', gzip: encoding !== 'raw',
    lineSkip: lineSkipText === undefined ? 0 : Number(lineSkipText),
    byteSkip: byteSkipText === undefined ? 0 : Number(byteSkipText),
    dataFile,
  };
}

/** Position after skipping `n` lines from `pos` (airOneLine's line ends), or -1 at end of file. */
function skipLines(bytes: Uint8Array, pos: number, n: number): number {
  for (let k = 0; k < n; k++) {
    let i = pos;
    while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    if (i >= bytes.length) return -1;
    pos = bytes[i] === 0x0d && bytes[i + 1] === 0x0a ? i + 2 : i + 1;
  }
  return pos;
}

/** The voxel bytes (in file byte order) per the layout, or null when teem would not get them. */
function voxelBytes(layout: NrrdLayout, file: Uint8Array, start: number, count: number): Uint8Array | null {
  const pos = skipLines(file, start, layout.lineSkip);
  if (pos < 0) return null;
  const need = count * layout.bytesPerVoxel;
  const skip = layout.byteSkip;
  let stream: Uint8Array;
  if (layout.gzip) {
    try {
      stream = gunzipSync(file.subarray(pos));
    } catch {
      return null; // teem may still read it (it reads non-gzip data as is) or fail: itk-wasm decides
    }
    if (skip >= 0) return stream.length >= skip + need ? stream.subarray(skip, skip + need) : null;
  } else {
    stream = file;
    if (skip >= 0) return pos + skip + need <= file.length ? file.subarray(pos + skip, pos + skip + need) : null;
  }
  const end = stream.length - (-skip - 1);
  if (layout.gzip ? end < need : end - need < 0 || end > stream.length) return null;
  return stream.subarray(end - need, end);
}

const HOST_LITTLE = endianness() === 'LE';

/**
 * The Image itk-wasm would give for a NRRD file (.nrrd, or a .nhdr header), or null when the file
 * is left to itk-wasm. Reads the file (and its detached data file).
 */
export function nrrdImage(path: string): Image | null {
  if (!path.endsWith('.nrrd') && !path.endsWith('.nhdr')) return null;
  const file = readFileSync(path);
  const header = parseHeader(file);
  if (!header) return null;
  const layout = nrrdLayout(header.fields, path);
  if (!layout) return null;
  let data: Uint8Array;
  let start: number;
  if (layout.dataFile) {
    if (!existsSync(layout.dataFile) || !statSync(layout.dataFile).isFile()) return null;
    data = readFileSync(layout.dataFile);
    start = 0;
  } else {
    if (header.end < 0) return null; // teem: end of header without a data file
    data = file;
    start = header.end;
  }
  const count = layout.size.reduce((a, b) => a * b, 1);
  const raw = voxelBytes(layout, data, start, count);
  if (!raw) return null;
  const values = allocate(layout.pixelType, count);
  const out = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  out.set(raw);
  const size = layout.bytesPerVoxel;
  if (size > 1 && layout.littleEndian !== HOST_LITTLE) {
    for (let i = 0; i < out.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = out[a];
        out[a] = out[b];
        out[b] = t;
      }
    }
  }
  return {
    imageType: { dimension: layout.size.length, componentType: layout.pixelType, pixelType: 'Scalar', components: 1 },
    name: 'image',
    origin: layout.origin,
    spacing: layout.spacing,
    direction: layout.direction,
    size: layout.size,
    metadata: new Map(),
    data: values,
  } as unknown as Image;
}
