/**
 * The text header of a NRRD file (teem's format: http://teem.sourceforge.net/nrrd/format.html):
 * "field: value" lines and "key:=value" key/value pairs, up to the first blank line (or the whole
 * file for a detached .nhdr). Voxel data is left to ITK's reader; radnomo reads the header for the
 * 3D Slicer segmentation fields (Segment0_Name:=..., Segment0_LabelValue:=..., ...).
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface NrrdHeader {
  /** Fields, names lower-cased ("sizes", "kinds", "space directions", ...). */
  fields: Map<string, string>;
  /** Key/value pairs (key:=value), keys as written. */
  keyValues: Map<string, string>;
}

const MAX_HEADER = 1 << 20;

/** True when the file starts with the NRRD magic ("NRRD000x"). */
export function hasNrrdMagic(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x4e && head[1] === 0x52 && head[2] === 0x52 && head[3] === 0x44;
}

/** Reads the header of a NRRD file, or null when the file does not start with the NRRD magic. */
export function readNrrdHeader(path: string): NrrdHeader | null {
  const fd = openSync(path, 'r');
  let text: string;
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(64 * 1024);
      const n = readSync(fd, buf, 0, buf.length, total);
      if (n <= 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      const sofar = Buffer.concat(chunks);
      if (total === n && !hasNrrdMagic(sofar)) return null;
      if (sofar.indexOf('\n\n') >= 0 || sofar.indexOf('\r\n\r\n') >= 0 || total >= MAX_HEADER) break;
    }
    const all = Buffer.concat(chunks);
    if (!hasNrrdMagic(all)) return null;
    let end = all.indexOf('\n\n');
    const endCrLf = all.indexOf('\r\n\r\n');
    if (end < 0 || (endCrLf >= 0 && endCrLf < end)) end = endCrLf;
    text = all.subarray(0, end < 0 ? all.length : end).toString('latin1');
  } finally {
    closeSync(fd);
  }
  const fields = new Map<string, string>();
  const keyValues = new Map<string, string>();
  for (const raw of text.split(/\r?\n/).slice(1)) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    const kv = line.indexOf(':=');
    const f = line.indexOf(': ');
    if (kv >= 0 && (f < 0 || kv < f)) keyValues.set(line.slice(0, kv), line.slice(kv + 2));
    else if (f >= 0) fields.set(line.slice(0, f).trim().toLowerCase(), line.slice(f + 2).trim());
  }
  return { fields, keyValues };
}
