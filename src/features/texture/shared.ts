/**
 * What every texture class of one derived image starts from, computed once per image instead of
 * once per class: the grey levels present in the ROI and the padded grid of 1-based level labels
 * (./levels.ts, ./padded.ts). The extractor hands the same FeatureInput to every class of an
 * image, so the work is kept per FeatureInput (and dropped with it); the matrix functions compute
 * their own when called without it.
 */
import type { FeatureInput } from '../types.js';
import type { Vec3 } from '../../image/volume.js';
import { oneBasedIndex, presentLevels, presentLevelsAt, presentLevelsUpTo, type PresentLevels } from './levels.js';
import { padGrid, padGridAt, type PaddedGrid } from './padded.js';
import { paddedRoiIndex, roiIndex } from '../roi-index.js';

export interface TextureGrid extends PresentLevels {
  /** Labels 1..n (the level's index among the present ones + 1), 0 outside the ROI; read only. */
  grid: PaddedGrid;
  /** The border width of `grid` (at least every neighbour offset used with it). */
  pad: number;
  /** levelValue[label] = the level's bin value (levelValue[0] = 0). */
  levelValue: Int32Array;
}

/** The present levels and labelled grid of a discretised ROI, with a border of at least `pad`. */
export function textureGrid(binned: Int32Array, size: Vec3, pad: number, levels: PresentLevels = presentLevels(binned)): TextureGrid {
  return withLevelValues(levels, padGrid(binned, size, pad, oneBasedIndex(levels.levelIndex)), pad);
}

function withLevelValues(levels: PresentLevels, grid: PaddedGrid, pad: number): TextureGrid {
  const levelValue = new Int32Array(levels.levels.length + 1);
  levelValue.set(levels.levels, 1);
  // a literal, not { ...levels, ... }: V8 gives an object spread a map of its own nearly every
  // time, and the matrix functions' compiled code then bailed out ("wrong map") on each new grid
  return { levels: levels.levels, levelIndex: levels.levelIndex, maxLevel: levels.maxLevel, grid, pad, levelValue };
}

const memo = new WeakMap<FeatureInput, { binned: Int32Array; roi: Int32Array; levels: PresentLevels; grid?: TextureGrid }>();

function entry(input: FeatureInput) {
  const binned = input.binned;
  if (!binned) throw new Error('texture: the discretised image (binned) is missing');
  let e = memo.get(input);
  if (!e || e.binned !== binned) {
    // the discretised ROI: the mask's voxels (binned > 0 on every one of them, as discretize makes it)
    const roi = roiIndex(input.mask);
    // one pass over the ROI when the bins are within the discretisation's 1..ng
    const fast = presentLevelsUpTo(binned, roi, input.ng);
    let all = true;
    if (fast === null) for (let k = 0; k < roi.length && all; k++) all = binned[roi[k]] > 0;
    e = { binned, roi, levels: fast ?? (all ? presentLevelsAt(binned, roi) : presentLevels(binned)) };
    if (!all) e.roi = new Int32Array(0);
    memo.set(input, e);
  }
  return e;
}

/**
 * The labelled grid of the input's discretised ROI with a border of at least `pad`, shared by its
 * classes (one border wide enough for every class: the largest of `distances` and 1).
 */
export function sharedTextureGrid(input: FeatureInput, pad: number): TextureGrid {
  const e = entry(input);
  if (!e.grid || e.grid.pad < pad) {
    const width = Math.max(pad, 1, ...input.settings.distances);
    if (e.roi.length > 0) {
      const grid = padGridAt(e.binned, input.size, width, oneBasedIndex(e.levels.levelIndex), e.roi, paddedRoiIndex(input.mask, input.size, width));
      e.grid = withLevelValues(e.levels, grid, width);
    } else {
      e.grid = textureGrid(e.binned, input.size, width, e.levels);
    }
  }
  return e.grid;
}
