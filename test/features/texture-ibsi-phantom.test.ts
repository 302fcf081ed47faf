/**
 * Texture features on IBSI's digital phantom (test/fixtures/ibsi/ibsi_1: 5 x 4 x 4 voxels, grey
 * levels 1..6, no discretisation needed: bin width 1 keeps them) against the IBSI consensus
 * values, which are given to 3 significant digits. The IBSI aggregation methods that PyRadiomics'
 * settings reproduce:
 *   3D averaged (_3D_avg)            = default (features per direction, then the mean)
 *   3D merged (_3D_comb)             = weightingNorm 'no_weighting' (direction matrices summed)
 *   2.5D direction-merged (_2_5D_avg) = force2D (slices merged per direction, then the mean)
 *   2.5D merged (_2_5D_comb)         = force2D with 'no_weighting'
 *   3D / 2.5D for GLSZM, NGTDM, NGLDM = default / force2D.
 * Both PyRadiomics' definitions and settings.ibsi are checked. IBSI's per-slice 2D variants and the
 * distance zone matrix have no PyRadiomics counterpart and are not computed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSettings, type Settings } from '../../src/features/settings.js';
import type { FeatureClass } from '../../src/features/types.js';
import { glcmClass } from '../../src/features/texture/glcm.js';
import { glrlmClass } from '../../src/features/texture/glrlm.js';
import { glszmClass } from '../../src/features/texture/glszm.js';
import { gldmClass } from '../../src/features/texture/gldm.js';
import { ngtdmClass } from '../../src/features/texture/ngtdm.js';
import { fileInput } from './texture-helpers.js';
import { parseCsv } from '../helpers/csv.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ibsi', 'ibsi_1');
const refFile = join(dir, 'reference_values', 'ibsi_1_reference_values_digital_phantom.csv');

/** IBSI tag stem -> PyRadiomics class and feature. */
const names: Record<string, [FeatureClass, string]> = {
  cm_joint_max: [glcmClass, 'MaximumProbability'], cm_joint_avg: [glcmClass, 'JointAverage'],
  cm_joint_var: [glcmClass, 'SumSquares'], cm_joint_entr: [glcmClass, 'JointEntropy'],
  cm_diff_avg: [glcmClass, 'DifferenceAverage'], cm_diff_var: [glcmClass, 'DifferenceVariance'],
  cm_diff_entr: [glcmClass, 'DifferenceEntropy'], cm_sum_avg: [glcmClass, 'SumAverage'],
  cm_sum_var: [glcmClass, 'SumVariance'], cm_sum_entr: [glcmClass, 'SumEntropy'],
  cm_energy: [glcmClass, 'JointEnergy'], cm_contrast: [glcmClass, 'Contrast'],
  cm_dissimilarity: [glcmClass, 'Dissimilarity'], cm_inv_diff: [glcmClass, 'Id'],
  cm_inv_diff_norm: [glcmClass, 'Idn'], cm_inv_diff_mom: [glcmClass, 'Idm'],
  cm_inv_diff_mom_norm: [glcmClass, 'Idmn'], cm_inv_var: [glcmClass, 'InverseVariance'],
  cm_corr: [glcmClass, 'Correlation'], cm_auto_corr: [glcmClass, 'Autocorrelation'],
  cm_clust_tend: [glcmClass, 'ClusterTendency'], cm_clust_shade: [glcmClass, 'ClusterShade'],
  cm_clust_prom: [glcmClass, 'ClusterProminence'], cm_info_corr1: [glcmClass, 'Imc1'],
  cm_info_corr2: [glcmClass, 'Imc2'],
  rlm_sre: [glrlmClass, 'ShortRunEmphasis'], rlm_lre: [glrlmClass, 'LongRunEmphasis'],
  rlm_lgre: [glrlmClass, 'LowGrayLevelRunEmphasis'], rlm_hgre: [glrlmClass, 'HighGrayLevelRunEmphasis'],
  rlm_srlge: [glrlmClass, 'ShortRunLowGrayLevelEmphasis'], rlm_srhge: [glrlmClass, 'ShortRunHighGrayLevelEmphasis'],
  rlm_lrlge: [glrlmClass, 'LongRunLowGrayLevelEmphasis'], rlm_lrhge: [glrlmClass, 'LongRunHighGrayLevelEmphasis'],
  rlm_glnu: [glrlmClass, 'GrayLevelNonUniformity'], rlm_glnu_norm: [glrlmClass, 'GrayLevelNonUniformityNormalized'],
  rlm_rlnu: [glrlmClass, 'RunLengthNonUniformity'], rlm_rlnu_norm: [glrlmClass, 'RunLengthNonUniformityNormalized'],
  rlm_r_perc: [glrlmClass, 'RunPercentage'], rlm_gl_var: [glrlmClass, 'GrayLevelVariance'],
  rlm_rl_var: [glrlmClass, 'RunVariance'], rlm_rl_entr: [glrlmClass, 'RunEntropy'],
  szm_sze: [glszmClass, 'SmallAreaEmphasis'], szm_lze: [glszmClass, 'LargeAreaEmphasis'],
  szm_lgze: [glszmClass, 'LowGrayLevelZoneEmphasis'], szm_hgze: [glszmClass, 'HighGrayLevelZoneEmphasis'],
  szm_szlge: [glszmClass, 'SmallAreaLowGrayLevelEmphasis'], szm_szhge: [glszmClass, 'SmallAreaHighGrayLevelEmphasis'],
  szm_lzlge: [glszmClass, 'LargeAreaLowGrayLevelEmphasis'], szm_lzhge: [glszmClass, 'LargeAreaHighGrayLevelEmphasis'],
  szm_glnu: [glszmClass, 'GrayLevelNonUniformity'], szm_glnu_norm: [glszmClass, 'GrayLevelNonUniformityNormalized'],
  szm_zsnu: [glszmClass, 'SizeZoneNonUniformity'], szm_zsnu_norm: [glszmClass, 'SizeZoneNonUniformityNormalized'],
  szm_z_perc: [glszmClass, 'ZonePercentage'], szm_gl_var: [glszmClass, 'GrayLevelVariance'],
  szm_zs_var: [glszmClass, 'ZoneVariance'], szm_zs_entr: [glszmClass, 'ZoneEntropy'],
  ngt_coarseness: [ngtdmClass, 'Coarseness'], ngt_contrast: [ngtdmClass, 'Contrast'],
  ngt_busyness: [ngtdmClass, 'Busyness'], ngt_complexity: [ngtdmClass, 'Complexity'],
  ngt_strength: [ngtdmClass, 'Strength'],
  ngl_lde: [gldmClass, 'SmallDependenceEmphasis'], ngl_hde: [gldmClass, 'LargeDependenceEmphasis'],
  ngl_lgce: [gldmClass, 'LowGrayLevelEmphasis'], ngl_hgce: [gldmClass, 'HighGrayLevelEmphasis'],
  ngl_ldlge: [gldmClass, 'SmallDependenceLowGrayLevelEmphasis'], ngl_ldhge: [gldmClass, 'SmallDependenceHighGrayLevelEmphasis'],
  ngl_hdlge: [gldmClass, 'LargeDependenceLowGrayLevelEmphasis'], ngl_hdhge: [gldmClass, 'LargeDependenceHighGrayLevelEmphasis'],
  ngl_glnu: [gldmClass, 'GrayLevelNonUniformity'], ngl_glnu_norm: [gldmClass, 'GrayLevelNonUniformityNormalized'],
  ngl_dcnu: [gldmClass, 'DependenceNonUniformity'], ngl_dcnu_norm: [gldmClass, 'DependenceNonUniformityNormalized'],
  ngl_dc_perc: [gldmClass, 'DependencePercentage'], ngl_gl_var: [gldmClass, 'GrayLevelVariance'],
  ngl_dc_var: [gldmClass, 'DependenceVariance'], ngl_dc_entr: [gldmClass, 'DependenceEntropy'],
};

