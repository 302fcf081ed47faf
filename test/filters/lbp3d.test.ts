import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csqrtReal, lbp3d, lbp3dImage } from '../../src/filters/lbp3d.js';
import { numpySum } from '../../src/image/preprocess/numpy-sum.js';
import { forEachNeighbourSamples, scipyOutputCast } from '../../src/filters/neighbour-samples.js';
import { cubicSplineCoefficients, cubicWeights, mirrorIndex } from '../../src/filters/cubic-spline.js';
import { icosphere } from '../../src/filters/icosphere.js';
import { sphHarm } from '../../src/filters/spherical-harmonics.js';
import { identityDirection, type PixelType, type Vec3, type Volume } from '../../src/image/volume.js';
import { closeTo, firstOrder, preparedCase, referenceRows, robustMadRange, roiValues, settingsFor } from './lbp-reference.js';

/** A small deterministic volume (a fixed linear congruential sequence, not a random-number source). */
function testVolume(size: Vec3, pixelType: PixelType): Volume {
  const n = size[0] * size[1] * size[2];
  const data = pixelType === 'int16' ? new Int16Array(n) : new Float64Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = pixelType === 'int16' ? (s % 2000) - 300 : (s / 2147483648) * 100 - 20;
  }
  return { data, size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: identityDirection(), pixelType };
}

/**
 * map_coordinates(order=3, mode='constant') at one point, straight from SciPy's documented rules:
 * cval outside [0, len - 1] on any axis, else the 4 x 4 x 4 tensor product from floor(c) - 1 with
 * mirrored edge taps, summed in SciPy's order (numpy axis 0 outermost).
 */
function scipySample(coef: Float64Array, size: Vec3, cz: number, cy: number, cx: number): number {
  const [nx, ny, nz] = size;
  if (cz < 0 || cz > nz - 1 || cy < 0 || cy > ny - 1 || cx < 0 || cx > nx - 1) return 0;
  const wz = new Float64Array(4), wy = new Float64Array(4), wx = new Float64Array(4);
  cubicWeights(cz, wz); cubicWeights(cy, wy); cubicWeights(cx, wx);
  const z0 = Math.floor(cz) - 1, y0 = Math.floor(cy) - 1, x0 = Math.floor(cx) - 1;
  let t = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      for (let k = 0; k < 4; k++) {
        const c = coef[(mirrorIndex(z0 + i, nz) * ny + mirrorIndex(y0 + j, ny)) * nx + mirrorIndex(x0 + k, nx)];
        t += c * wz[i] * wy[j] * wx[k];
      }
    }
  }
  return t;
}

/** A mask touching every face of the volume plus a scattered interior. */
function edgyMask(size: Vec3): Uint8Array {
  const [nx, ny, nz] = size;
  const m = new Uint8Array(nx * ny * nz);
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const i = x + nx * (y + ny * z);
    if (x === 0 || y === ny - 1 || z === 0 || z === nz - 1 || (i * 37) % 5 === 0) m[i] = 1;
  }
  return m;
}

for (const pixelType of ['float64', 'int16'] as const) {
  for (const [subdivision, radius] of [[1, 1], [0, 1.5], [2, 2]]) {
    test(`neighbour samples equal SciPy's cubic map_coordinates (${pixelType}, subdivision ${subdivision}, radius ${radius}, ROI on every face)`, () => {
      const size: Vec3 = [9, 7, 6];
      const vol = testVolume(size, pixelType);
      const mask = edgyMask(size);
      const roi = Int32Array.from(Array.from(mask.keys()).filter((i) => mask[i]));
      const offsets = icosphere(subdivision, radius);
      const nv = offsets.length / 3;
      const coef = cubicSplineCoefficients(vol.data, size);
      const cast = scipyOutputCast(pixelType);
      let visited = 0;
      forEachNeighbourSamples(vol.data, size, pixelType, roi, { nv, offsets }, (voxel, samples) => {
        assert.equal(voxel, roi[visited++]);
        const x = voxel % size[0], y = Math.floor(voxel / size[0]) % size[1], z = Math.floor(voxel / (size[0] * size[1]));
        for (let v = 0; v < nv; v++) {
          const ref = cast(scipySample(coef, size, z + offsets[3 * v], y + offsets[3 * v + 1], x + offsets[3 * v + 2]));
          assert.ok(Math.abs(samples[v] - ref) <= 1e-12 * Math.max(1, Math.abs(ref)), `voxel ${voxel} vertex ${v}: ${samples[v]} vs ${ref}`);
        }
      });
      assert.equal(visited, roi.length);
    });
  }
}

