/**
 * Segmentation files with several segments: a DICOM-SEG (written in the test with itk-wasm's
 * dcmqi writer from the STS_001 mask plus a box, over the STS_001 DICOM series) and 3D Slicer
 * .seg.nrrd files written by hand (one shared label map; two overlapping layers in a 4D array;
 * a cropped extent). Segments are chosen by name or label; errors list the segments.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeSegmentationNode } from '@itk-wasm/dicom';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageReadError } from '../../src/image/errors.js';
import { describeImage } from '../../src/image/info.js';
import { itkImageFromVolume } from '../../src/image/itk-image.js';
import { quietItk } from '../../src/image/itk-quiet.js';
import { readMask } from '../../src/image/read-mask.js';
import { readVolume } from '../../src/image/read.js';
import type { Volume } from '../../src/image/volume.js';
import { nrrdBytes, tempFolder, writeBytes } from './craft.js';

const sts = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'mri', 'STS_001', 'MR_T1');

function segmentAttributes(labelID: number, label: string) {
  return {
    labelID, SegmentLabel: label, SegmentDescription: label, SegmentAlgorithmType: 'MANUAL',
    SegmentedPropertyCategoryCodeSequence: { CodeValue: '49755003', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Morphologically Altered Structure' },
    SegmentedPropertyTypeCodeSequence: { CodeValue: '4147007', CodingSchemeDesignator: 'SCT', CodeMeaning: 'Mass' },
    recommendedDisplayRGBValue: [255, 0, 0],
  };
}

const inBox = (i: number, j: number, k: number): boolean => i >= 5 && i < 20 && j >= 5 && j < 15 && k >= 5 && k < 10;

test('DICOM-SEG with two segments: each read onto the image grid by name or number; a missing name lists them', async () => {
  const t = tempFolder();
  try {
    const image = await readVolume(join(sts, 'dicom', 'image'));
    const gtv = await readVolume(join(sts, 'nifti', 'mask', 'mask.nii.gz'));
    const [nx, ny] = image.size;
    const labels = new Int16Array(gtv.data.length);
    for (let p = 0; p < labels.length; p++) {
      const i = p % nx, j = Math.floor(p / nx) % ny, k = Math.floor(p / (nx * ny));
      labels[p] = inBox(i, j, k) ? 2 : gtv.data[p] ? 1 : 0;
    }
    const segPath = t.file('seg.dcm');
    const series = readdirSync(join(sts, 'dicom', 'image')).sort().map((f) => resolve(sts, 'dicom', 'image', f));
    await quietItk(() => writeSegmentationNode(itkImageFromVolume({ ...image, data: labels, pixelType: 'int16' }), {
      ContentCreatorName: 'radnomo test', ClinicalTrialSeriesID: 'S1', ClinicalTrialTimePointID: '1', SeriesDescription: 'SEG', SeriesNumber: '300',
      InstanceNumber: '1', ContentLabel: 'SEGMENTATION', ContentDescription: 'test', ClinicalTrialCoordinatingCenterName: 'radnomo',
      segmentAttributes: [[segmentAttributes(1, 'GTV'), segmentAttributes(2, 'Box')]],
    }, segPath, { refDicomSeries: series, skipEmptySlices: true }));

    const fromSeg = await readMask(segPath, image, { roi: 'GTV' });
    assert.deepEqual(fromSeg.size, image.size);
    assert.deepEqual(Array.from(fromSeg.data), Array.from(gtv.data, (x, p) => (x && labels[p] === 1 ? 1 : 0)));
    const box = await readMask(segPath, image, { segment: 2 });
    assert.equal(Array.from(box.data as ArrayLike<number>).reduce((a, b) => a + b, 0), 15 * 10 * 5);
    for (let p = 0; p < box.data.length; p++) {
      if (box.data[p]) assert.ok(inBox(p % nx, Math.floor(p / nx) % ny, Math.floor(p / (nx * ny))));
    }
    // on its own grid the SEG spans only the slices it holds
    const own = await readVolume(segPath, { segment: 'box' });
    assert.ok(own.size[2] < image.size[2]);
    await assert.rejects(readMask(segPath, image, { roi: 'Node' }), (e: unknown) => {
      assert.ok(e instanceof ImageReadError);
      assert.match(e.message, /no segment is named "Node"; the segments are: "GTV" \(label 1\), "Box" \(layer 1, label 2\)/);
      return true;
    });
    await assert.rejects(readMask(segPath, image), /holds 2 segments/);
    const info = await describeImage(segPath);
    assert.deepEqual(info.segments?.map((s) => [s.name, s.label]), [['GTV', 1], ['Box', 2]]);
  } finally {
    t.cleanup();
  }
});

/** A 6 x 5 x 4 grid of 1 mm at the origin. */
const size = [6, 5, 4];
const dirs = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
const at = (i: number, j: number, k: number): number => i + 6 * (j + 5 * k);

