/**
 * What an image file or DICOM folder holds: geometry, pixel type, value range, voxel hash, labels,
 * non-finite voxels; the series of a DICOM folder; the ROIs of an RTSTRUCT; the segments of a
 * segmentation. `radnomo info` prints it; it is a plain object a library user can use as well.
 */
import { basename } from 'node:path';
import { detectKind, type ImageKind } from './detect.js';
import { groupSeries, chooseSeries } from './dicom-series.js';
import { scanDicomFolder } from './dicom-files.js';
import { dicomSegSegments } from './dicom-seg.js';
import { ImageReadError } from './errors.js';
import { maskHash, voxelHash } from './hash.js';
import { readItkImageFile } from './itk-image.js';
import { findNonFinite, describeNonFinite, type NonFiniteReport } from './nonfinite.js';
import { checkNiftiFile } from './nifti-check.js';
import { readNrrdHeader } from './nrrd-header.js';
import { readVolume } from './read.js';
import { rtStructRois } from './rtstruct.js';
import { slicerSegments } from './slicer-seg.js';
import type { PixelType, Vec3, Volume } from './volume.js';

export interface VolumeSummary {
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  /** 3x3 direction cosines, row-major; column c is the direction of axis c. */
  direction: number[];
  pixelType: PixelType;
  /** Over the finite voxels; null when there is none. */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** SHA-1 of the voxels in their own pixel type (PyRadiomics' diagnostics_Image-original_Hash). */
  hash: string;
  /** Integer images: SHA-1 after a cast to uint32 (PyRadiomics' diagnostics_Mask-original_Hash). */
  maskHash?: string;
  /** Integer images: voxel count per value (left out beyond MAX_LABELS distinct values). */
  labels?: Record<string, number>;
  distinctValues?: number;
  nonFinite?: NonFiniteReport;
}

export interface SeriesListing {
  uid: string;
  description: string;
  modality: string;
  kind: string;
  numberOfFiles: number;
}

export interface ImageDescription extends Partial<VolumeSummary> {
  path: string;
  kind: ImageKind;
  /** 4D images: how many volumes, and which one is described. */
  volumes?: number;
  volumeIndex?: number;
  /** DICOM folder: every series found (images, RTSTRUCT, SEG). */
  series?: SeriesListing[];
  /** DICOM folder: the series described. */
  seriesUid?: string;
  rois?: { number: number; name: string; contours: number }[];
  segments?: { name: string; label: number; layer?: number }[];
  /** The segment described, for segmentations. */
  segment?: string;
  notes?: string[];
}

export interface DescribeOptions {
  series?: string;
  segment?: string | number;
  volumeIndex?: number;
}

const MAX_LABELS = 65536;

function isInteger(t: PixelType): boolean {
  return t !== 'float32' && t !== 'float64';
}

/** Voxel count per value of an integer volume, or null beyond MAX_LABELS distinct values. */
function countValues(d: Volume['data'], min: number, max: number): Map<number, number> | null {
  const counts = new Map<number, number>();
  if (max - min < 1 << 20) {
    // dense counting: one array slot per value in [min, max]
    const dense = new Float64Array(max - min + 1);
    for (let i = 0; i < d.length; i++) dense[d[i] - min]++;
    for (let k = 0; k < dense.length; k++) {
      if (dense[k] === 0) continue;
      if (counts.size >= MAX_LABELS) return null;
      counts.set(k + min, dense[k]);
    }
    return counts;
  }
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    const c = counts.get(x);
    if (c !== undefined) counts.set(x, c + 1);
    else if (counts.size >= MAX_LABELS) return null;
    else counts.set(x, 1);
  }
  return new Map([...counts].sort((a, b) => a[0] - b[0]));
}