test('ties: on a float64 image with plateaus every sample sits on the same side of the centre as SciPy\'s', () => {
  // integer values in three levels: many neighbours equal the centre, and at the vertices on the
  // grid the sample equals it up to rounding, so only SciPy's own order of sums decides
  const size: Vec3 = [12, 11, 10];
  const base = testVolume(size, 'float64');
  const data = Float64Array.from(base.data, (v) => 1000 + 100 * (Math.floor(Math.abs(v)) % 3));
  const roi = Int32Array.from({ length: data.length }, (_, i) => i);
  const offsets = icosphere(1, 1);
  const coef = cubicSplineCoefficients(data, size);
  let ties = 0;
  forEachNeighbourSamples(data, size, 'float64', roi, { nv: 42, offsets }, (voxel, samples) => {
    const x = voxel % size[0], y = Math.floor(voxel / size[0]) % size[1], z = Math.floor(voxel / (size[0] * size[1]));
    for (let v = 0; v < 42; v++) {
      const ref = scipySample(coef, size, z + offsets[3 * v], y + offsets[3 * v + 1], x + offsets[3 * v + 2]);
      if (Math.abs(ref - data[voxel]) < 1e-9) ties++;
      assert.equal(samples[v] >= data[voxel], ref >= data[voxel], `voxel ${voxel} vertex ${v}: ${samples[v]} vs ${ref}, centre ${data[voxel]}`);
    }
  });
  assert.ok(ties > 1000, `only ${ties} near-ties: the test lost its point`);
});

test('LBP3D images follow the definition voxel by voxel (samples, kurtosis, harmonic energies)', () => {
  const size: Vec3 = [8, 7, 6];
  const vol = testVolume(size, 'float64');
  const mask = edgyMask(size);
  const levels = 3;
  const r = lbp3d(vol, { ...vol, data: mask, pixelType: 'uint8' }, { levels, radius: 1, subdivision: 1 });
  const verts = icosphere(1, 1);
  const nv = verts.length / 3;
  const coef = cubicSplineCoefficients(vol.data, size);
  const y: [number, number] = [0, 0];
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) {
      assert.equal(r.kurtosis[i], 0);
      continue;
    }
    const x0 = i % size[0], y0 = Math.floor(i / size[0]) % size[1], z0 = Math.floor(i / (size[0] * size[1]));
    const f = Array.from({ length: nv }, (_, v) => scipySample(coef, size, z0 + verts[3 * v], y0 + verts[3 * v + 1], x0 + verts[3 * v + 2]));
    const mean = f.reduce((a, b) => a + b) / nv;
    const m2 = f.reduce((a, b) => a + (b - mean) ** 2, 0) / nv;
    const m4 = f.reduce((a, b) => a + (b - mean) ** 4, 0) / nv;
    assert.ok(Math.abs(r.kurtosis[i] - (m4 / (m2 * m2) - 3)) < 1e-10, `kurtosis at ${i}`);
    for (let n = 0; n < levels; n++) {
      // c_m = sum_v [f_v >= centre] Y_nm(v); energy = Re sqrt(sum_v (sum_m c_m Y_nm(v))^2)
      const Y = (m: number, v: number) => sphHarm(m, n, Math.acos(verts[3 * v + 2]), Math.atan2(verts[3 * v + 1], verts[3 * v]), [0, 0]);
      const c = new Map<number, [number, number]>();
      for (let m = -n; m <= n; m++) {
        let cr = 0, ci = 0;
        for (let v = 0; v < nv; v++) if (f[v] >= vol.data[i]) { const [a, b] = Y(m, v); cr += a; ci += b; }
        c.set(m, [cr, ci]);
      }
      let sr = 0, si = 0;
      for (let v = 0; v < nv; v++) {
        let gr = 0, gi = 0;
        for (let m = -n; m <= n; m++) {
          sphHarm(m, n, Math.acos(verts[3 * v + 2]), Math.atan2(verts[3 * v + 1], verts[3 * v]), y);
          const [cr, ci] = c.get(m)!;
          gr += cr * y[0] - ci * y[1];
          gi += cr * y[1] + ci * y[0];
        }
        sr += gr * gr - gi * gi;
        si += 2 * gr * gi;
      }
      const mod = Math.hypot(sr, si);
      const expected = Math.sqrt((mod + sr) / 2);
      assert.ok(Math.abs(r.levels[n][i] - expected) < 1e-9, `level ${n} at ${i}: ${r.levels[n][i]} vs ${expected}`);
    }
  }
});

