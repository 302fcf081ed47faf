/**
 * The demo's NIfTI files: int16 images and uint8 masks (single-file .nii or .nii.gz), written by
 * src/image/nifti1-write.ts, the NIfTI-1 writer writeVolume also uses, with ITK's header. The demo
 * writes ~660 files; through ITK's WebAssembly each would cost ~70 ms, here ~1 ms. Any other pixel
 * type is refused: it would mean the phantom produced voxels the demo does not describe.
 */
import { nifti1Bytes, writeNifti1 } from '../image/nifti1-write.js';
import type { Volume } from '../image/volume.js';

export { rotationToQuaternion } from '../image/nifti1-write.js';

function checkDemoPixelType(v: Volume): void {
  if (v.pixelType !== 'int16' && v.pixelType !== 'uint8') {
    throw new Error(`demo NIfTI writer: pixel type ${v.pixelType} is not supported (int16 and uint8 only)`);
  }
}

/** The NIfTI-1 file bytes of a demo volume (int16 or uint8 voxels). */
export function niftiBytes(v: Volume): Buffer {
  checkDemoPixelType(v);
  return nifti1Bytes(v);
}

/** Writes a demo volume as .nii or .nii.gz, whole or not at all. */
export function writeNifti(v: Volume, path: string): void {
  checkDemoPixelType(v);
  writeNifti1(v, path);
}
