/** Everything one report shows: the typed inputs of each section, figure and table. */
import type { ChecklistFacts } from './checklist.js';
import type { MethodsInput } from './methods.js';
import type {
  CalculatorModel, CalibrationPanel, CoefficientsInput, DcaPanel, DelongRow, FunnelRow, IccSummaryRow,
  NomogramInput, PerformanceRow, RocPanel, Table1Input, Table2Input,
} from './types.js';

export interface ReportData {
  title: string;
  /** one line under the title: the study's name, data, and what it is */
  subtitle: string;
  /** shown prominently when the cohort is synthetic (the demo) */
  notice?: string;
  methods: MethodsInput;
  table1?: Table1Input;
  table2?: Table2Input;
  icc?: IccSummaryRow[];
  funnel?: FunnelRow[];
  table3: PerformanceRow[];
  delong: DelongRow[];
  coefficients?: CoefficientsInput;
  nomogram: NomogramInput;
  roc: RocPanel[];
  calibration: CalibrationPanel[];
  dca: DcaPanel[];
  calculator: CalculatorModel;
  checklist: ChecklistFacts;
}