test('float32 images: kurtosis in float32 as NumPy runs it (zero test at float32 resolution 1e-6)', () => {
  // a nearly flat float32 neighbourhood: deviations ~1e-4 around 1000 give m2 ~ 1e-9 < (1e-6 * 1000)^2,
  // so scipy.stats.kurtosis returns NaN for float32 samples but a number for the same float64 samples
  const size: Vec3 = [5, 5, 5];
  const values = Array.from({ length: 125 }, (_, i) => 1000 + ((i * 7) % 5) * 1.220703125e-4);
  const mask = new Uint8Array(125);
  mask[62] = 1; // the centre voxel
  for (const [pixelType, data] of [['float32', Float32Array.from(values)], ['float64', Float64Array.from(values)]] as const) {
    const vol: Volume = { data, size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: identityDirection(), pixelType };
    const k = lbp3d(vol, { ...vol, data: mask, pixelType: 'uint8' }, { levels: 1, radius: 1, subdivision: 1 }).kurtosis[62];
    if (pixelType === 'float32') assert.ok(Number.isNaN(k), `float32: ${k}`);
    else assert.ok(Number.isFinite(k), `float64: ${k}`);
  }
});

test('NumPy-order sums and the real part of the complex square root', () => {
  const a = Float64Array.from({ length: 200 }, (_, i) => 1 / (i + 1));
  for (const n of [5, 8, 42, 162, 200]) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i];
    assert.ok(Math.abs(numpySum(a, 0, n) - s) < 1e-14);
  }
  assert.equal(csqrtReal(4, 0), 2);
  assert.equal(csqrtReal(-4, 0), 0);
  assert.equal(csqrtReal(0, 8), 2);
  assert.ok(Math.abs(csqrtReal(-3, 4) - 1) < 1e-15); // sqrt(-3 + 4i) = 1 + 2i
  assert.ok(Math.abs(csqrtReal(3, -4) - 2) < 1e-15); // sqrt(3 - 4i) = 2 - i
});

test('LBP3D rejects impossible settings, naming them', () => {
  const vol = testVolume([3, 3, 3], 'float64');
  const mask = { ...vol, data: new Uint8Array(27).fill(1), pixelType: 'uint8' as const };
  assert.throws(() => lbp3d(vol, mask, { levels: 2, radius: 0, subdivision: 1 }), /lbp3DIcosphereRadius/);
  assert.throws(() => lbp3d(vol, mask, { levels: 1.5, radius: 1, subdivision: 1 }), /lbp3DLevels/);
  assert.throws(() => lbp3d(vol, mask, { levels: 2, radius: 1, subdivision: -1 }), /lbp3DIcosphereSubdivision/);
});