/** Geometry, value range, hash and labels of a volume. */
export function summariseVolume(v: Volume): VolumeSummary {
  const d = v.data;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (x - x !== 0) continue; // NaN or Inf
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    n++;
  }
  const summary: VolumeSummary = {
    size: [...v.size] as Vec3,
    spacing: [...v.spacing] as Vec3,
    origin: [...v.origin] as Vec3,
    direction: Array.from(v.direction),
    pixelType: v.pixelType,
    min: n ? min : null,
    max: n ? max : null,
    mean: n ? sum / n : null,
    hash: voxelHash(v),
  };
  if (isInteger(v.pixelType)) {
    summary.maskHash = maskHash(v);
    const counts = n ? countValues(d, min, max) : null;
    if (counts) {
      summary.labels = Object.fromEntries([...counts].map(([k, c]) => [String(k), c]));
      summary.distinctValues = counts.size;
    }
  } else {
    const nf = findNonFinite(v);
    if (nf.count > 0) summary.nonFinite = nf;
  }
  return summary;
}

async function describeVolumeFile(path: string, kind: ImageKind, options: DescribeOptions, out: ImageDescription): Promise<void> {
  let volumes = 1;
  if (kind === 'nifti') {
    volumes = checkNiftiFile(path)?.layout.dims[3] ?? 1;
  } else if (kind === 'nrrd' || kind === 'image') {
    const header = await readItkImageFile(path, { informationOnly: true });
    if (header.imageType.dimension === 4) volumes = header.size[3];
  }
  let volumeIndex = options.volumeIndex;
  if (volumes > 1) {
    out.volumes = volumes;
    volumeIndex ??= 0;
    out.volumeIndex = volumeIndex;
    out.notes!.push(`a 4D image: volume ${volumeIndex} of ${out.volumes} (0-based) is described; choose another with --volume N`);
  }
  const v = await readVolume(path, { volumeIndex, allowNonFinite: true, segment: options.segment });
  Object.assign(out, summariseVolume(v));
  if (out.nonFinite && kind === 'nifti') {
    out.notes!.push("ITK's NIfTI reader (and so SimpleITK / PyRadiomics) reads these voxels as 0; radnomo refuses the image for features");
  } else if (out.nonFinite) {
    out.notes!.push('radnomo refuses this image for features until these voxels are repaired');
  }
}

/** Describes what `path` holds (see ImageDescription). */
export async function describeImage(path: string, options: DescribeOptions = {}): Promise<ImageDescription> {
  const kind = detectKind(path);
  const out: ImageDescription = { path, kind, notes: [] };
  switch (kind) {
    case 'dicom-folder': {
      const scan = scanDicomFolder(path);
      const groups = groupSeries(scan.headers);
      out.series = groups.map(({ summary: s }) => ({ uid: s.uid, description: s.description, modality: s.modality, kind: s.kind, numberOfFiles: s.numberOfFiles }));
      const images = groups.filter((g) => g.summary.kind === 'image');
      if (images.length === 0) {
        out.notes!.push(scan.headers.length ? 'no image series in this folder' : 'no DICOM files in this folder');
        break;
      }
      if (images.length > 1 && options.series === undefined) {
        out.notes!.push(`${images.length} image series: choose one with --series <UID or description> to describe it`);
        break;
      }
      const chosen = chooseSeries(path, groups, options.series);
      out.seriesUid = chosen.summary.uid;
      Object.assign(out, summariseVolume(await readVolume(path, { series: chosen.summary.uid, allowNonFinite: true })));
      break;
    }
    case 'rtstruct':
      out.rois = rtStructRois(path);
      out.notes!.push('an RTSTRUCT has no grid of its own: rasterise an ROI onto its image with `radnomo convert <RTSTRUCT> mask.nii.gz --reference <image> --roi <name>`');
      break;
    case 'dicom-seg':
    case 'slicer-seg': {
      const segs = kind === 'dicom-seg' ? await dicomSegSegments(path) : slicerSegments(readNrrdHeader(path)!);
      out.segments = segs.map((s) => ({ name: s.name, label: s.label, layer: s.layer }));
      if (segs.length > 1 && options.segment === undefined) {
        out.notes!.push(`${segs.length} segments: choose one with --roi NAME or --label N to describe it`);
        break;
      }
      const v = await readVolume(path, { segment: options.segment, allowNonFinite: true });
      out.segment = options.segment === undefined ? segs[0].name : String(options.segment);
      Object.assign(out, summariseVolume(v));
      break;
    }
    case 'dicom-other':
      throw new ImageReadError(path, 'a DICOM object that is neither an image, an RTSTRUCT nor a SEG', 'Give an image series, an RTSTRUCT or a DICOM-SEG');
    default:
      await describeVolumeFile(path, kind, options, out);
  }
  if (out.notes!.length === 0) delete out.notes;
  return out;
}

