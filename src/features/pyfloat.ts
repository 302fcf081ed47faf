/**
 * Python float semantics where PyRadiomics' value depends on them. Dividing Python floats by zero
 * raises ZeroDivisionError, which PyRadiomics' feature loop (radiomics/base.py _calculateFeatures)
 * catches and reports as NaN; JavaScript would give +-Infinity.
 */
export function pyDiv(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}
