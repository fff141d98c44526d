#!/usr/bin/env node
// `npm test`: the unit tests (tsc, then jest; extra arguments go to jest), then the e2e when the
// container runtime is usable (`e2e skipped: <reason>` otherwise; KAFKA_E2E=required fails instead).
// Jest runs with --ci everywhere, as in CI: a missing snapshot fails instead of being written
// (`npm test -- -u` still updates snapshots on purpose). A test that needs a missing tool is listed
// as skipped at the end (test/support/skip-reporter.js), and fails under CI (test/support/tools.ts).
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const step = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (step(path.join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', 'tsconfig.json']) !== 0) process.exit(1);
const extra = process.argv.slice(2);
const ci = extra.some(a => a === '--ci' || a === '--no-ci' || a.startsWith('--ci=')) ? [] : ['--ci'];
const unit = step(path.join(root, 'node_modules', '.bin', 'jest'), [...ci, ...extra]);
// The e2e runs even when a unit test failed, so that one CI run reports both.
const e2e = step(process.execPath, [path.join(root, 'scripts', 'e2e.js'), '--if-available']);
process.exit(unit || e2e);
