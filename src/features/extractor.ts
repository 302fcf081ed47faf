/**
 * One case through PyRadiomics' pipeline (radiomics/featureextractor.py RadiomicsFeatureExtractor
 * .execute): settings, preprocessing and mask checks, shape on the original image, then per
 * enabled image type (filter) the image cropped to the ROI, resegmented, discretised, and every
 * enabled feature class; one output row of `diagnostics_*` then features, named and ordered as
 * PyRadiomics names and orders them.
 *
 * Order of the row (PyRadiomics): diagnostics; shape, shape2D (original image); then for each
 * image type in params order, each derived image in the filter's order, each non-shape class in
 * params order, each feature in the class's order (all: PyRadiomics' sorted order; a list: its order).
 */
import { performance } from 'node:perf_hooks';
import { readVolume } from '../image/read.js';
import { doubleVec3, type Vec3, type Volume } from '../image/volume.js';
import { imageTypes as registeredImageTypes } from '../filters/index.js';
import type { ImageTypeName, ReadRegion } from '../filters/types.js';
import { ignoredImageTypeKeys, settingsForImageType } from '../filters/image-type-settings.js';
import type { LogSigmaTypes } from '../filters/log.js';
import { discretize, type RoiRange } from './discretize.js';
import { featureClasses, SHAPE_CLASS_NAMES } from './registry.js';
import { enabledFeatureNames, featureColumn } from './names.js';
import {
  defaultExtractionParams, resolveSettings, settingsPatch, updateSettings, type ExtractionParams, type SettingEntry,
} from './params.js';
import type { Settings } from './settings.js';
import type { FeatureInput } from './types.js';
import { configurationDiagnostics, versionDiagnostics } from './diagnostics.js';
import { prepareCase, type PreparedCase, type StepTimer } from '../image/preprocess/index.js';
import { prepareIbsiCase } from './ibsi-prepare.js';
import { registerRoi } from './roi-index.js';
import { reusedFloat64, reusedInt32 } from './scratch.js';

export type RowValue = number | string;

export interface ExtractionResult {
  /** The output row: column -> value, in output order. Diagnostics are strings, features numbers. */
  row: Map<string, RowValue>;
  /** Why values are what they are (skipped classes, NaN features, ...), one sentence each. */
  warnings: string[];
}

export interface ExtractOptions {
  /** Parsed params file or preset (default: PyRadiomics' defaults). */
  params?: ExtractionParams;
  /** Override of the `setting` block (PyRadiomics' --setting / --label), applied last. */
  overrides?: SettingEntry[];
  /** Names of the image and mask, for messages. */
  imageSource?: string;
  maskSource?: string;
  /**
   * When given, milliseconds spent per step are added here (the steps do not overlap): the
   * preprocessing steps ('mask', 'diagnostics', 'normalize', 'resample', 'checkMask',
   * 'resegment'), 'filter <ImageType>', 'crop', 'discretize', and each class name.
   */
  timings?: Map<string, number>;
  /** When given, milliseconds per image type (its filter, crops, discretisation and classes), e.g. 'LoG'. */
  imageTypeTimings?: Map<string, number>;
  /** The clock of the timings, in milliseconds (default: wall time, performance.now; a benchmark may pass CPU time). */
  clock?: () => number;
}

function stepTimer(timings: Map<string, number> | undefined, clock: () => number): StepTimer {
  if (!timings) return (_step, f) => f();
  return (step, f) => {
    const t0 = clock();
    const out = f();
    timings.set(step, (timings.get(step) ?? 0) + clock() - t0);
    return out;
  };
}

/** Read image and mask files and extract. */
export async function extractFiles(imagePath: string, maskPath: string, options: ExtractOptions = {}): Promise<ExtractionResult> {
  const [image, mask] = await Promise.all([readVolume(imagePath), readVolume(maskPath)]);
  return extract(image, mask, { imageSource: imagePath, maskSource: maskPath, ...options });
}

