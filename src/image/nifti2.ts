/**
 * NIfTI-2 (nifti2.h: the 540-byte header with 64-bit sizes and double-precision transforms),
 * which the ITK 5.4.3 NIfTI reader inside @itk-wasm/image-io does not read. It is read with the
 * rules ITK's NiftiImageIO applies to NIfTI-1 (nifti-image.ts, nifti-orientation.ts), in double
 * precision: sform/qform choice, RAS -> LPS, spacing from pixdim scaled by xyz_units, scaling
 * (scl_slope/scl_inter) giving float32 voxels (float64 for float64 data), trailing axes of length
 * 1 dropped, one volume of a 4D image chosen as for any other reader (volumeFromItkImage).
 */
import { ImageReadError } from './errors.js';
import { volumeFromItkImage } from './itk-image.js';
import type { NiftiFile } from './nifti-check.js';
import { itkDimension, readNiftiHeader } from './nifti-header.js';
import { NIFTI_SCALAR_TYPES, niftiImage } from './nifti-image.js';
import type { Volume } from './volume.js';

const UNSUPPORTED: Record<number, string> = {
  32: 'complex (complex64)', 1792: 'complex (complex128)', 2048: 'complex (complex256)',
  128: 'RGB colour', 2304: 'RGBA colour', 1024: '64-bit integer (int64)', 1280: '64-bit integer (uint64)', 1536: 'float128',
};

/** Reads a checked NIfTI-2 file (see checkNiftiFile) as a Volume. */
export function volumeFromNifti2(file: NiftiFile, path: string, volumeIndex?: number): Volume {
  const h = readNiftiHeader(file.bytes, 2, file.layout.littleEndian);
  if (UNSUPPORTED[h.datatype]) {
    throw new ImageReadError(path, `unsupported pixel type: ${UNSUPPORTED[h.datatype]}`,
      'Convert the image to a scalar int16, uint16, int32, float32 or float64 image first');
  }
  if (!NIFTI_SCALAR_TYPES[h.datatype]) throw new ImageReadError(path, `unknown NIfTI datatype ${h.datatype}`, 'Convert the image to a standard scalar type first');
  const dims = itkDimension(h);
  if (dims > 4) {
    const size = h.dim.slice(1, h.dim[0] + 1);
    throw new ImageReadError(path, `a ${dims}D image (size ${size.join('x')})`, 'Save the volume you need as a 3D image');
  }
  const r = niftiImage(h, file.bytes, false);
  if ('refused' in r) throw new ImageReadError(path, r.refused, 'Resample the image to an orthogonal grid first');
  if ('unsure' in r) {
    throw new ImageReadError(path, `this NIfTI-2 header cannot be read as a scalar image: ${r.unsure}`,
      'Check that the file is complete and holds a scalar image; convert it to NIfTI-1 or NRRD otherwise');
  }
  return volumeFromItkImage(r.image, path, { volumeIndex });
}
