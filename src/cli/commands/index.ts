/** Every CLI command, in the order `radnomo --help` lists them. Add one import and one entry per command. */
import type { Command } from 'commander';
import { register as registerExtract } from './extract.js';
import { register as registerInfo } from './info.js';
import { register as registerConvert } from './convert.js';
import { register as registerMerge } from './merge.js';
import { register as registerPresets } from './presets.js';
import { register as registerStudy } from './study.js';
import { register as registerPredict } from './predict.js';
import { register as registerReport } from './report.js';
import { register as registerServe } from './serve.js';
import { register as registerDemo } from './demo.js';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerInfo, registerConvert, registerExtract, registerPresets, registerMerge, registerStudy, registerPredict, registerReport, registerServe, registerDemo];
