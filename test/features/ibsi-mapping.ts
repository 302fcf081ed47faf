/**
 * radnomo's (PyRadiomics') features by IBSI 1 reference-table tag, for the IBSI phantom tests:
 * 'morph_volume' -> shape MeshVolume, 'cm_joint_max' -> glcm MaximumProbability, ... The pairs
 * follow PyRadiomics' featuresDict_IBSIv7.tsv (test/fixtures/pyradiomics), completed where the
 * definitions coincide and the dictionary leaves the row empty (glcm Autocorrelation and the
 * informational correlations, glszm grey level zone emphases).
 */
export const IBSI_TAGS: Record<string, [featureClass: string, feature: string]> = {
  // morphology (IBSI 1 section 3.1)
  morph_volume: ['shape', 'MeshVolume'], morph_vol_approx: ['shape', 'VoxelVolume'],
  morph_area_mesh: ['shape', 'SurfaceArea'], morph_av: ['shape', 'SurfaceVolumeRatio'],
  morph_comp_1: ['shape', 'Compactness1'], morph_comp_2: ['shape', 'Compactness2'],
  morph_sph_dispr: ['shape', 'SphericalDisproportion'], morph_sphericity: ['shape', 'Sphericity'],
  morph_diam: ['shape', 'Maximum3DDiameter'], morph_pca_maj_axis: ['shape', 'MajorAxisLength'],
  morph_pca_min_axis: ['shape', 'MinorAxisLength'], morph_pca_least_axis: ['shape', 'LeastAxisLength'],
  morph_pca_elongation: ['shape', 'Elongation'], morph_pca_flatness: ['shape', 'Flatness'],
  // intensity-based statistics (3.3) and intensity histogram (3.4)
  stat_mean: ['firstorder', 'Mean'], stat_var: ['firstorder', 'Variance'], stat_skew: ['firstorder', 'Skewness'],
  stat_kurt: ['firstorder', 'Kurtosis'], stat_median: ['firstorder', 'Median'], stat_min: ['firstorder', 'Minimum'],
  stat_p10: ['firstorder', '10Percentile'], stat_p90: ['firstorder', '90Percentile'], stat_max: ['firstorder', 'Maximum'],
  stat_iqr: ['firstorder', 'InterquartileRange'], stat_range: ['firstorder', 'Range'],
  stat_mad: ['firstorder', 'MeanAbsoluteDeviation'], stat_rmad: ['firstorder', 'RobustMeanAbsoluteDeviation'],
  stat_energy: ['firstorder', 'Energy'], stat_rms: ['firstorder', 'RootMeanSquared'],
  ih_entropy: ['firstorder', 'Entropy'], ih_uniformity: ['firstorder', 'Uniformity'],
  // grey level co-occurrence matrix (3.6)
  cm_joint_max: ['glcm', 'MaximumProbability'], cm_joint_avg: ['glcm', 'JointAverage'], cm_joint_var: ['glcm', 'SumSquares'],
  cm_joint_entr: ['glcm', 'JointEntropy'], cm_diff_avg: ['glcm', 'DifferenceAverage'], cm_diff_var: ['glcm', 'DifferenceVariance'],
  cm_diff_entr: ['glcm', 'DifferenceEntropy'], cm_sum_avg: ['glcm', 'SumAverage'], cm_sum_var: ['glcm', 'SumVariance'],
  cm_sum_entr: ['glcm', 'SumEntropy'], cm_energy: ['glcm', 'JointEnergy'], cm_contrast: ['glcm', 'Contrast'],
  cm_dissimilarity: ['glcm', 'Dissimilarity'], cm_inv_diff: ['glcm', 'Id'], cm_inv_diff_norm: ['glcm', 'Idn'],
  cm_inv_diff_mom: ['glcm', 'Idm'], cm_inv_diff_mom_norm: ['glcm', 'Idmn'], cm_inv_var: ['glcm', 'InverseVariance'],
  cm_corr: ['glcm', 'Correlation'], cm_auto_corr: ['glcm', 'Autocorrelation'], cm_clust_tend: ['glcm', 'ClusterTendency'],
  cm_clust_shade: ['glcm', 'ClusterShade'], cm_clust_prom: ['glcm', 'ClusterProminence'],
  cm_info_corr1: ['glcm', 'Imc1'], cm_info_corr2: ['glcm', 'Imc2'],
  // grey level run length matrix (3.7)
  rlm_sre: ['glrlm', 'ShortRunEmphasis'], rlm_lre: ['glrlm', 'LongRunEmphasis'],
  rlm_lgre: ['glrlm', 'LowGrayLevelRunEmphasis'], rlm_hgre: ['glrlm', 'HighGrayLevelRunEmphasis'],
  rlm_srlge: ['glrlm', 'ShortRunLowGrayLevelEmphasis'], rlm_srhge: ['glrlm', 'ShortRunHighGrayLevelEmphasis'],
  rlm_lrlge: ['glrlm', 'LongRunLowGrayLevelEmphasis'], rlm_lrhge: ['glrlm', 'LongRunHighGrayLevelEmphasis'],
  rlm_glnu: ['glrlm', 'GrayLevelNonUniformity'], rlm_glnu_norm: ['glrlm', 'GrayLevelNonUniformityNormalized'],
  rlm_rlnu: ['glrlm', 'RunLengthNonUniformity'], rlm_rlnu_norm: ['glrlm', 'RunLengthNonUniformityNormalized'],
  rlm_r_perc: ['glrlm', 'RunPercentage'], rlm_gl_var: ['glrlm', 'GrayLevelVariance'],
  rlm_rl_var: ['glrlm', 'RunVariance'], rlm_rl_entr: ['glrlm', 'RunEntropy'],
  // grey level size zone matrix (3.8)
  szm_sze: ['glszm', 'SmallAreaEmphasis'], szm_lze: ['glszm', 'LargeAreaEmphasis'],
  szm_lgze: ['glszm', 'LowGrayLevelZoneEmphasis'], szm_hgze: ['glszm', 'HighGrayLevelZoneEmphasis'],
  szm_szlge: ['glszm', 'SmallAreaLowGrayLevelEmphasis'], szm_szhge: ['glszm', 'SmallAreaHighGrayLevelEmphasis'],
  szm_lzlge: ['glszm', 'LargeAreaLowGrayLevelEmphasis'], szm_lzhge: ['glszm', 'LargeAreaHighGrayLevelEmphasis'],
  szm_glnu: ['glszm', 'GrayLevelNonUniformity'], szm_glnu_norm: ['glszm', 'GrayLevelNonUniformityNormalized'],
  szm_zsnu: ['glszm', 'SizeZoneNonUniformity'], szm_zsnu_norm: ['glszm', 'SizeZoneNonUniformityNormalized'],
  szm_z_perc: ['glszm', 'ZonePercentage'], szm_gl_var: ['glszm', 'GrayLevelVariance'],
  szm_zs_var: ['glszm', 'ZoneVariance'], szm_zs_entr: ['glszm', 'ZoneEntropy'],
  // neighbourhood grey tone difference matrix (3.10)
  ngt_coarseness: ['ngtdm', 'Coarseness'], ngt_contrast: ['ngtdm', 'Contrast'], ngt_busyness: ['ngtdm', 'Busyness'],
  ngt_complexity: ['ngtdm', 'Complexity'], ngt_strength: ['ngtdm', 'Strength'],
  // neighbouring grey level dependence matrix (3.11)
  ngl_lde: ['gldm', 'SmallDependenceEmphasis'], ngl_hde: ['gldm', 'LargeDependenceEmphasis'],
  ngl_lgce: ['gldm', 'LowGrayLevelEmphasis'], ngl_hgce: ['gldm', 'HighGrayLevelEmphasis'],
  ngl_ldlge: ['gldm', 'SmallDependenceLowGrayLevelEmphasis'], ngl_ldhge: ['gldm', 'SmallDependenceHighGrayLevelEmphasis'],
  ngl_hdlge: ['gldm', 'LargeDependenceLowGrayLevelEmphasis'], ngl_hdhge: ['gldm', 'LargeDependenceHighGrayLevelEmphasis'],
  ngl_glnu: ['gldm', 'GrayLevelNonUniformity'], ngl_glnu_norm: ['gldm', 'GrayLevelNonUniformityNormalized'],
  ngl_dcnu: ['gldm', 'DependenceNonUniformity'], ngl_dcnu_norm: ['gldm', 'DependenceNonUniformityNormalized'],
  ngl_dc_perc: ['gldm', 'DependencePercentage'], ngl_gl_var: ['gldm', 'GrayLevelVariance'],
  ngl_dc_var: ['gldm', 'DependenceVariance'], ngl_dc_entr: ['gldm', 'DependenceEntropy'],
};

/**
 * The IBSI aggregation suffix of a class's value under radnomo's settings: GLCM and GLRLM average
 * features over directions (3D_avg, or 2_5D_avg with force2D: directions merged over slices),
 * the other matrices are single (3D / 2_5D); morphology and first order have no suffix.
 */
export function ibsiSuffix(featureClass: string, force2D: boolean): string {
  if (featureClass === 'shape' || featureClass === 'firstorder') return '';
  const dim = force2D ? '2_5D' : '3D';
  return featureClass === 'glcm' || featureClass === 'glrlm' ? `_${dim}_avg` : `_${dim}`;
}

/** IBSI's check: within the tolerance of the reference, once rounded to the 3 significant digits IBSI reports. */
export function ibsiAgrees(actual: number, reference: number, tolerance: number): boolean {
  if (Math.abs(actual - reference) <= tolerance) return true;
  return Math.abs(Number(actual.toPrecision(3)) - reference) <= tolerance;
}
