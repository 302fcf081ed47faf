import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageTypes } from '../../src/filters/index.js';
import type { ImageTypeName, ReadRegion, VoxelBox } from '../../src/filters/types.js';
import { transientRegion } from '../../src/filters/types.js';
import { defaultSettings, type Settings } from '../../src/features/settings.js';
import { identityDirection, type Vec3, type Volume } from '../../src/image/volume.js';

/** A deterministic float64 volume (a fixed linear congruential sequence from `seed`). */
function volume(size: Vec3, seed: number): Volume {
  const n = size[0] * size[1] * size[2];
  const data = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = (s / 2147483648) * 200 - 70;
  }
  return { data, size, spacing: [0.8, 1.1, 2.5], origin: [0, 0, 0], direction: identityDirection(), pixelType: 'float64' };
}

/** A mask of the box's voxels. */
function boxMask(image: Volume, box: VoxelBox): Volume<Uint8Array> {
  const [nx, ny] = image.size;
  const data = new Uint8Array(image.data.length);
  for (let z = box.lower[2]; z < box.lower[2] + box.size[2]; z++) {
    for (let y = box.lower[1]; y < box.lower[1] + box.size[1]; y++) {
      for (let x = box.lower[0]; x < box.lower[0] + box.size[0]; x++) data[x + nx * (y + ny * z)] = 1;
    }
  }
  return { ...image, data, pixelType: 'uint8' };
}

/** The box's voxels of `data`, as the extractor copies them (bit patterns kept: -0 and NaN too). */
function boxValues(data: ArrayLike<number>, size: Vec3, box: VoxelBox): number[] {
  const out: number[] = [];
  for (let z = box.lower[2]; z < box.lower[2] + box.size[2]; z++) {
    for (let y = box.lower[1]; y < box.lower[1] + box.size[1]; y++) {
      for (let x = box.lower[0]; x < box.lower[0] + box.size[0]; x++) out.push(data[x + size[0] * (y + size[1] * z)]);
    }
  }
  return out;
}

/** Each derived image's box voxels, read before the next image is asked for (as the extractor reads them). */
function readInTurn(type: ImageTypeName, image: Volume, mask: Volume<Uint8Array>, settings: Settings, region: VoxelBox): [string, number[]][] {
  const out: [string, number[]][] = [];
  for (const d of imageTypes[type]!(image, mask, settings, region)) out.push([d.name, boxValues(d.image.data, image.size, region)]);
  return out;
}

test('transientRegion is true only for a region that says so', () => {
  const box: VoxelBox = { lower: [0, 0, 0], size: [1, 1, 1] };
  assert.equal(transientRegion(undefined), false);
  assert.equal(transientRegion(box), false);
  assert.equal(transientRegion({ ...box, transient: false } as ReadRegion), false);
  assert.equal(transientRegion({ ...box, transient: true } as ReadRegion), true);
});

test('LoG, wavelet and LBP3D images with a transient region (arrays reused across images and calls) equal the fresh ones in the region, bit for bit', () => {
  const settings: Settings = { ...defaultSettings(), sigma: [1, 2.5], lbp3DLevels: 2, lbp3DIcosphereRadius: 1, lbp3DIcosphereSubdivision: 1 };
  // two volumes and regions in turn, then the first again: what one call leaves in the reused
  // arrays must not show in the next call's region
  const runs: [Vec3, number, VoxelBox][] = [
    [[17, 12, 9], 4321, { lower: [3, 2, 2], size: [9, 7, 4] }],
    [[16, 11, 8], 98765, { lower: [10, 4, 5], size: [6, 7, 3] }],
    [[17, 12, 9], 4321, { lower: [3, 2, 2], size: [9, 7, 4] }],
  ];
  for (const type of ['LoG', 'Wavelet', 'LBP3D'] as const) {
    for (const [size, seed, box] of runs) {
      const image = volume(size, seed);
      const mask = boxMask(image, box);
      const fresh = readInTurn(type, image, mask, settings, box);
      const reused = readInTurn(type, image, mask, settings, { ...box, transient: true } as ReadRegion);
      assert.ok(fresh.length >= 2, `${type}: ${fresh.length} images`);
      assert.deepEqual(reused.map(([name]) => name), fresh.map(([name]) => name));
      fresh.forEach(([name, values], k) => {
        const other = reused[k][1];
        const differing = values.filter((v, i) => !Object.is(v, other[i])).length;
        assert.equal(differing, 0, `${type} ${name}, size ${size}: ${differing} voxels differ`);
      });
    }
  }
});
