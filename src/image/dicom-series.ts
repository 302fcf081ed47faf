/**
 * DICOM image series from a folder: group the files by SeriesInstanceUID, choose one series, check
 * that its slices form one regular volume, and read it with itk-wasm's GDCM-based series reader
 * (@itk-wasm/dicom readImageDicomFileSeriesNode), which decodes every transfer syntax and applies
 * the rescale slope/intercept as ITK does.
 */
import { basename, relative } from 'node:path';
import { describeCause, ImageReadError } from './errors.js';
import { scanDicomFolder, type DicomHeader, type DicomObjectKind } from './dicom-files.js';
import { loadDicom, quietItk } from './itk-quiet.js';
import { volumeFromItkImage } from './itk-image.js';
import type { Volume } from './volume.js';

export interface DicomSeriesSummary {
  uid: string;
  description: string;
  modality: string;
  kind: DicomObjectKind;
  numberOfFiles: number;
  /** The files, absolute paths, in folder order. */
  files: string[];
}

/** Groups the DICOM files of a folder by series, in the order the series are first met. */
export function groupSeries(headers: DicomHeader[]): { summary: DicomSeriesSummary; headers: DicomHeader[] }[] {
  const byUid = new Map<string, DicomHeader[]>();
  for (const h of headers) {
    const list = byUid.get(h.seriesUid);
    if (list) list.push(h);
    else byUid.set(h.seriesUid, [h]);
  }
  return [...byUid.values()].map((hs) => ({
    headers: hs,
    summary: {
      uid: hs[0].seriesUid,
      description: hs[0].seriesDescription,
      modality: hs[0].modality,
      kind: hs[0].kind,
      numberOfFiles: hs.length,
      files: hs.map((h) => h.file),
    },
  }));
}

/** Lists the series of a DICOM folder (image series and RTSTRUCT / SEG objects). */
export function listDicomSeries(dir: string): DicomSeriesSummary[] {
  return groupSeries(scanDicomFolder(dir).headers).map((g) => g.summary);
}

function seriesLine(s: DicomSeriesSummary): string {
  const desc = s.description ? ` "${s.description}"` : '';
  return `${s.uid}${desc} (${s.modality || s.kind}, ${s.numberOfFiles} file${s.numberOfFiles === 1 ? '' : 's'})`;
}

/**
 * Picks the image series named by `choice` (SeriesInstanceUID, or SeriesDescription ignoring
 * case), or the only image series when there is no choice. Errors list the series to choose from.
 */
export function chooseSeries<T extends { summary: DicomSeriesSummary }>(dir: string, groups: T[], choice?: string): T {
  const images = groups.filter((g) => g.summary.kind === 'image');
  const others = groups.filter((g) => g.summary.kind !== 'image');
  if (images.length === 0) {
    const what = others.length
      ? `holds no DICOM image series, only: ${others.map((g) => `${g.summary.kind.toUpperCase()} ${seriesLine(g.summary)}`).join('; ')}`
      : 'holds no DICOM image files';
    throw new ImageReadError(dir, what,
      'Give the folder that holds the image slices (.dcm files of one CT/MR/PET series); an RTSTRUCT or SEG is read as a mask with --reference <image>');
  }
  const list = images.map((g) => `  ${seriesLine(g.summary)}`).join('\n');
  if (choice === undefined || choice === '') {
    if (images.length === 1) return images[0];
    throw new ImageReadError(dir, `holds ${images.length} image series, so which one to read is ambiguous:\n${list}\n`,
      'Choose one with --series <SeriesInstanceUID or description> (library: readVolume(path, { series }))');
  }
  const byUid = images.filter((g) => g.summary.uid === choice);
  if (byUid.length === 1) return byUid[0];
  const wanted = choice.trim().toLowerCase();
  const byDesc = images.filter((g) => g.summary.description.toLowerCase() === wanted);
  if (byDesc.length === 1) return byDesc[0];
  if (byDesc.length > 1) {
    throw new ImageReadError(dir, `${byDesc.length} image series are described as "${choice}":\n${byDesc.map((g) => `  ${seriesLine(g.summary)}`).join('\n')}\n`,
      'Choose one by its SeriesInstanceUID with --series <UID>');
  }
  throw new ImageReadError(dir, `no image series has the SeriesInstanceUID or description "${choice}"; the image series are:\n${list}\n`,
    'Give one of these UIDs or descriptions with --series');
}

const cross = (a: number[], b: number[]): number[] => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Relative tolerance on slice steps: DS values carry ~6 significant digits, real gaps are whole slices. */
const STEP_TOLERANCE = 0.01;

/**
 * Checks that single-frame image files form one regular volume (same orientation and matrix, one
 * file per position, evenly spaced, no in-plane shift) and returns them sorted along the slice
 * normal, as GDCM's IPP sorter orders them. Errors name the files involved.
 */
