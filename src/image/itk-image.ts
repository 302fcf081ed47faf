/**
 * Conversion between itk-wasm's Image and radnomo's Volume.
 *
 * Direction: itk-wasm hands the ITK direction matrix over as 9 (or dimension^2) numbers in
 * row-major order, element [r * dim + c] = row r, column c, column c being the direction of axis c.
 * That is the Volume convention, so the numbers are copied as they are. Checked with an oblique
 * NRRD (space directions given per axis) and an oblique NIfTI sform in test/image/orientation.test.ts.
 */
import type { Image } from 'itk-wasm';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeCause, ImageReadError } from './errors.js';
import { loadImageIo, quietItk } from './itk-quiet.js';
import type { PixelType, Vec3, Volume, VoxelArray } from './volume.js';

const SUPPORTED: ReadonlySet<string> = new Set([
  'float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8',
]);

export interface FromItkOptions {
  /** Which 3D volume of a 4D image (0-based). */
  volumeIndex?: number;
}

function checkPixelType(image: Image, source: string): void {
  const t = image.imageType;
  if (t.components !== 1 || (t.pixelType !== 'Scalar' && t.pixelType !== undefined)) {
    let what: string;
    let advice: string;
    if (t.pixelType === 'Complex') {
      what = `complex voxels (${t.componentType} real and imaginary parts)`;
      advice = 'radnomo reads real-valued images: save the magnitude (or the real part) as a scalar image first';
    } else if (t.pixelType === 'RGB' || t.pixelType === 'RGBA') {
      what = `${t.pixelType} colour voxels`;
      advice = 'radiomics needs a scalar (grey-level) image: convert it to one channel first';
    } else {
      what = `${t.components} values per voxel (${t.pixelType})`;
      advice = 'radnomo reads scalar images: extract one component first (a Slicer segmentation with overlapping layers is read with --roi/--label)';
    }
    throw new ImageReadError(source, `unsupported pixel type: ${what}`, advice);
  }
  if (!SUPPORTED.has(t.componentType)) {
    throw new ImageReadError(source, `unsupported pixel type ${t.componentType}`,
      'Convert the image to int16, uint16, int32, float32 or float64 first (64-bit integers are not read: JavaScript numbers hold them exactly only up to 2^53)');
  }
}

/** Convert an itk-wasm Image (2D, 3D, or one volume of a 4D image) into a Volume. */
export function volumeFromItkImage(image: Image, source: string, options: FromItkOptions = {}): Volume {
  checkPixelType(image, source);
  const t = image.imageType;
  if (image.data === null) throw new ImageReadError(source, 'no voxel data was read', 'Check that the file is complete');
  const dim = t.dimension;
  const d = image.direction as ArrayLike<number>;
  let dimension = dim;
  // Trailing axes of length 1 (a 4D NIfTI with one time point) are dropped.
  while (dimension > 3 && image.size[dimension - 1] === 1) dimension--;
  const volumeIndex = options.volumeIndex ?? 0;
  if (dimension === 4) {
    const n = image.size[3];
    if (options.volumeIndex === undefined) {
      throw new ImageReadError(source, `a 4D image: ${n} volumes of ${image.size.slice(0, 3).join('x')} voxels; radnomo reads one 3D volume at a time`,
        `Choose one with --volume N (N from 0 to ${n - 1}; library: readVolume(path, { volumeIndex: N }))`);
    }
    if (!Number.isInteger(volumeIndex) || volumeIndex < 0 || volumeIndex >= n) {
      throw new ImageReadError(source, `volume ${options.volumeIndex} does not exist: the image has ${n} volumes`,
        `Choose --volume between 0 and ${n - 1}`);
    }
  } else if (dimension > 4) {
    throw new ImageReadError(source, `a ${dim}D image (size ${image.size.join('x')})`,
      'radnomo reads 3D volumes (and single volumes of 4D series): save the volume you need as a 3D image');
  } else if (volumeIndex !== 0) {
    throw new ImageReadError(source, `volume ${volumeIndex} was asked for, but this is a single ${dimension}D volume`, 'Leave out --volume (or use 0)');
  }
  let size: Vec3;
  let spacing: Vec3;
  let origin: Vec3;
  let direction: Float64Array;
  let data = image.data as VoxelArray;
  if (dimension >= 3) {
    size = [image.size[0], image.size[1], image.size[2]];
    spacing = [image.spacing[0], image.spacing[1], image.spacing[2]];
    origin = [image.origin[0], image.origin[1], image.origin[2]];
    direction = new Float64Array(9);
    // (+ 0 turns the -0 some writers store into 0)
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) direction[r * 3 + c] = d[r * dim + c] + 0;
    const n3 = size[0] * size[1] * size[2];
    if (data.length !== n3) data = data.slice(volumeIndex * n3, (volumeIndex + 1) * n3) as VoxelArray;
  } else if (dimension === 2) {
    // A 2D image becomes one slice of a 3D volume (PyRadiomics works in 3D throughout).
    size = [image.size[0], image.size[1], 1];
    spacing = [image.spacing[0], image.spacing[1], 1];
    origin = [image.origin[0], image.origin[1], 0];
    direction = Float64Array.from([d[0] + 0, d[1] + 0, 0, d[2] + 0, d[3] + 0, 0, 0, 0, 1]);
  } else {
    throw new ImageReadError(source, `a ${dimension}D image`, 'radnomo needs a 2D or 3D image');
  }
  return { data, size, spacing, origin, direction, pixelType: t.componentType as PixelType };
}

