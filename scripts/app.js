#!/usr/bin/env node
// cdk8s app command: bundle main.ts with esbuild (transpile only, dependencies external) and run it.
// Avoids ts-node's type-checking, which costs seconds per synth.
'use strict';
const path = require('path');
const { buildSync } = require('esbuild');

const root = path.resolve(__dirname, '..');
const entry = process.env.KAFKA_APP_ENTRY ? path.resolve(process.env.KAFKA_APP_ENTRY) : path.join(root, 'main.ts');
const outfile = path.join(root, '.build', path.basename(entry).replace(/\.ts$/, '.js'));
buildSync({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
require(outfile);