export function sortAndCheckSlices(dir: string, headers: DicomHeader[]): DicomHeader[] {
  const name = (h: DicomHeader): string => relative(dir, h.file) || basename(h.file);
  const first = headers[0];
  for (const h of headers) {
    if (!h.position || !h.orientation) {
      throw new ImageReadError(dir, `file ${name(h)} has no Image Position / Orientation (Patient), so the slices cannot be placed in space`,
        'Export the series again with its geometry, or convert it to NIfTI with a tool that knows its layout');
    }
    if (h.rows !== first.rows || h.columns !== first.columns) {
      throw new ImageReadError(dir, `the series mixes image sizes: ${name(first)} is ${first.columns}x${first.rows}, ${name(h)} is ${h.columns}x${h.rows}`,
        'The folder mixes different acquisitions under one SeriesInstanceUID: separate them into folders of one volume each');
    }
    for (let c = 0; c < 6; c++) {
      if (Math.abs(h.orientation[c] - first.orientation![c]) > 1e-4) {
        throw new ImageReadError(dir, `the series mixes slice orientations: ${name(first)} has ${first.orientation!.join('\\')}, ${name(h)} has ${h.orientation.join('\\')}`,
          'The folder mixes differently oriented slices (e.g. localisers) under one series: move them out, or export the volume alone');
      }
    }
  }
  if (headers.length === 1) return headers;
  const normal = cross(first.orientation!.slice(0, 3), first.orientation!.slice(3, 6));
  const sorted = headers
    .map((h) => ({ h, d: dot(normal, h.position!) }))
    .sort((a, b) => a.d - b.d || (a.h.instanceNumber ?? 0) - (b.h.instanceNumber ?? 0));
  const steps = sorted.slice(1).map((s, i) => s.d - sorted[i].d);
  const ordered = [...steps].sort((a, b) => a - b);
  const median = ordered[Math.floor(ordered.length / 2)];
  for (let i = 0; i < steps.length; i++) {
    if (steps[i] < 1e-3 * Math.max(median, 1)) {
      const same = sorted.filter((s) => Math.abs(s.d - sorted[i].d) < 1e-3 * Math.max(median, 1)).length;
      throw new ImageReadError(dir, `${same} files lie at the same slice position ${sorted[i].d.toFixed(3)} mm (${name(sorted[i].h)}, ${name(sorted[i + 1].h)}): the series holds several volumes (echoes, phases, time points or repeats)`,
        'Split the series into one folder per volume (e.g. by EchoTime or TemporalPositionIdentifier), or export the volume you need alone');
    }
  }
  if (median === 0) return sorted.map((s) => s.h);
  for (let i = 0; i < steps.length; i++) {
    if (Math.abs(steps[i] - median) > STEP_TOLERANCE * median) {
      const missing = Math.round(steps[i] / median) - 1;
      const what = missing >= 1 ? `about ${missing} slice${missing === 1 ? '' : 's'} missing there` : 'the spacing is uneven there';
      throw new ImageReadError(dir,
        `uneven slice spacing: from ${name(sorted[i].h)} (at ${sorted[i].d.toFixed(3)} mm) to ${name(sorted[i + 1].h)} (at ${sorted[i + 1].d.toFixed(3)} mm) the step is ${steps[i].toFixed(3)} mm, elsewhere ${median.toFixed(3)} mm: ${what}`,
        'Get the complete series (radnomo does not fill gaps: resampling across a missing slice would invent voxels), or export the volume again');
    }
  }
  // Slices must stack along the normal: an in-plane drift is a gantry tilt, which ITK's reader would shear.
  const p0 = sorted[0].h.position!;
  for (const s of sorted) {
    const p = s.h.position!;
    const off = [p[0] - p0[0] - (s.d - sorted[0].d) * normal[0], p[1] - p0[1] - (s.d - sorted[0].d) * normal[1], p[2] - p0[2] - (s.d - sorted[0].d) * normal[2]];
    if (Math.hypot(off[0], off[1], off[2]) > STEP_TOLERANCE * median + 1e-3) {
      throw new ImageReadError(dir, `slice ${name(s.h)} is shifted ${Math.hypot(off[0], off[1], off[2]).toFixed(3)} mm within its plane relative to the first slice (gantry tilt or a sheared stack)`,
        'Resample the series to an orthogonal grid first (e.g. with a tilt-correcting DICOM converter such as dcm2niix), then give radnomo the NIfTI');
    }
  }
  return sorted.map((s) => s.h);
}

export interface ReadDicomSeriesOptions {
  /** SeriesInstanceUID or SeriesDescription. */
  series?: string;
  /** Look in sub-folders too (default true). */
  recursive?: boolean;
}

/** Reads one image series of a DICOM folder as a Volume. */
export async function readDicomSeries(dir: string, options: ReadDicomSeriesOptions = {}): Promise<Volume> {
  const scan = scanDicomFolder(dir, options.recursive ?? true);
  if (scan.headers.length === 0) {
    const what = scan.skipped.length ? `holds no DICOM files (${scan.skipped.length} other file${scan.skipped.length === 1 ? '' : 's'}, e.g. ${scan.skipped[0]})` : 'is empty';
    throw new ImageReadError(dir, `the folder ${what}`,
      'Give the folder that holds the .dcm files of the image series (DICOM Part 10 files start with "DICM" after a 128-byte preamble), or the path of the image file itself (NIfTI, NRRD)');
  }
  const chosen = chooseSeries(dir, groupSeries(scan.headers), options.series);
  const headers = chosen.headers;
  const multiFrame = headers.length === 1 && (headers[0].numberOfFrames ?? 1) > 1;
  const sorted = multiFrame ? headers : sortAndCheckSlices(dir, headers);
  let image;
  try {
    const { readImageDicomFileSeriesNode } = await loadDicom();
    const result = await quietItk(() => readImageDicomFileSeriesNode({ inputImages: sorted.map((h) => h.file), singleSortedSeries: true }));
    image = result.outputImage;
  } catch (err) {
    throw new ImageReadError(dir, `the DICOM series ${chosen.summary.uid} could not be decoded (${describeCause(err)})`,
      'Check that its files are complete image files; a compressed transfer syntax GDCM cannot decode can be converted with e.g. `gdcmconv --raw`', { cause: err });
  }
  const volume = volumeFromItkImage(image, dir);
  if (!multiFrame && volume.size[2] !== sorted.length) {
    throw new ImageReadError(dir, `the series has ${sorted.length} slices but ${volume.size[2]} were decoded`, 'Check the files of the series for damage');
  }
  return volume;
}
