/**
 * SHA-1 (FIPS 180-4) of voxel buffers, as hex: the primitive behind src/image/hash.ts (PyRadiomics'
 * diagnostics_*_Hash = SimpleITK's sitk.Hash, the SHA-1 of the voxel buffer in little-endian byte
 * order; a big-endian host's bytes are swapped first). Node's own SHA-1 (OpenSSL) is used when
 * the runtime offers it synchronously (process.getBuiltinModule, Node >= 20.16); elsewhere, e.g.
 * in a browser, the implementation below gives the same digest.
 */

interface HashSink {
  update(bytes: Uint8Array): void;
  hex(): string;
}

type NodeCrypto = { createHash(algorithm: string): { update(b: Uint8Array): unknown; digest(enc: 'hex'): string } };

function nodeCrypto(): NodeCrypto | null {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return (p?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined) ?? null;
}

/** A SHA-1 accumulator: Node's when available, else the portable one. */
export function createSha1(): HashSink {
  const crypto = nodeCrypto();
  if (crypto) {
    const h = crypto.createHash('sha1');
    return { update: (b) => void h.update(b), hex: () => h.digest('hex') };
  }
  return new Sha1();
}

const BIG_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 0;

/** The bytes of a typed array in little-endian order (a copy only on a big-endian host). */
function littleEndianBytes(data: ArrayBufferView): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const width = (data as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
  if (!BIG_ENDIAN || width === 1) return bytes;
  const copy = Uint8Array.from(bytes);
  for (let i = 0; i < copy.length; i += width) copy.subarray(i, i + width).reverse();
  return copy;
}

/** SHA-1 of a typed array's values as little-endian bytes. */
export function sha1Hex(data: ArrayBufferView): string {
  const h = createSha1();
  h.update(littleEndianBytes(data));
  return h.hex();
}

/**
 * SHA-1 of the values as a UInt32 buffer (C++ static_cast to uint32: integers wrap modulo 2^32,
 * floats truncate, NaN and infinities 0), without allocating the whole cast array. This is
 * sitk.Hash of sitk.Cast(mask, sitkUInt32), PyRadiomics' diagnostics_Mask-original_Hash.
 * Int32 values have the bytes of their uint32 cast already; typed arrays convert chunk by chunk
 * through TypedArray.set, whose ToUint32 is that cast.
 */
export function sha1HexAsUint32(values: ArrayLike<number>): string {
  if (values instanceof Uint32Array || values instanceof Int32Array) return sha1Hex(values);
  const h = createSha1();
  const chunk = new Uint32Array(Math.min(65536, Math.max(values.length, 1)));
  const typed = ArrayBuffer.isView(values) ? (values as unknown as Float64Array) : null;
  for (let start = 0; start < values.length; start += chunk.length) {
    const n = Math.min(chunk.length, values.length - start);
    if (typed) {
      chunk.set(typed.subarray(start, start + n));
    } else {
      for (let i = 0; i < n; i++) {
        const x = values[start + i];
        chunk[i] = Number.isFinite(x) ? Math.trunc(x) >>> 0 : 0;
      }
    }
    h.update(littleEndianBytes(n === chunk.length ? chunk : chunk.subarray(0, n)));
  }
  return h.hex();
}

/** Portable SHA-1 (FIPS 180-4, section 6.1). */
export class Sha1 implements HashSink {
  private h = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0];
  private readonly w = new Int32Array(80);
  private readonly pending = new Uint8Array(64);
  private pendingLength = 0;
  private total = 0;

  update(bytes: Uint8Array): void {
    this.total += bytes.length;
    let off = 0;
    if (this.pendingLength > 0) {
      const take = Math.min(64 - this.pendingLength, bytes.length);
      this.pending.set(bytes.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      off = take;
      if (this.pendingLength < 64) return;
      this.block(this.pending, 0);
      this.pendingLength = 0;
    }
    for (; off + 64 <= bytes.length; off += 64) this.block(bytes, off);
    this.pending.set(bytes.subarray(off));
    this.pendingLength = bytes.length - off;
  }

  hex(): string {
    // Padding: 0x80, zeros, then the message length in bits as a 64-bit big-endian integer.
    const n = this.total;
    const tail = new Uint8Array(this.pendingLength + 9 <= 64 ? 64 : 128);
    tail.set(this.pending.subarray(0, this.pendingLength));
    tail[this.pendingLength] = 0x80;
    const high = Math.floor(n / 0x20000000);
    const low = (n * 8) >>> 0;
    const e = tail.length;
    tail[e - 8] = high >>> 24; tail[e - 7] = high >>> 16; tail[e - 6] = high >>> 8; tail[e - 5] = high;
    tail[e - 4] = low >>> 24; tail[e - 3] = low >>> 16; tail[e - 2] = low >>> 8; tail[e - 1] = low;
    for (let off = 0; off < tail.length; off += 64) this.block(tail, off);
    return this.h.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
  }

  private block(src: Uint8Array, off: number): void {
    const w = this.w;
    for (let i = 0; i < 16; i++) {
      const j = off + i * 4;
      w[i] = (src[j] << 24) | (src[j + 1] << 16) | (src[j + 2] << 8) | src[j + 3];
    }
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
      w[i] = (x << 1) | (x >>> 31);
    }
    const h = this.h;
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (let i = 0; i < 80; i++) {
      let f: number, k: number;
      if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
      else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
      else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc | 0; }
      else { f = b ^ c ^ d; k = 0xca62c1d6 | 0; }
      const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0; h[4] = (h[4] + e) | 0;
  }
}