const KIND_NAMES: Record<ImageKind, string> = {
  'dicom-folder': 'DICOM folder',
  'dicom-image': 'DICOM image (its series)',
  rtstruct: 'DICOM RTSTRUCT',
  'dicom-seg': 'DICOM-SEG',
  'dicom-other': 'DICOM object',
  'slicer-seg': '3D Slicer segmentation',
  nrrd: 'NRRD',
  nifti: 'NIfTI',
  image: 'image',
};

const num = (x: number): string => String(Number(x.toPrecision(8)));

/** A readable multi-line summary of a description. */
export function formatImageDescription(d: ImageDescription): string {
  const lines: string[] = [`${basename(d.path)}  (${KIND_NAMES[d.kind]})`];
  const row = (label: string, value: string): void => { lines.push(`  ${label.padEnd(11)}${value}`); };
  if (d.series) {
    row('series', `${d.series.length}`);
    for (const s of d.series) {
      const mark = s.uid === d.seriesUid ? '* ' : '  ';
      lines.push(`    ${mark}${s.uid}  "${s.description}"  ${s.modality || s.kind}  ${s.numberOfFiles} file${s.numberOfFiles === 1 ? '' : 's'}`);
    }
  }
  if (d.rois) {
    row('ROIs', `${d.rois.length}`);
    for (const r of d.rois) lines.push(`    ${r.number}: "${r.name}"  ${r.contours} contour${r.contours === 1 ? '' : 's'}`);
  }
  if (d.segments) {
    row('segments', `${d.segments.length}`);
    for (const s of d.segments) lines.push(`    "${s.name}"  label ${s.label}${s.layer ? `, layer ${s.layer}` : ''}`);
  }
  if (d.segment !== undefined) row('described', `segment ${d.segment}`);
  if (d.volumes !== undefined) row('volumes', `${d.volumes} (volume ${d.volumeIndex} described)`);
  if (d.size) {
    row('size', `${d.size.join(' x ')} voxels`);
    row('spacing', `${d.spacing!.map(num).join(' x ')} mm`);
    row('origin', `(${d.origin!.map(num).join(', ')}) mm, LPS`);
    const m = d.direction!.map(num);
    row('direction', `[${m.slice(0, 3).join(' ')}; ${m.slice(3, 6).join(' ')}; ${m.slice(6, 9).join(' ')}] (columns: axis directions)`);
    row('pixel type', d.pixelType!);
    row('values', d.min === null ? 'no finite voxel' : `min ${num(d.min!)}, max ${num(d.max!)}, mean ${num(d.mean!)}`);
    row('hash', `${d.hash} (SHA-1 of the voxels)`);
    const entries = Object.entries(d.labels ?? {});
    // a label image: also the hash PyRadiomics reports when it is used as a mask
    if (d.maskHash && d.maskHash !== d.hash && entries.length <= 20) row('mask hash', `${d.maskHash} (as uint32: PyRadiomics' mask hash)`);
    if (d.labels) {
      if (entries.length <= 20) row('labels', entries.map(([k, c]) => `${k}: ${c}`).join(', '));
      else row('labels', `${entries.length} distinct values (all of them with --json)`);
    }
    if (d.nonFinite) row('non-finite', describeNonFinite(d.nonFinite));
  }
  for (const n of d.notes ?? []) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