/** The settings entries an extraction runs with, in PyRadiomics' order (defaults first), for diagnostics. */
export function effectiveSettingEntries(params: ExtractionParams, overrides: SettingEntry[] = []): SettingEntry[] {
  return updateSettings(updateSettings(PYRADIOMICS_DEFAULT_ENTRIES, [...params.settings, ...params.voxelSettings]), overrides);
}

/** featureextractor._getDefaultSettings, in its order (the start of diagnostics_Configuration_Settings). */
const PYRADIOMICS_DEFAULT_ENTRIES: SettingEntry[] = ([
  ['minimumROIDimensions', 2], ['minimumROISize', null], ['normalize', false], ['normalizeScale', 1],
  ['removeOutliers', null], ['resampledPixelSpacing', null], ['interpolator', 'sitkBSpline'], ['preCrop', false],
  ['padDistance', 5], ['distances', [1]], ['force2D', false], ['force2Ddimension', 0], ['resegmentRange', null],
  ['label', 1], ['additionalInfo', true],
] as [string, unknown][]).map(([key, value]) => ({ key, value, raw: value }));

/** Extract one case from volumes in memory. */
export function extract(image: Volume, mask: Volume, options: ExtractOptions = {}): ExtractionResult {
  const params = options.params ?? defaultExtractionParams();
  const entries = effectiveSettingEntries(params, options.overrides);
  const settings = resolveSettings(entries);
  const names = { image: options.imageSource ?? 'image', mask: options.maskSource ?? 'mask' };
  const warnings: string[] = [];
  const row = new Map<string, RowValue>();

  const clock = options.clock ?? (() => performance.now());
  const timed = stepTimer(options.timings, clock);
  const timedType = stepTimer(options.imageTypeTimings, clock);
  // IBSI mode resamples as IBSI does; everything else as PyRadiomics
  const ibsiResampling = settings.ibsi && settings.resampledPixelSpacing != null && settings.interpolator != null;
  const prepared = (ibsiResampling ? prepareIbsiCase : prepareCase)(image, mask, settings, names, timed);
  if (settings.additionalInfo) {
    for (const [k, v] of versionDiagnostics()) row.set(k, v);
    for (const [k, v] of configurationDiagnostics(entries, params)) row.set(k, v);
    for (const [k, v] of prepared.diagnostics) row.set(k, v);
  }
  warnings.push(...prepared.warnings);

  const state = caseState(prepared);
  const enabled = new Map(params.featureClasses.map((c) => [c.name, c.features]));
  computeShapeClasses(state, settings, enabled, row, warnings, timed);

  for (const imageType of params.imageTypes) {
    const filter = registeredImageTypes[imageType.name as ImageTypeName];
    if (!filter) {
      throw new Error(`image type '${imageType.name}' (${params.source}) is not available in this version of radnomo; remove it from imageType.`);
    }
    // PyRadiomics honours only binning, voxelArrayShift, texture and filter keys per image type
    const custom = settingsPatch(imageType.settings);
    const ignored = ignoredImageTypeKeys(custom);
    if (ignored.length > 0) {
      warnings.push(`imageType ${imageType.name} (${params.source}): ${ignored.join(', ')} ignored per image type, as PyRadiomics ignores them there (preprocessing and the ROI follow the 'setting' block); move them to 'setting' to apply them.`);
    }
    const typeSettings: Settings & LogSigmaTypes = {
      ...settingsForImageType(settings, custom),
      sigmaIsInt: sigmaIsInt(imageType.settings, entries),
    };
    timedType(imageType.name, () => {
      // the classes read the derived images inside the ROI's bounding box only
      const derivedImages = filter(state.image, state.roi, typeSettings, state.readRegion)[Symbol.iterator]();
      for (;;) {
        const next = timed(`filter ${imageType.name}`, () => derivedImages.next());
        if (next.done) break;
        const derived = next.value;
        computeTextureClasses(derived.name, derived.image, derived.settings, state, enabled, row, timed);
      }
    });
  }
  noteNaNs(row, warnings);
  return { row, warnings };
}

