#!/usr/bin/env node
// cdk8s app command: bundle main.ts with esbuild (transpile only, dependencies external) and run it.
// Avoids ts-node's type-checking, which costs seconds per synth.
'use strict';
const fs = require('fs');
const path = require('path');
const { buildSync } = require('esbuild');

const root = path.resolve(__dirname, '..');
const entry = process.env.KAFKA_APP_ENTRY ? path.resolve(process.env.KAFKA_APP_ENTRY) : path.join(root, 'main.ts');
const outfile = path.join(root, '.build', path.basename(entry).replace(/\.ts$/, '.js'));
const result = buildSync({
  entryPoints: [entry],
  outfile,
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
// Written under a per-process name and renamed: synths running in parallel (jest workers)
// never require a half-written bundle.
fs.mkdirSync(path.dirname(outfile), { recursive: true });
const tmp = `${outfile}.${process.pid}.tmp`;
fs.writeFileSync(tmp, result.outputFiles[0].contents);
fs.renameSync(tmp, outfile);
require(outfile);
