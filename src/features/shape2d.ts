/**
 * PyRadiomics' 2D shape features (radiomics/shape2D.py, class RadiomicsShape2D), computed on a
 * one-slice morphological mask with force2D: the slice is the plane orthogonal to
 * force2Ddimension (0 = z, axial; 1 = y; 2 = x, numpy axis order). The extractor only calls this
 * class when the ROI is one voxel thick along that dimension, as PyRadiomics' computeShape does.
 * Formulas: PyRadiomics documentation, "Shape Features (2D)".
 *
 * Let A be the mesh surface (area inside the contour), P the perimeter, N_p the pixel count and
 * lambda_minor <= lambda_major the eigenvalues of the covariance of the pixel centres.
 */
import type { FeatureClass, FeatureInput } from './types.js';
import { formulaClass } from './formula-class.js';
import { mesh2D } from './shape-mesh.js';
import { principalMoments2D } from './shape-pca.js';
import { pyDiv } from './pyfloat.js';

interface Shape2DCoefficients {
  surface: number;
  perimeter: number;
  diameter: number;
  pixelCount: number;
  /** (row, col) spacing of the plane */
  spacing: [number, number];
  /** ascending: minor, major */
  eigen: [number, number];
}

/** Each feature's formula; source: PyRadiomics shape2D.py docstrings (same numbering). */
const FORMULAS: Record<string, (c: Shape2DCoefficients) => number> = {
  /** 1. Mesh Surface: A = sum over contour segments of (Oa x Ob) / 2. */
  MeshSurface: (c) => c.surface,
  /** 2. Pixel Surface: N_p times the pixel area. */
  PixelSurface: (c) => c.pixelCount * (c.spacing[1] * c.spacing[0]),
  /** 3. Perimeter: P = sum of the contour segment lengths. */
  Perimeter: (c) => c.perimeter,
  /** 4. Perimeter to Surface ratio: P / A. */
  PerimeterSurfaceRatio: (c) => pyDiv(c.perimeter, c.surface),
  /** 5. Sphericity: 2 sqrt(pi A) / P. */
  Sphericity: (c) => pyDiv(2 * Math.sqrt(Math.PI * c.surface), c.perimeter),
  /** 6. Spherical Disproportion (deprecated): P / (2 sqrt(pi A)), the inverse of Sphericity. */
  SphericalDisproportion: (c) => pyDiv(1, pyDiv(2 * Math.sqrt(Math.PI * c.surface), c.perimeter)),
  /** 7. Maximum 2D diameter: largest distance between contour vertices. */
  MaximumDiameter: (c) => c.diameter,
  /** 8. Major Axis Length: 4 sqrt(lambda_major). */
  MajorAxisLength: (c) => (c.eigen[1] < 0 ? NaN : 4 * Math.sqrt(c.eigen[1])),
  /** 9. Minor Axis Length: 4 sqrt(lambda_minor). */
  MinorAxisLength: (c) => (c.eigen[0] < 0 ? NaN : 4 * Math.sqrt(c.eigen[0])),
  /** 10. Elongation: sqrt(lambda_minor / lambda_major). */
  Elongation: (c) => (c.eigen[0] < 0 || c.eigen[1] < 0 ? NaN : Math.sqrt(c.eigen[0] / c.eigen[1])),
};

const DEPRECATED = ['SphericalDisproportion'];

/** The in-plane grid of a one-slice mask: rows and columns (column fastest) and their spacing. */
export function slicePlane(input: Pick<FeatureInput, 'size' | 'spacing'>, dimension: number): { rows: number; cols: number; spacing: [number, number] } {
  const [nx, ny, nz] = input.size;
  const [sx, sy, sz] = input.spacing;
  const thickness = [nz, ny, nx][dimension];
  if (thickness !== 1) {
    throw new Error(`shape2D: the ROI spans ${thickness} voxels along force2Ddimension ${dimension}; 2D shape needs a one-voxel-thick ROI`);
  }
  if (dimension === 0) return { rows: ny, cols: nx, spacing: [sy, sx] };
  if (dimension === 1) return { rows: nz, cols: nx, spacing: [sz, sx] };
  return { rows: nz, cols: ny, spacing: [sz, sy] };
}

function coefficients(input: FeatureInput): Shape2DCoefficients {
  const { rows, cols, spacing } = slicePlane(input, input.settings.force2Ddimension);
  const mask = input.morphologicalMask;
  const mesh = mesh2D(mask, rows, cols, spacing);
  let pixelCount = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) pixelCount++;
  return {
    surface: mesh.surface,
    perimeter: mesh.perimeter,
    diameter: mesh.maxDiameter,
    pixelCount,
    spacing,
    eigen: principalMoments2D(mask, rows, cols, spacing, input.settings.ibsi),
  };
}

export const shape2DClass: FeatureClass = formulaClass('shape2D', FORMULAS, DEPRECATED, coefficients);