const variants: [string, Partial<Settings>][] = [
  ['3D_avg', {}],
  ['3D_comb', { weightingNorm: 'no_weighting' }],
  ['3D', {}],
  ['2_5D_avg', { force2D: true, force2Ddimension: 0 }],
  ['2_5D_comb', { force2D: true, force2Ddimension: 0, weightingNorm: 'no_weighting' }],
  ['2_5D', { force2D: true, force2Ddimension: 0 }],
];

const reference = new Map<string, number>();
if (existsSync(refFile)) {
  const rows = parseCsv(readFileSync(refFile, 'utf8').replace(/^\uFEFF/, ''));
  const tag = rows[0].indexOf('tag');
  const value = rows[0].indexOf('reference value');
  for (const r of rows.slice(1)) if (r.length > tag && r[value] !== '') reference.set(r[tag], Number(r[value]));
}

for (const ibsi of [false, true]) {
  for (const [suffix, patch] of variants) {
    test(`IBSI digital phantom, ${suffix} aggregation, ${ibsi ? 'IBSI' : 'PyRadiomics'} definitions: 3 significant digits`, { skip: reference.size === 0 ? 'reference table missing' : false }, async () => {
      const settings = { ...defaultSettings(), binWidth: 1, ibsi, ...patch };
      const input = await fileInput(join(dir, 'digital_phantom', 'nifti', 'image', 'phantom.nii.gz'), join(dir, 'digital_phantom', 'nifti', 'mask', 'mask.nii.gz'), settings);
      const bad: string[] = [];
      let checked = 0;
      for (const [stem, [cls, name]] of Object.entries(names)) {
        const expected = reference.get(`${stem}_${suffix}`);
        if (expected === undefined) continue;
        const actual = cls.compute(input, [name]).get(name)!;
        checked++;
        if (Number(actual.toPrecision(3)) !== Number(expected.toPrecision(3))) bad.push(`${stem} (${name}): ${actual} vs ${expected}`);
      }
      assert.ok(checked >= 5, `only ${checked} reference values for ${suffix}`);
      assert.deepEqual(bad, []);
    });
  }
}
