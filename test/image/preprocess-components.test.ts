import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countConnectedComponents } from '../../src/image/preprocess/connected-components.js';
import { identityDirection, type Vec3, type Volume } from '../../src/image/volume.js';

/** Components by flood fill over the 26 neighbours, voxel by voxel: the definition. */
function floodFillCount(data: Uint8Array, [nx, ny, nz]: Vec3): number {
  const left = Uint8Array.from(data);
  let count = 0;
  const stack: number[] = [];
  for (let seed = 0; seed < left.length; seed++) {
    if (!left[seed]) continue;
    count++;
    left[seed] = 0;
    stack.push(seed);
    while (stack.length) {
      const v = stack.pop()!;
      const x = v % nx, y = Math.floor(v / nx) % ny, z = Math.floor(v / (nx * ny));
      for (let dz = -1; dz <= 1; dz++) for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const a = x + dx, b = y + dy, c = z + dz;
        if (a < 0 || b < 0 || c < 0 || a >= nx || b >= ny || c >= nz) continue;
        const w = a + nx * (b + ny * c);
        if (left[w]) { left[w] = 0; stack.push(w); }
      }
    }
  }
  return count;
}

test('connected components (26-connected) equal a flood fill on 2000 random masks of every density', () => {
  let s = 2024;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  let multi = 0;
  for (let t = 0; t < 2000; t++) {
    const size: Vec3 = [1 + Math.floor(next() * 11), 1 + Math.floor(next() * 11), 1 + Math.floor(next() * 7)];
    const p = next() * 0.6;
    const data = Uint8Array.from({ length: size[0] * size[1] * size[2] }, () => (next() < p ? 1 : 0));
    const roi: Volume<Uint8Array> = { data, size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: identityDirection(), pixelType: 'uint8' };
    const expected = floodFillCount(data, size);
    if (expected > 3) multi++;
    assert.equal(countConnectedComponents(roi), expected, `mask ${t}, size ${size}`);
  }
  assert.ok(multi > 300, `only ${multi} masks with more than 3 components`);
});
