/**
 * Provenance of a study run: radnomo's version, the SHA-256 of the study file and of every input
 * file, and the seeds. Nothing time- or machine-dependent is recorded, so a rerun on the same
 * inputs writes the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256OfFile(path: string): string {
  return sha256Hex(readFileSync(path));
}

let version: string | null = null;

/** radnomo's version from package.json (src/study and dist/study sit two levels below it). */
export function radnomoVersion(): string {
  if (version) return version;
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '../../..']) {
    try {
      const pkg = JSON.parse(readFileSync(join(here, up, 'package.json'), 'utf8'));
      if (pkg.name === 'radnomo') return (version = String(pkg.version));
    } catch {
      /* try the next level */
    }
  }
  return (version = 'unknown');
}

/** Input files of a run, each hashed once. */
export class InputLog {
  private readonly entries: { role: string; path: string; sha256: string }[] = [];
  private readonly seen = new Map<string, string>();

  add(role: string, writtenPath: string, absolutePath: string): void {
    let h = this.seen.get(absolutePath);
    if (!h) {
      h = sha256OfFile(absolutePath);
      this.seen.set(absolutePath, h);
    }
    this.entries.push({ role, path: writtenPath, sha256: h });
  }

  list(): { role: string; path: string; sha256: string }[] {
    return [...this.entries];
  }
}
