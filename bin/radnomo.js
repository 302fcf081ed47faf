#!/usr/bin/env node
// The installed entry point runs the compiled CLI (npm ci builds dist/ through the prepare script).
import { main } from '../dist/cli/main.js';
main(process.argv).catch((err) => {
  process.stderr.write(`radnomo: ${err?.message ?? err}\n`);
  process.exit(1);
});
