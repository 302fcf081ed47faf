/**
 * Reading images into a Volume. This first version reads any single file ITK reads
 * (NIfTI, NRRD, MetaImage, ...) through @itk-wasm/image-io; DICOM folders, Slicer
 * .seg.nrrd, DICOM-SEG and RTSTRUCT are dispatched from here as they arrive.
 */
import { readImageNode } from '@itk-wasm/image-io';
import type { Image } from 'itk-wasm';
import type { PixelType, Vec3, Volume, VoxelArray } from './volume.js';

const SUPPORTED: ReadonlySet<string> = new Set([
  'float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8',
]);

/** Convert an itk-wasm Image (3D scalar) into a Volume. `source` names the file in errors. */
export function volumeFromItkImage(image: Image, source: string): Volume {
  const t = image.imageType;
  if (t.components !== 1) {
    throw new Error(`${source}: image has ${t.components} components per voxel; radnomo reads scalar images only (split the channels first).`);
  }
  if (!SUPPORTED.has(t.componentType)) {
    throw new Error(`${source}: unsupported pixel type ${t.componentType}; convert the image to int16, uint16, int32, float32 or float64.`);
  }
  if (image.data === null) throw new Error(`${source}: no voxel data was read`);
  let size: Vec3, spacing: Vec3, origin: Vec3;
  let direction: Float64Array;
  if (t.dimension === 3) {
    size = [image.size[0], image.size[1], image.size[2]];
    spacing = [image.spacing[0], image.spacing[1], image.spacing[2]];
    origin = [image.origin[0], image.origin[1], image.origin[2]];
    direction = Float64Array.from(image.direction as ArrayLike<number>);
  } else if (t.dimension === 2) {
    // A 2D image becomes one slice of a 3D volume (PyRadiomics works in 3D throughout).
    size = [image.size[0], image.size[1], 1];
    spacing = [image.spacing[0], image.spacing[1], 1];
    origin = [image.origin[0], image.origin[1], 0];
    const d = image.direction as ArrayLike<number>;
    direction = Float64Array.from([d[0], d[1], 0, d[2], d[3], 0, 0, 0, 1]);
  } else {
    throw new Error(`${source}: a ${t.dimension}D image; radnomo needs a 3D volume (choose one volume of a 4D series and save it on its own).`);
  }
  return { data: image.data as VoxelArray, size, spacing, origin, direction, pixelType: t.componentType as PixelType };
}

/** Read one image file as a Volume. */
export async function readVolume(path: string): Promise<Volume> {
  const image = await readImageNode(path);
  return volumeFromItkImage(image, path);
}