function segmentKeys(segments: { id: string; name: string; label: number; layer: number }[]): [string, string][] {
  return segments.flatMap((s, n) => [
    [`Segment${n}_ID`, s.id], [`Segment${n}_Name`, s.name], [`Segment${n}_LabelValue`, String(s.label)],
    [`Segment${n}_Layer`, String(s.layer)], [`Segment${n}_Extent`, '0 5 0 4 0 3'],
  ] as [string, string][]);
}

test('Slicer .seg.nrrd, one layer: segments by name (or ID) and by label value', async () => {
  const t = tempFolder();
  try {
    const data = new Uint8Array(120);
    data[at(1, 1, 1)] = 1; data[at(2, 1, 1)] = 1;
    data[at(4, 3, 2)] = 3;
    const path = writeBytes(t.file('case.seg.nrrd'), nrrdBytes({
      type: 'unsigned char', sizes: size, spaceDirections: dirs, origin: [0, 0, 0], data, encoding: 'gzip',
      keyValues: segmentKeys([{ id: 'Segment_1', name: 'tumour', label: 1, layer: 0 }, { id: 'Segment_2', name: 'node', label: 3, layer: 0 }]),
    }).header);
    const tumour = await readVolume(path, { segment: 'Tumour' });
    assert.equal(tumour.pixelType, 'uint8');
    assert.deepEqual([...tumour.data.keys()].filter((p) => tumour.data[p]), [at(1, 1, 1), at(2, 1, 1)]);
    const node = await readVolume(path, { segment: 3 });
    assert.deepEqual([...node.data.keys()].filter((p) => node.data[p]), [at(4, 3, 2)]);
    const byId = await readVolume(path, { segment: 'Segment_2' });
    assert.deepEqual(byId.data, node.data);
    await assert.rejects(readVolume(path), /holds 2 segments: "tumour" \(label 1\), "node" \(label 3\); which one to read is ambiguous/);
    await assert.rejects(readVolume(path, { segment: 2 }), /no segment has label 2; the segments are/);
  } finally {
    t.cleanup();
  }
});

test('Slicer .seg.nrrd with overlapping segments in two layers (4D, first axis "list")', async () => {
  const t = tempFolder();
  try {
    // layer-interleaved: value of layer L at voxel v is data[2 * v + L]
    const data = new Uint8Array(240);
    for (const v of [at(1, 1, 1), at(2, 1, 1), at(3, 1, 1)]) data[2 * v] = 1; // layer 0, label 1: "organ"
    for (const v of [at(2, 1, 1), at(3, 1, 1)]) data[2 * v + 1] = 1; // layer 1, label 1: "lesion" overlaps it
    const path = writeBytes(t.file('layers.seg.nrrd'), nrrdBytes({
      type: 'unsigned char', sizes: [2, ...size], spaceDirections: ['none', ...dirs], kinds: ['list', 'domain', 'domain', 'domain'],
      origin: [0, 0, 0], data,
      keyValues: segmentKeys([{ id: 'organ', name: 'organ', label: 1, layer: 0 }, { id: 'lesion', name: 'lesion', label: 1, layer: 1 }]),
    }).header);
    const organ = await readVolume(path, { segment: 'organ' });
    const lesion = await readVolume(path, { segment: 'lesion' });
    assert.deepEqual(organ.size, size);
    assert.deepEqual([...organ.data.keys()].filter((p) => organ.data[p]), [at(1, 1, 1), at(2, 1, 1), at(3, 1, 1)]);
    assert.deepEqual([...lesion.data.keys()].filter((p) => lesion.data[p]), [at(2, 1, 1), at(3, 1, 1)]);
    await assert.rejects(readVolume(path, { segment: 1 }), /2 segments have label 1 \(in different layers\).*--roi NAME/);
  } finally {
    t.cleanup();
  }
});

test('Slicer segment stored on a cropped extent lands on the right voxels of the reference grid', async () => {
  const t = tempFolder();
  try {
    // 2 x 2 x 1 crop starting at voxel (3, 2, 1) of the 6 x 5 x 4 reference
    const data = Uint8Array.from([1, 0, 1, 1]);
    const path = writeBytes(t.file('crop.seg.nrrd'), nrrdBytes({
      type: 'unsigned char', sizes: [2, 2, 1], spaceDirections: dirs, origin: [3, 2, 1], data,
      keyValues: segmentKeys([{ id: 's', name: 'roi', label: 1, layer: 0 }]),
    }).header);
    const reference: Volume = { data: new Int16Array(120), size: [6, 5, 4], spacing: [1, 1, 1], origin: [0, 0, 0], direction: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), pixelType: 'int16' };
    const m = await readMask(path, reference);
    assert.deepEqual(m.size, [6, 5, 4]);
    assert.deepEqual([...m.data.keys()].filter((p) => m.data[p]), [at(3, 2, 1), at(3, 3, 1), at(4, 3, 1)]);
  } finally {
    t.cleanup();
  }
});
