/**
 * PyRadiomics' settings (the `setting` block of a params file), with PyRadiomics' defaults.
 * Names are PyRadiomics' own so that a params file is accepted unchanged. Sources:
 * radiomics/featureextractor.py (getDefaultSettings), radiomics/imageoperations.py and the
 * feature classes' kwargs. `ibsi` is radnomo's: IBSI definitions where they differ.
 */
export type Interpolator =
  | 'sitkNearestNeighbor' | 'sitkLinear' | 'sitkBSpline' | 'sitkGaussian' | 'sitkLabelGaussian'
  | 'sitkHammingWindowedSinc' | 'sitkCosineWindowedSinc' | 'sitkWelchWindowedSinc'
  | 'sitkLanczosWindowedSinc' | 'sitkBlackmanWindowedSinc';

export interface Settings {
  // mask and geometry
  label: number;
  labelChannel?: number;
  minimumROIDimensions: number;
  minimumROISize: number | null;
  geometryTolerance: number | null;
  correctMask: boolean;
  additionalInfo: boolean;
  // preprocessing
  normalize: boolean;
  normalizeScale: number;
  removeOutliers: number | null;
  resampledPixelSpacing: [number, number, number] | null;
  interpolator: Interpolator | number;
  preCrop: boolean;
  padDistance: number;
  resegmentRange: number[] | null;
  resegmentMode: 'absolute' | 'relative' | 'sigma';
  resegmentShape: boolean;
  // discretisation
  binWidth: number;
  binCount: number | null;
  voxelArrayShift: number;
  // texture
  distances: number[];
  force2D: boolean;
  force2Ddimension: number;
  symmetricalGLCM: boolean;
  weightingNorm: 'manhattan' | 'euclidean' | 'infinity' | 'no_weighting' | null;
  gldm_a: number;
  // filters
  sigma: number[];
  start_level: number;
  level: number;
  wavelet: string;
  lbp2DRadius: number;
  /** PyRadiomics' code defaults to 8 (kwargs.get('lbp2DSamples', 8)); its docstring says 9. */
  lbp2DSamples: number;
  lbp2DMethod: string;
  lbp3DLevels: number;
  lbp3DIcosphereRadius: number;
  lbp3DIcosphereSubdivision: number;
  gradientUseSpacing: boolean;
  // radnomo
  /** IBSI definitions instead of PyRadiomics' where the two differ (docs/conformance.md). */
  ibsi: boolean;
  /** Keep only the axial slice with the most ROI voxels (ties: the lowest), as the paper's 2D ROI. */
  largestSlice: boolean;
}

export function defaultSettings(): Settings {
  return {
    label: 1,
    minimumROIDimensions: 2,
    minimumROISize: null,
    geometryTolerance: null,
    correctMask: false,
    additionalInfo: true,
    normalize: false,
    normalizeScale: 1,
    removeOutliers: null,
    resampledPixelSpacing: null,
    interpolator: 'sitkBSpline',
    preCrop: false,
    padDistance: 5,
    resegmentRange: null,
    resegmentMode: 'absolute',
    resegmentShape: false,
    binWidth: 25,
    binCount: null,
    voxelArrayShift: 0,
    distances: [1],
    force2D: false,
    force2Ddimension: 0,
    symmetricalGLCM: true,
    weightingNorm: null,
    gldm_a: 0,
    sigma: [],
    start_level: 0,
    level: 1,
    wavelet: 'coif1',
    lbp2DRadius: 1,
    lbp2DSamples: 8,
    lbp2DMethod: 'uniform',
    lbp3DLevels: 2,
    lbp3DIcosphereRadius: 1,
    lbp3DIcosphereSubdivision: 1,
    gradientUseSpacing: true,
    ibsi: false,
    largestSlice: false,
  };
}
