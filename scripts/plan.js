#!/usr/bin/env node
// `npm run plan [-- --base DIR] [--json]`: bundles tools/plan/cli.ts with esbuild (as scripts/app.js
// does for main.ts) and runs it: synthesizes the app as `npm run synth` would into a temp folder and
// prints what applying it over DIR (default dist/) does. Exit 0: every change safe; 3: a change
// would be rejected or puts data at risk; 2: usage; other: synth failed.
'use strict';
const fs = require('fs');
const path = require('path');
const { buildSync } = require('esbuild');

const root = path.resolve(__dirname, '..');
const outfile = path.join(root, '.build', 'plan-cli.js');
const result = buildSync({
  entryPoints: [path.join(root, 'tools', 'plan', 'cli.ts')],
  write: false, bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning', outfile,
});
fs.mkdirSync(path.dirname(outfile), { recursive: true });
const tmp = `${outfile}.${process.pid}.tmp`;
fs.writeFileSync(tmp, result.outputFiles[0].contents);
fs.renameSync(tmp, outfile);
require(outfile);