/**
 * One segment of a segmentation held as a vector image (a Slicer .seg.nrrd's layers, a DICOM-SEG's
 * segment groups): the voxels whose component `layer` equals `label`, as a uint8 mask (1 inside)
 * on the image's own 3D grid.
 */
export function layerLabelMask(image: Image, layer: number, label: number): Volume<Uint8Array> {
  const layers = image.imageType.components;
  const n = image.size[0] * image.size[1] * image.size[2];
  const src = image.data as ArrayLike<number>;
  const mask = new Uint8Array(n);
  for (let v = 0, p = layer; v < n; v++, p += layers) if (src[p] === label) mask[v] = 1;
  const d = image.direction as ArrayLike<number>;
  return {
    data: mask,
    size: [image.size[0], image.size[1], image.size[2]],
    spacing: [image.spacing[0], image.spacing[1], image.spacing[2]],
    origin: [image.origin[0], image.origin[1], image.origin[2]],
    direction: Float64Array.from({ length: 9 }, (_, i) => d[i]),
    pixelType: 'uint8',
  };
}

/** A Volume as an itk-wasm Image (sharing the voxel buffer), for the writers. */
export function itkImageFromVolume(v: Volume): Image {
  return {
    imageType: { dimension: 3, componentType: v.pixelType, pixelType: 'Scalar', components: 1 },
    name: 'image',
    origin: [...v.origin],
    spacing: [...v.spacing],
    direction: Float64Array.from(v.direction),
    size: [...v.size],
    metadata: new Map(),
    data: v.data,
  } as unknown as Image;
}

/** Reads any image file ITK knows through itk-wasm; failures become an ImageReadError naming the file. */
export async function readItkImageFile(path: string, options: { informationOnly?: boolean } = {}): Promise<Image> {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new ImageReadError(path, 'no such file', 'Check the path (relative paths start from the current folder)');
  }
  try {
    const { readImageNode } = await loadImageIo();
    return await quietItk(() => readImageNode(abs, options));
  } catch (err) {
    throw new ImageReadError(path, `the file could not be read as an image (${describeCause(err)}): it is damaged, cut short, or not in a format ITK reads`,
      'Check that the file is complete (compare its size with the original, copy it again) and is a NIfTI, NRRD or other ITK image', { cause: err });
  }
}
