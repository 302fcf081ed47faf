/**
 * Gradient image type (PyRadiomics imageoperations.getGradientImage): SimpleITK's
 * GradientMagnitudeImageFilter with UseImageSpacing = settings.gradientUseSpacing, named 'gradient'.
 *
 * ITK's filter (itk::GradientMagnitudeImageFilter, documented behaviour): per axis a central
 * difference g_a = (f(x + 1) - f(x - 1)) / 2, divided by the spacing of that axis when image spacing
 * is used; beyond the image the edge voxel repeats (zero-flux Neumann boundary); the magnitude
 * sqrt(sum_a g_a^2) is computed in double precision and stored as float32 (SimpleITK's output type).
 */
import type { ImageFilter } from './types.js';
import type { Volume } from '../image/volume.js';
import { withData } from '../image/volume.js';

/** Gradient magnitude of a volume, float32 output on the same grid. */
export function gradientMagnitude(image: Volume, useImageSpacing: boolean): Volume<Float32Array> {
  const [nx, ny, nz] = image.size;
  const x = image.data;
  const out = new Float32Array(x.length);
  // ITK scales the derivative operator's +-0.5 taps by 1 / spacing.
  const c = [0, 1, 2].map((a) => {
    const s = image.spacing[a];
    if (useImageSpacing && s === 0) throw new Error('gradient: image spacing cannot be zero');
    return 0.5 * (useImageSpacing ? 1.0 / s : 1.0);
  });
  const sx = 1, sy = nx, sz = nx * ny;
  for (let k = 0; k < nz; k++) {
    const km = k > 0 ? -sz : 0, kp = k < nz - 1 ? sz : 0;
    for (let j = 0; j < ny; j++) {
      const jm = j > 0 ? -sy : 0, jp = j < ny - 1 ? sy : 0;
      const row = nx * (j + ny * k);
      for (let i = 0; i < nx; i++) {
        const p = row + i;
        const im = i > 0 ? -sx : 0, ip = i < nx - 1 ? sx : 0;
        const gx = c[0] * x[p + im] - c[0] * x[p + ip];
        const gy = c[1] * x[p + jm] - c[1] * x[p + jp];
        const gz = c[2] * x[p + km] - c[2] * x[p + kp];
        out[p] = Math.sqrt(gx * gx + gy * gy + gz * gz);
      }
    }
  }
  return withData(image, out);
}

export const gradientImage: ImageFilter = function* (image, _mask, settings) {
  yield { name: 'gradient', image: gradientMagnitude(image, settings.gradientUseSpacing), settings };
};
