import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cooccurrencesWasm, neighbourCountsWasm } from '../../src/features/texture/neighbour-counts-wasm.js';
import { createRng } from '../../src/stats/random.js';

/** A label grid of `size` (z, y, x) with a one-voxel empty border; inside it ~80% of the voxels in the ROI, labels 1..n at random. */
function randomGrid(seed: number, [nz, ny, nx]: [number, number, number], n: number): { bins: Uint8Array; roi: number[] } {
  const rng = createRng(seed);
  const bins = new Uint8Array(nz * ny * nx);
  const roi: number[] = [];
  for (let z = 1; z < nz - 1; z++) for (let y = 1; y < ny - 1; y++) for (let x = 1; x < nx - 1; x++) {
    if (rng.unif() < 0.2) continue;
    const i = (z * ny + y) * nx + x;
    bins[i] = 1 + Math.floor(rng.unif() * n);
    roi.push(i);
  }
  return { bins, roi };
}

test('the neighbour counts kernel sums packed values and counts same-label neighbours over 26 neighbours', (t) => {
  const [ny, nx] = [9, 10];
  const { bins, roi } = randomGrid(11, [7, ny, nx], 4);
  const steps: number[] = [];
  for (let dz = -1; dz <= 1; dz++) for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
    if (dz !== 0 || dy !== 0 || dx !== 0) steps.push((dz * ny + dy) * nx + dx);
  }
  const packed = Int32Array.of(0, (3 << 5) | 1, (8 << 5) | 1, (9 << 5) | 1, (20 << 5) | 1);
  const sums = new Int32Array(roi.length), same = new Int32Array(roi.length);
  if (!neighbourCountsWasm(bins, Int32Array.from(roi), Int32Array.from(steps), packed, sums, same)) {
    t.skip('WebAssembly is not available here');
    return;
  }
  roi.forEach((i, r) => {
    let sc = 0, dep = 0;
    for (const s of steps) {
      sc += packed[bins[i + s]];
      if (bins[i + s] === bins[i]) dep++;
    }
    assert.equal(sums[r], sc, `packed sum of voxel ${i}`);
    assert.equal(same[r], dep, `same-label neighbours of voxel ${i}`);
  });
});

test('the co-occurrence kernel counts each voxel pair of 13 angles in its (angle, level, neighbour level) cell', (t) => {
  const [ny, nx] = [8, 9];
  const n = 3;
  const { bins, roi } = randomGrid(5, [6, ny, nx], n);
  const steps = Int32Array.of(1, nx - 1, nx, nx + 1, ny * nx, ny * nx + 1, ny * nx - 1, ny * nx + nx, ny * nx - nx, ny * nx + nx + 1, ny * nx + nx - 1, ny * nx - nx + 1, ny * nx - nx - 1);
  const w = n + 1, block = n * w;
  const wide = new Int32Array(13 * block).fill(-7); // overwritten, not added to
  if (!cooccurrencesWasm(bins, Int32Array.from(roi), steps, w, block, wide)) {
    t.skip('WebAssembly is not available here');
    return;
  }
  const expected = new Int32Array(13 * block);
  steps.forEach((s, a) => { for (const i of roi) expected[a * block + (bins[i] - 1) * w + bins[i + s]]++; });
  assert.deepEqual(wide, expected);
});