/**
 * Which sigmas were written as ints (PyRadiomics names those LoG images without '-0'): from the
 * raw value of the image type's own `sigma`, else of the global one. A raw JavaScript number is a
 * Python int (params.ts reads YAML floats as PyFloat).
 */
function sigmaIsInt(typeEntries: readonly SettingEntry[], globalEntries: readonly SettingEntry[]): boolean[] | undefined {
  const entry = typeEntries.findLast((e) => e.key === 'sigma') ?? globalEntries.findLast((e) => e.key === 'sigma');
  return Array.isArray(entry?.raw) ? entry.raw.map((x) => typeof x === 'number' && Number.isInteger(x)) : undefined;
}

/** The case as the feature classes see it: texture ROI, morphological ROI and their shared crop box. */
interface CaseState {
  image: Volume;
  /** ROI for intensity and texture classes (resegmented when resegmentRange is set). */
  roi: Volume<Uint8Array>;
  /**
   * checkMask's bounding box of `roi` (after resegmentation): PyRadiomics crops every class to it,
   * shape included (featureextractor.execute passes the last checkMask's box to computeShape).
   */
  crop: CropBox;
  /**
   * The crop box as the filters' region, transient: each derived image is copied into `cropped`
   * before the next is asked for, so a filter may reuse its arrays (filters/types.ts ReadRegion).
   */
  readRegion: ReadRegion;
  /** `roi` cropped to the box, shared (read only) by every derived image; registered in roi-index.ts. */
  croppedRoi: Uint8Array;
  /** The ROI for shape classes (before resegmentation unless resegmentShape), cropped to the box. */
  croppedMorphological: Uint8Array;
  /**
   * Arrays of the box's size that each derived image's classes use in turn (its cropped voxels,
   * its bins), made once per case instead of once per image: nothing keeps them past the image's
   * classes. The bins stay 0 outside the ROI (discretize writes the ROI's voxels only). The crop
   * holds the derived image's values at the ROI's voxels; elsewhere in the box, whatever an earlier
   * image left (the classes read the ROI's voxels only).
   */
  cropped: Float64Array;
  binned: Int32Array;
  /** The ROI's positions in the box (registered: roi-index.ts) and the same voxels' indices in the image. */
  roiInBox: Int32Array;
  roiInImage: Int32Array;
}

function caseState(prepared: PreparedCase): CaseState {
  const crop = cropBox(prepared.boundingBox);
  const croppedRoi = cropMask(prepared.mask.data, prepared.image.size, crop);
  const roiInBox = registerRoi(croppedRoi);
  const croppedMorphological = prepared.shapeMask === prepared.mask
    ? croppedRoi : cropMask(prepared.shapeMask.data, prepared.image.size, crop);
  const boxVoxels = croppedRoi.length;
  return {
    image: prepared.image, roi: prepared.mask, crop, readRegion: { lower: crop.lower, size: crop.size, transient: true },
    croppedRoi, croppedMorphological,
    // reused from call to call (../features/scratch.ts): they do not outlive the extraction, and
    // one extraction runs at a time (the crop is written before it is read; the bins must start 0)
    cropped: reusedFloat64('extractor cropped', boxVoxels, false), binned: reusedInt32('extractor binned', boxVoxels, true),
    roiInBox, roiInImage: imagePositions(roiInBox, prepared.image.size, crop),
  };
}