const rows = referenceRows('lbp-3D-');
test('PyRadiomics LBP3D references are present', () => assert.ok(rows.length >= 2));
for (const row of rows) {
  test(`LBP3D first-order statistics of ${row.values.get('case')} match ${row.file}`, async () => {
    const settings = settingsFor(row.file, 'LBP3D');
    const { image, mask } = await preparedCase(row, settings);
    const derived = [...lbp3dImage(image, mask, settings)];
    assert.deepEqual(derived.map((d) => d.name), ['lbp-3D-m1', 'lbp-3D-m2', 'lbp-3D-k']);
    for (const d of derived) {
      assert.equal(d.image.pixelType, 'float64');
      const stats = firstOrder(roiValues(d.image.data, mask.data), image.spacing, settings.voxelArrayShift);
      const values = roiValues(d.image.data, mask.data);
      for (const [name, ours] of stats) {
        const ref = Number(row.values.get(`${d.name}_firstorder_${name}`));
        if (name === 'RobustMeanAbsoluteDeviation' && d.name !== 'lbp-3D-k' && d.name !== 'lbp-3D-m1') {
          // m2 and up: which of the last-bit-different copies of a tied energy fall inside
          // [p10, p90] is rounding noise, and it differs between PyRadiomics runs
          // (docs/conformance.md): the reference must be one of the values the tie-breaks allow.
          // (m1 depends on the count of set bits alone and is PyRadiomics' to the last bit.)
          const [lo, hi] = robustMadRange(values);
          assert.ok(ref >= lo * (1 - 1e-12) && ref <= hi * (1 + 1e-12), `${d.name} RobustMeanAbsoluteDeviation ${ref} outside [${lo}, ${hi}]`);
          continue;
        }
        assert.ok(closeTo(ours, ref), `${d.name}_firstorder_${name}: ${ours} vs PyRadiomics ${ref}`);
      }
    }
  });
}

test('LBP3D with reused arrays and a region: inside the region the values of a fresh whole-image call, 0 off the ROI, also after a call on another ROI and with a mask at an odd byte offset', () => {
  const size: Vec3 = [11, 9, 7];
  const vol = testVolume(size, 'int16');
  const n = size[0] * size[1] * size[2];
  // the masks as views at byte offset 3 of a larger buffer (the ROI scan reads 8 bytes at a time)
  const view = (m: Uint8Array) => {
    const v = new Uint8Array(new ArrayBuffer(n + 16), 3, n);
    v.set(m);
    return v;
  };
  const wide = view(edgyMask(size));
  const small = new Uint8Array(n);
  for (let z = 2; z < 5; z++) for (let y = 3; y < 6; y++) for (let x = 4; x < 8; x++) if ((x + y + z) % 3 !== 0) small[x + size[0] * (y + size[1] * z)] = 1;
  const narrow = view(small);
  const options = { levels: 2, radius: 1, subdivision: 1 };
  const expected = lbp3d(vol, { ...vol, data: narrow, pixelType: 'uint8' }, options);
  // fill the reused arrays with values everywhere first (a call on a ROI covering all faces)
  lbp3d(vol, { ...vol, data: wide, pixelType: 'uint8' }, { ...options, reuse: true });
  const region = { lower: [3, 2, 1] as const, size: [6, 5, 5] as const };
  const got = lbp3d(vol, { ...vol, data: narrow, pixelType: 'uint8' }, { ...options, reuse: true, region });
  let inside = 0, nonzero = 0;
  for (let z = 1; z < 6; z++) for (let y = 2; y < 7; y++) for (let x = 3; x < 9; x++) {
    const i = x + size[0] * (y + size[1] * z);
    inside++;
    for (const [a, b] of [[got.kurtosis, expected.kurtosis], [got.levels[0], expected.levels[0]], [got.levels[1], expected.levels[1]]]) {
      assert.ok(Object.is(a[i], b[i]), `voxel ${i}: ${a[i]} vs ${b[i]}`);
      if (b[i] !== 0) nonzero++;
      if (!small[i]) assert.equal(a[i], 0);
    }
  }
  assert.equal(inside, 6 * 5 * 5);
  assert.ok(nonzero > 40, `${nonzero} non-zero values compared`);
});
