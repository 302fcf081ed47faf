/**
 * Child process of no-detach.test.ts: an ak1316 extraction (B-spline resampling, LoG, wavelet,
 * LBP3D: every WebAssembly kernel, each needing more than its first memory) on a small synthetic
 * image, then a line 'extracted', then one ArrayBuffer detached on purpose. Run with
 * --trace-protector-invalidation, V8 prints "Invalidating protector cell ArrayBufferDetaching"
 * when an isolate's first ArrayBuffer is detached: that line after 'extracted' shows that nothing
 * was detached in this thread before.
 */
import { extract } from '../../src/features/extractor.js';
import { readPreset } from '../../src/features/params.js';
import { identityDirection, type Vec3, type Volume } from '../../src/image/volume.js';

const size: Vec3 = [40, 36, 22];
const n = size[0] * size[1] * size[2];
const image = new Int16Array(n), mask = new Uint8Array(n);
let s = 5;
for (let z = 0, i = 0; z < size[2]; z++) {
  for (let y = 0; y < size[1]; y++) {
    for (let x = 0; x < size[0]; x++, i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      image[i] = Math.round(400 * Math.sin(x / 5) * Math.cos(y / 7) + z * 10 + (s % 120));
      const d = ((x - 20) / 13) ** 2 + ((y - 18) / 11) ** 2 + ((z - 11) / 7) ** 2;
      mask[i] = d <= 1 ? 1 : 0;
    }
  }
}
const geometry = { size, spacing: [0.9, 0.95, 1.7] as Vec3, origin: [0, 0, 0] as Vec3, direction: identityDirection() };
const volume = (data: Int16Array | Uint8Array, pixelType: 'int16' | 'uint8'): Volume => ({ ...geometry, data, pixelType });
const { row } = extract(volume(image, 'int16'), volume(mask, 'uint8'), { params: readPreset('ak1316') });
console.log(`features ${[...row.keys()].filter((k) => !k.startsWith('diagnostics_')).length}`);
console.log('extracted');
const probe = new ArrayBuffer(8);
structuredClone(probe, { transfer: [probe] });
console.log('probed');