/** Shape and shape2D, on the original image cropped to the ROI's bounding box (featureextractor.computeShape). */
function computeShapeClasses(
  prepared: CaseState, settings: Settings, enabled: Map<string, string[] | null>,
  row: Map<string, RowValue>, warnings: string[], timed: StepTimer,
): void {
  const crop = prepared.crop;
  for (const name of SHAPE_CLASS_NAMES) {
    if (!enabled.has(name)) continue;
    const cls = featureClasses.get(name);
    if (!cls) continue;
    if (name === 'shape2D') {
      if (!settings.force2D) {
        warnings.push('shape2D is enabled but force2D is false: 2D shape features are skipped (set force2D: true), as PyRadiomics does.');
        continue;
      }
      const thickness = crop.size[[2, 1, 0][settings.force2Ddimension]];
      if (thickness > 1) {
        warnings.push(`shape2D is skipped: the ROI spans ${thickness} voxels along force2Ddimension ${settings.force2Ddimension} (2D shape needs a one-slice ROI, e.g. largestSlice: true), as PyRadiomics does.`);
        continue;
      }
    }
    // the case's crop array (the texture classes refill it per image; shape reads the mask only)
    copyBox(prepared.image.data, prepared.image.size, crop, prepared.cropped);
    const input: FeatureInput = {
      image: prepared.cropped,
      mask: prepared.croppedMorphological,
      morphologicalMask: prepared.croppedMorphological,
      size: crop.size,
      spacing: doubleVec3(prepared.image.spacing),
      binned: null,
      ng: 0,
      settings,
    };
    const values = timed(name, () => cls.compute(input, enabledFeatureNames(cls, enabled.get(name))));
    for (const [feature, value] of values) row.set(featureColumn('original', name, feature), value);
  }
}

/** Every enabled non-shape class on one derived image (featureextractor.computeFeatures). */
function computeTextureClasses(
  imageTypeName: string, derivedImage: Volume, settings: Settings, prepared: CaseState,
  enabled: Map<string, string[] | null>, row: Map<string, RowValue>, timed: StepTimer,
): void {
  const classes = [...enabled].filter(([name]) => !SHAPE_CLASS_NAMES.includes(name));
  if (classes.length === 0) return;
  const crop = prepared.crop;
  const image = prepared.cropped;
  // the classes read the image at the ROI's voxels only (firstorder and discretize, through the
  // ROI's positions; the texture classes read the bins): those are copied, with their range for
  // discretize in the same pass, and the rest of the box keeps whatever it held
  const onGrid = derivedImage.size.every((n, a) => n === prepared.image.size[a]);
  const range = timed('crop', () => {
    if (onGrid) return gatherRoi(derivedImage.data, prepared.roiInImage, prepared.roiInBox, image);
    copyBox(derivedImage.data, derivedImage.size, crop, image);
    return undefined;
  });
  const mask = prepared.croppedRoi;
  const morphologicalMask = prepared.croppedMorphological;
  const { binned, ng } = timed('discretize', () => discretize(image, mask, settings, {
    float32Source: derivedImage.pixelType === 'float32', into: prepared.binned, range,
  }));
  const input: FeatureInput = {
    image, mask, morphologicalMask, size: crop.size, spacing: doubleVec3(derivedImage.spacing), binned, ng, settings,
  };
  for (const [name, requested] of classes) {
    const cls = featureClasses.get(name);
    if (!cls) continue;
    const values = timed(name, () => cls.compute(input, enabledFeatureNames(cls, requested)));
    for (const [feature, value] of values) row.set(featureColumn(imageTypeName, name, feature), value);
  }
}

/**
 * Say which features are NaN and why: a whole class NaN means its matrix is empty for this ROI
 * (PyRadiomics then averages over no angle or divides 0 by 0, and reports NaN too).
 */
