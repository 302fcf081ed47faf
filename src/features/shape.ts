/**
 * PyRadiomics' 3D shape features (radiomics/shape.py, class RadiomicsShape), computed on the
 * morphological mask (the ROI before resegmentation, unless resegmentShape) cropped to the ROI.
 * Formulas: PyRadiomics documentation, "Shape Features (3D)"; IBSI 1 manual section 3.1
 * (Morphological features) for the IBSI names and codes listed in docs/conformance.md.
 *
 * Let V be the mesh volume, A the mesh surface area (shape-mesh.ts), N_v the voxel count and
 * lambda_least <= lambda_minor <= lambda_major the eigenvalues of the covariance of the voxel
 * centres (shape-pca.ts).
 */
import type { FeatureClass, FeatureInput } from './types.js';
import { formulaClass } from './formula-class.js';
import { mesh3D } from './shape-mesh.js';
import { registeredRoiIndex } from './roi-index.js';
import { principalMoments3D } from './shape-pca.js';
import { pyDiv } from './pyfloat.js';

interface ShapeCoefficients {
  volume: number;
  area: number;
  voxelCount: number;
  spacing: [number, number, number];
  diameters: { slice: number; column: number; row: number; max3D: number };
  /** ascending: least, minor, major */
  eigen: [number, number, number];
}

/** Square root of an eigenvalue, NaN when negative (PyRadiomics logs a warning and returns NaN). */
function axisLength(lambda: number): number {
  return lambda < 0 ? NaN : 4 * Math.sqrt(lambda);
}

function ratio(small: number, large: number): number {
  return small < 0 || large < 0 ? NaN : Math.sqrt(small / large);
}

/** Each feature's formula; source: PyRadiomics shape.py docstrings (same numbering). */
const FORMULAS: Record<string, (c: ShapeCoefficients) => number> = {
  /** 1. Mesh Volume: V = sum over faces of (Oa . (Ob x Oc)) / 6 (IBSI "Volume (mesh)", RNU0). */
  MeshVolume: (c) => c.volume,
  /** 2. Voxel Volume: N_v times the voxel volume (IBSI "Volume (voxel counting)", YEKZ). */
  VoxelVolume: (c) => c.voxelCount * (c.spacing[2] * c.spacing[0] * c.spacing[1]),
  /** 3. Surface Area: A = sum over faces of |ab x ac| / 2 (IBSI "Surface area (mesh)", C0JK). */
  SurfaceArea: (c) => c.area,
  /** 4. Surface Area to Volume ratio: A / V (IBSI 2PR5). */
  SurfaceVolumeRatio: (c) => pyDiv(c.area, c.volume),
  /** 5. Sphericity: (36 pi V^2)^(1/3) / A (IBSI QCFX). */
  Sphericity: (c) => pyDiv((36 * Math.PI * c.volume ** 2) ** (1 / 3), c.area),
  /** 6. Compactness 1 (deprecated): V / sqrt(pi A^3) (IBSI SKGS). */
  Compactness1: (c) => pyDiv(c.volume, c.area ** (3 / 2) * Math.sqrt(Math.PI)),
  /** 7. Compactness 2 (deprecated): 36 pi V^2 / A^3 (IBSI BQWJ). */
  Compactness2: (c) => pyDiv(36 * Math.PI * c.volume ** 2, c.area ** 3),
  /** 8. Spherical Disproportion (deprecated): A / (36 pi V^2)^(1/3) (IBSI KRCK). */
  SphericalDisproportion: (c) => pyDiv(c.area, (36 * Math.PI * c.volume ** 2) ** (1 / 3)),
  /** 9. Maximum 3D diameter: largest distance between mesh vertices (IBSI L0JK). */
  Maximum3DDiameter: (c) => c.diameters.max3D,
  /** 10. Maximum 2D diameter (Slice): largest vertex distance within an axial plane. */
  Maximum2DDiameterSlice: (c) => c.diameters.slice,
  /** 11. Maximum 2D diameter (Column): largest vertex distance within a coronal plane. */
  Maximum2DDiameterColumn: (c) => c.diameters.column,
  /** 12. Maximum 2D diameter (Row): largest vertex distance within a sagittal plane. */
  Maximum2DDiameterRow: (c) => c.diameters.row,
  /** 13. Major Axis Length: 4 sqrt(lambda_major) (IBSI TDIC). */
  MajorAxisLength: (c) => axisLength(c.eigen[2]),
  /** 14. Minor Axis Length: 4 sqrt(lambda_minor) (IBSI P9VJ). */
  MinorAxisLength: (c) => axisLength(c.eigen[1]),
  /** 15. Least Axis Length: 4 sqrt(lambda_least) (IBSI 7J51); 0 for a one-slice ROI. */
  LeastAxisLength: (c) => axisLength(c.eigen[0]),
  /** 16. Elongation: sqrt(lambda_minor / lambda_major) (IBSI Q3CK). */
  Elongation: (c) => ratio(c.eigen[1], c.eigen[2]),
  /** 17. Flatness: sqrt(lambda_least / lambda_major) (IBSI N17B). */
  Flatness: (c) => ratio(c.eigen[0], c.eigen[2]),
};

const DEPRECATED = ['Compactness1', 'Compactness2', 'SphericalDisproportion'];

function coefficients(input: FeatureInput): ShapeCoefficients {
  const mask = input.morphologicalMask;
  const mesh = mesh3D(mask, input.size, input.spacing);
  // the ROI's positions when the extractor registered the mask (./roi-index.ts), else a count
  const positions = registeredRoiIndex(mask);
  let voxelCount = positions?.length ?? 0;
  if (!positions) for (let i = 0; i < mask.length; i++) if (mask[i]) voxelCount++;
  return {
    volume: mesh.volume,
    area: mesh.surfaceArea,
    voxelCount,
    spacing: input.spacing,
    diameters: { slice: mesh.maxDiameterSlice, column: mesh.maxDiameterColumn, row: mesh.maxDiameterRow, max3D: mesh.maxDiameter3D },
    eigen: principalMoments3D(mask, input.size, input.spacing, input.settings.ibsi, positions),
  };
}

export const shapeClass: FeatureClass = formulaClass('shape', FORMULAS, DEPRECATED, coefficients);
