import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTalliesWasm } from '../../src/features/texture/run-tallies-wasm.js';
import { createRng } from '../../src/stats/random.js';

/** Voxels at each position of their run, by walking back along the step voxel by voxel. */
function walkedTallies(bins: Uint8Array, roi: Int32Array, steps: Int32Array, n: number, width: number): Int32Array {
  const out = new Int32Array(steps.length * n * width);
  steps.forEach((s, a) => {
    for (const i of roi) {
      let l = 1;
      while (bins[i - l * s] === bins[i]) l++;
      out[(a * n + bins[i] - 1) * width + l]++;
    }
  });
  return out;
}

test('the run tallies kernel counts every voxel at its position in its run, along each step', (t) => {
  const rng = createRng(7);
  const random = () => rng.unif();
  const [nz, ny, nx] = [9, 11, 13];
  const bins = new Uint8Array(nz * ny * nx);
  const roi: number[] = [];
  const n = 3;
  // a border of 0, inside it ROI voxels of labels 1..n (few levels: long runs) and holes
  for (let z = 1; z < nz - 1; z++) for (let y = 1; y < ny - 1; y++) for (let x = 1; x < nx - 1; x++) {
    const i = (z * ny + y) * nx + x;
    if (random() < 0.15) continue;
    bins[i] = 1 + Math.floor(random() * n);
    roi.push(i);
  }
  const steps = Int32Array.of(1, nx - 1, nx, nx + 1, ny * nx, ny * nx + nx + 1, ny * nx - nx - 1);
  const width = Math.max(nz, ny, nx) + 2;
  const out = new Int32Array(steps.length * n * width).fill(-1);
  if (!runTalliesWasm(bins, Int32Array.from(roi), steps, n, width, out)) {
    t.skip('WebAssembly is not available here');
    return;
  }
  assert.deepEqual(out, walkedTallies(bins, Int32Array.from(roi), steps, n, width));
  assert.ok(out[2] > 0, 'the grid has runs longer than 1 along x');
});

test('the run tallies kernel declines labels wider than a byte', () => {
  const out = new Int32Array(4);
  assert.equal(runTalliesWasm(new Uint16Array(8), new Int32Array(0), Int32Array.of(1), 1, 4, out), false);
});
