/**
 * `radnomo presets`: the params files shipped with radnomo (presets/*.yaml) and what each is for.
 * A preset says what it is for in its leading comment: a `# description: ...` line, or else the
 * first sentence of the leading comment block. Use one with `radnomo extract --preset <name>`.
 */
import type { Command } from 'commander';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { presetsDir } from '../../features/params.js';

export interface PresetInfo {
  name: string;
  description: string;
  path: string;
}

/** The description of a preset from its leading comment lines. */
export function presetDescription(text: string): string {
  const comments: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    comments.push(line.replace(/^#\s?/, ''));
  }
  const tagged = comments.find((c) => /^description:/i.test(c));
  if (tagged) return tagged.replace(/^description:\s*/i, '').trim();
  const block: string[] = [];
  for (const c of comments) {
    if (c.trim() === '') break;
    block.push(c.trim());
  }
  const joined = block.join(' ');
  const end = joined.search(/\.(\s|$)/);
  return (end >= 0 ? joined.slice(0, end + 1) : joined).trim();
}

/** Every shipped preset, sorted by name. */
export function listPresets(dir: string = presetsDir()): PresetInfo[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      return { name: basename(f, '.yaml'), description: presetDescription(readFileSync(path, 'utf8')), path };
    });
}

export function register(program: Command): void {
  program
    .command('presets')
    .description('list the params presets shipped with radnomo and what each is for (use one with extract --preset <name>)')
    .option('--json', 'print a JSON array of {name, description, path}')
    .action((opts: { json?: boolean }) => {
      const presets = listPresets();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(presets, null, 2)}\n`);
        return;
      }
      const width = Math.max(...presets.map((p) => p.name.length));
      for (const p of presets) process.stdout.write(`${p.name.padEnd(width)}  ${p.description || '(no description)'}\n`);
    });
}