function noteNaNs(row: Map<string, RowValue>, warnings: string[]): void {
  const byClass = new Map<string, { total: number; nan: string[] }>();
  for (const [k, v] of row) {
    if (typeof v !== 'number' || k.startsWith('diagnostics_')) continue;
    const group = k.slice(0, k.lastIndexOf('_'));
    const g = byClass.get(group) ?? { total: 0, nan: [] };
    g.total++;
    if (Number.isNaN(v)) g.nan.push(k);
    byClass.set(group, g);
  }
  for (const [group, g] of byClass) {
    if (g.nan.length === 0) continue;
    if (g.nan.length === g.total) {
      warnings.push(`every ${group} feature is NaN, as in PyRadiomics: the class's matrix is empty for this ROI (e.g. no two ROI voxels are neighbours along any direction).`);
    } else {
      warnings.push(`${g.nan.length} ${group} feature(s) are NaN, as in PyRadiomics (undefined for this ROI, e.g. a division by zero): ${g.nan.join(', ')}.`);
    }
  }
}

interface CropBox {
  lower: Vec3;
  size: Vec3;
}

/** cropToTumorMask with padDistance 0: the bounding box itself. */
function cropBox(box: readonly number[]): CropBox {
  return {
    lower: [box[0], box[2], box[4]],
    size: [box[1] - box[0] + 1, box[3] - box[2] + 1, box[5] - box[4] + 1],
  };
}

function cropMask(data: ArrayLike<number>, size: Vec3, c: CropBox): Uint8Array {
  const out = new Uint8Array(c.size[0] * c.size[1] * c.size[2]);
  copyBox(data, size, c, out);
  return out;
}

/** The image indices of the box positions `inBox` (raster order in the box). */
function imagePositions(inBox: Int32Array, size: Vec3, c: CropBox): Int32Array {
  const [nx, ny] = size;
  const [w, h] = c.size;
  const out = new Int32Array(inBox.length);
  for (let k = 0; k < inBox.length; k++) {
    const p = inBox[k];
    const x = p % w, y = ((p - x) / w) % h, z = (p - x - w * y) / (w * h);
    out[k] = c.lower[0] + x + nx * (c.lower[1] + y + ny * (c.lower[2] + z));
  }
  return out;
}

/**
 * out[to[k]] = src[from[k]] for every k, and the range of the values in that order (discretize's
 * RoiRange). One function per source type, so that each loop's element reads stay of one kind.
 */
function gatherRoi(src: ArrayLike<number>, from: Int32Array, to: Int32Array, out: Float64Array): RoiRange {
  if (src instanceof Float64Array) return gather64(src, from, to, out);
  if (src instanceof Float32Array) return gather32(src, from, to, out);
  return gatherAny(src, from, to, out);
}

function gather64(src: Float64Array, from: Int32Array, to: Int32Array, out: Float64Array): RoiRange {
  let min = Infinity, max = -Infinity, nan = false;
  for (let k = 0; k < from.length; k++) {
    const v = src[from[k]];
    out[to[k]] = v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== v) nan = true;
  }
  return { min, max, nan };
}

function gather32(src: Float32Array, from: Int32Array, to: Int32Array, out: Float64Array): RoiRange {
  let min = Infinity, max = -Infinity, nan = false;
  for (let k = 0; k < from.length; k++) {
    const v = src[from[k]];
    out[to[k]] = v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== v) nan = true;
  }
  return { min, max, nan };
}

function gatherAny(src: ArrayLike<number>, from: Int32Array, to: Int32Array, out: Float64Array): RoiRange {
  let min = Infinity, max = -Infinity, nan = false;
  for (let k = 0; k < from.length; k++) {
    const v = src[from[k]];
    out[to[k]] = v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== v) nan = true;
  }
  return { min, max, nan };
}

function copyBox(src: ArrayLike<number>, size: Vec3, c: CropBox, out: Float64Array | Uint8Array): void {
  const [nx, ny] = size;
  const w = c.size[0];
  let o = 0;
  for (let z = 0; z < c.size[2]; z++) {
    for (let y = 0; y < c.size[1]; y++) {
      const from = c.lower[0] + nx * (c.lower[1] + y + ny * (c.lower[2] + z));
      // an element loop: a subarray per row (for TypedArray.set) cost more than the copy itself
      for (let x = 0; x < w; x++) out[o++] = src[from + x];
    }
  }
}
