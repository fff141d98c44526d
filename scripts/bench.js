#!/usr/bin/env node
/**
 * `npm run bench`: synth performance figures (a script, not a timed test).
 *  1. wall time of `npm run synth` per flavour, median of 5 runs (into a temp folder, dist/ untouched);
 *  2. in-process synth of one chart with 1/10/100 clusters and one cluster with 10…5,000 topics,
 *     each in a fresh node process, median of 3, with the cost per unit to show the growth;
 *  3. peak memory (max RSS) of the largest case.
 * Targets (issue 4): default flavour ≤ 1.5 s wall median; 1,000 topics ≤ 1 s in-process; linear growth.
 */
'use strict';
const { spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { buildSync } = require('esbuild');

const root = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS || 5);
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function wallTimes() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kafka-bench-'));
  const rows = [];
  for (const flavour of ['raw-kraft', 'raw-zookeeper', 'strimzi', 'strimzi-zookeeper']) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      const res = spawnSync('npm', ['run', '--silent', 'synth', '--', '--outdir', path.join(tmp, flavour)], {
        cwd: root, env: { ...process.env, KAFKA_FLAVOR: flavour, CDK8S_CHECK_UPGRADE: 'false' }, encoding: 'utf8',
      });
      if (res.status !== 0) throw new Error(`synth of ${flavour} failed:\n${res.stdout}\n${res.stderr}`);
      times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    rows.push({ flavour, median: median(times), min: Math.min(...times), max: Math.max(...times) });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return rows;
}

function inProcess() {
  const outfile = path.join(root, '.build', 'bench-cases.js');
  buildSync({ entryPoints: [path.join(__dirname, 'bench-cases.ts')], outfile, bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
  const plan = [
    ['raw-clusters', [1, 10, 100]],
    ['strimzi-clusters', [1, 10, 100]],
    ['strimzi-topics', [10, 100, 1000, 5000]],
    ['raw-topics', [10, 100, 1000, 5000]],
  ];
  const rows = [];
  for (const [name, sizes] of plan) {
    for (const n of sizes) {
      const runs = [];
      for (let i = 0; i < 3; i++) {
        runs.push(JSON.parse(execFileSync(process.execPath, [outfile, name, String(n)], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()));
      }
      const ms = median(runs.map(r => r.ms));
      rows.push({ ...runs[0], ms, perUnitMs: Math.round((ms / n) * 1000) / 1000, maxRssMiB: Math.max(...runs.map(r => r.maxRssMiB)) });
    }
  }
  return rows;
}

function main() {
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  console.log(`\n## npm run synth, wall time (median of ${RUNS})`);
  const wall = wallTimes();
  for (const r of wall) console.log(`${r.flavour.padEnd(18)} median ${r.median.toFixed(2)} s  (min ${r.min.toFixed(2)}, max ${r.max.toFixed(2)})`);

  console.log('\n## in-process synth (construct + render YAML), median of 3 fresh processes');
  const rows = inProcess();
  console.log(`${'case'.padEnd(18)} ${'n'.padStart(5)} ${'objects'.padStart(8)} ${'ms'.padStart(9)} ${'ms/unit'.padStart(9)} ${'maxRSS MiB'.padStart(11)}`);
  for (const r of rows) {
    console.log(`${r.case.padEnd(18)} ${String(r.n).padStart(5)} ${String(r.objects).padStart(8)} ${r.ms.toFixed(1).padStart(9)} ${r.perUnitMs.toFixed(3).padStart(9)} ${String(r.maxRssMiB).padStart(11)}`);
  }
  const largest = rows.reduce((a, b) => (b.objects > a.objects ? b : a));
  console.log(`\npeak memory of the largest case (${largest.case} n=${largest.n}, ${largest.objects} objects): ${largest.maxRssMiB} MiB max RSS`);

  const def = wall.find(r => r.flavour === 'raw-kraft');
  const t1000 = rows.find(r => r.case === 'strimzi-topics' && r.n === 1000);
  const checks = [
    [`default flavour synth ≤ 1.5 s wall median (${def.median.toFixed(2)} s)`, def.median <= 1.5],
    [`1,000 topics ≤ 1 s in-process (${(t1000.ms / 1000).toFixed(2)} s)`, t1000.ms <= 1000],
  ];
  for (const c of ['strimzi-topics', 'raw-topics', 'raw-clusters', 'strimzi-clusters']) {
    const rs = rows.filter(r => r.case === c);
    const a = rs[rs.length - 2], b = rs[rs.length - 1];
    const ratio = (b.ms / a.ms) / (b.n / a.n);
    // Linear growth: cost ratio tracks size ratio (≤ 1.5× the linear prediction; fixed start-up costs make it < 1).
    checks.push([`${c} growth ${a.n}→${b.n}: ${ratio.toFixed(2)}× linear`, ratio <= 1.5]);
  }
  console.log('\n## targets');
  for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'} ${label}`);
}

main();
