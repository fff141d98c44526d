#!/usr/bin/env node
// `npm run mutate`: StrykerJS on the Kafka knowledge (stryker.config.json, docs/mutation.md), at the
// lowest CPU priority, then the score from reports/mutation/mutation.json. Extra arguments go to
// Stryker, e.g. `npm run mutate -- --mutate 'lib/kafka/acl.ts'` or `-- --force` (no incremental reuse).
// Not part of `npm test`: a full run takes tens of minutes.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const report = path.join(root, 'reports', 'mutation', 'mutation.json');
const stryker = path.join(root, 'node_modules', '.bin', 'stryker');
const args = ['run', ...process.argv.slice(2)];
// nice: the machine's cores are shared; a mutation run must not slow everything else down.
const niced = spawnSync('nice', ['-n', '19', 'true']).status === 0;
const res = niced
  ? spawnSync('nice', ['-n', '19', stryker, ...args], { cwd: root, stdio: 'inherit' })
  : spawnSync(stryker, args, { cwd: root, stdio: 'inherit' });
if (res.status !== 0 || !fs.existsSync(report)) process.exit(res.status || 1);

/** Stryker's mutation score: detected (killed, timeout) over valid mutants (detected, survived, no coverage). */
const counts = {};
for (const file of Object.values(JSON.parse(fs.readFileSync(report, 'utf8')).files)) {
  for (const m of file.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
}
const n = s => counts[s] ?? 0;
const detected = n('Killed') + n('Timeout');
const valid = detected + n('Survived') + n('NoCoverage');
const score = valid === 0 ? 100 : (100 * detected) / valid;
console.log(`mutation score: ${score.toFixed(2)} % (${detected} of ${valid} mutants detected: ` +
  `${n('Killed')} killed, ${n('Timeout')} timed out, ${n('Survived')} survived, ${n('NoCoverage')} without coverage; ` +
  `${n('CompileError')} did not compile, ${n('Ignored')} ignored) — ${path.relative(root, report)}`);
