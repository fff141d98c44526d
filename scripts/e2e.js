#!/usr/bin/env node
// `npm run e2e [-- scenario...]`: bundles e2e/run.ts with esbuild (as scripts/app.js does for
// main.ts; type-checking is `npm run typecheck`) and runs it.
'use strict';
const fs = require('fs');
const path = require('path');
const { buildSync } = require('esbuild');

const root = path.resolve(__dirname, '..');
const outfile = path.join(root, '.build', 'e2e-run.js');
const result = buildSync({
  entryPoints: [path.join(root, 'e2e', 'run.ts')],
  write: false, bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning', outfile,
});
fs.mkdirSync(path.dirname(outfile), { recursive: true });
const tmp = `${outfile}.${process.pid}.tmp`;
fs.writeFileSync(tmp, result.outputFiles[0].contents);
fs.renameSync(tmp, outfile);
require(outfile);
