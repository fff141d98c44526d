#!/usr/bin/env node
/**
 * `npm run strimzi-check`: checks every Strimzi resource of both Strimzi flavours, both output layouts and every
 * example with Strimzi's own Java model (the Maven harness in this folder), one JVM per Strimzi release.
 * Prints one line per resource and, last, `strimzi-check: N resources, W warnings, E errors`; exits 1 when W or E > 0.
 *
 *   node tools/strimzi-check/run.js [--offline] [--keep] [--out DIR] [--input DIR --release 1.2.0|0.45.2]
 *   --install   only build the harness (downloads its Maven dependencies: the install step of .ci/run)
 *   --offline   never download: fail when the install step has not run (used by the jest test)
 *   --input DIR check the YAML files under DIR (with --release) instead of synthesizing the flavours and examples
 *   --keep      keep the temporary folder (synthesized files, generated broker configurations)
 * Needs Java 21+ (io.strimzi:api 1.2.0 is Java 21 bytecode; JAVA_HOME or /usr/lib/jvm/*) and Maven.
 * Exit codes: 0 clean, 1 findings, 2 harness or setup failure, 3 Java 21+ or Maven missing.
 */
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const HERE = __dirname;
const ROOT = path.resolve(HERE, '..', '..');
/** Strimzi releases the library targets, the API version each serves and the Maven module with its class path. */
const RELEASES = {
  '1.2.0': { apiVersion: 'v1', module: 'release-1.2.0', operator: 'operator-1.2.0' },
  // No operator module for 0.45.2 yet: its model layer (ZookeeperCluster, KafkaCluster.fromCrd of 0.45) differs.
  '0.45.2': { apiVersion: 'v1beta2', module: 'release-0.45', operator: undefined },
};

function parseArgs(argv) {
  const a = { offline: false, keep: false, install: false, out: undefined, input: undefined, release: undefined };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--offline') a.offline = true;
    else if (k === '--keep') a.keep = true;
    else if (k === '--install') a.install = true;
    else if (k === '--out') a.out = argv[++i];
    else if (k === '--input') a.input = argv[++i];
    else if (k === '--release') a.release = argv[++i];
    else throw new Error(`unknown argument ${k}`);
  }
  if (a.input && !RELEASES[a.release]) throw new Error(`--input needs --release, one of ${Object.keys(RELEASES).join(', ')}`);
  return a;
}

/** The major version `java -version` reports, or 0. */
function javaMajor(javaHome) {
  const java = path.join(javaHome, 'bin', 'java');
  if (!fs.existsSync(java)) return 0;
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const m = /version "(\d+)/.exec(`${r.stderr}${r.stdout}`);
  return m ? Number(m[1]) : 0;
}

/** A Java 21+ home: STRIMZI_CHECK_JAVA_HOME, JAVA_HOME, the `java` on PATH, then the newest under /usr/lib/jvm. */
function findJava() {
  const candidates = [process.env.STRIMZI_CHECK_JAVA_HOME, process.env.JAVA_HOME];
  const onPath = spawnSync('sh', ['-c', 'readlink -f "$(command -v java)"'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) candidates.push(path.resolve(onPath, '..', '..'));
  if (fs.existsSync('/usr/lib/jvm')) {
    candidates.push(...fs.readdirSync('/usr/lib/jvm').map(d => path.join('/usr/lib/jvm', d)).sort().reverse());
  }
  return candidates.filter(Boolean).find(h => javaMajor(h) >= 21);
}

function hasMaven() {
  return spawnSync('mvn', ['-v'], { encoding: 'utf8' }).status === 0;
}

/** Why the check cannot run here (Java 21+ or Maven missing), or undefined. Used by the jest test for its skip. */
function missingTools() {
  if (!findJava()) return 'no Java 21+ found (JAVA_HOME, PATH, /usr/lib/jvm); io.strimzi:api 1.2.0 needs it';
  if (!hasMaven()) return 'mvn is not on PATH';
  return undefined;
}

/** Operator layers whose Strimzi jars are in the local Maven repository (Strimzi does not publish them to Maven Central). */
function operatorReleases() {
  // STRIMZI_CHECK_OPERATORS=none (or a comma list of releases) limits the operator layers used.
  const only = process.env.STRIMZI_CHECK_OPERATORS;
  const allowed = only === undefined ? Object.keys(RELEASES) : only.split(',').map(s => s.trim());
  const repo = process.env.STRIMZI_CHECK_M2_REPO || path.join(os.homedir(), '.m2', 'repository');
  return Object.keys(RELEASES).filter(r => allowed.includes(r) && RELEASES[r].operator).filter(r => ['cluster-operator', 'user-operator']
    .every(a => fs.existsSync(path.join(repo, 'io', 'strimzi', a, r, `${a}-${r}.jar`))));
}

function newestMtime(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'target') continue;
    const p = path.join(dir, e.name);
    // Only what Maven builds from: poms and src/ trees (not this script or cases.ts).
    if (!e.isDirectory() && e.name !== 'pom.xml' && !p.includes(`${path.sep}src${path.sep}`)) continue;
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the harness when its sources, poms or operator profiles changed since the last build. */
function ensureBuilt(javaHome, offline, force) {
  const operators = operatorReleases();
  const stampFile = path.join(HERE, 'target', 'build-stamp.json');
  const stamp = { operators, sources: newestMtime(HERE) };
  const old = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  const built = Object.values(RELEASES).every(r => fs.existsSync(path.join(HERE, r.module, 'target', 'classpath.txt')));
  if (!force && built && old === JSON.stringify(stamp)) return operators;
  const profiles = operators.map(r => `-P${RELEASES[r].operator}`);
  const args = ['-B', '-q', ...(offline ? ['-o'] : []), '-f', path.join(HERE, 'pom.xml'), ...profiles, 'package'];
  process.stdout.write(`strimzi-check: building the harness (mvn ${args.slice(2).join(' ')})\n`);
  const r = spawnSync('mvn', args, { env: { ...process.env, JAVA_HOME: javaHome }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    const hint = offline ? ' (offline: run `npm run strimzi-check:install` once, the install step that downloads its Maven dependencies)' : '';
    throw new Error(`mvn failed${hint}:\n${(r.stdout || '').slice(-4000)}${(r.stderr || '').slice(-2000)}`);
  }
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, JSON.stringify(stamp));
  return operators;
}

/** Harness class path of a release: the operator module's (it includes core and its api) when that layer is built. */
function classpath(release, operators) {
  const r = RELEASES[release];
  const module = operators.includes(release) ? r.operator : r.module;
  const jar = fs.readdirSync(path.join(HERE, module, 'target')).find(f => f.endsWith('.jar'));
  return [path.join(HERE, module, 'target', jar), fs.readFileSync(path.join(HERE, module, 'target', 'classpath.txt'), 'utf8').trim()].join(path.delimiter);
}

/** Renders the flavours and examples (tools/strimzi-check/cases.ts, bundled with esbuild) into `dir`. */
function renderCases(dir) {
  const { buildSync } = require('esbuild');
  const outfile = path.join(ROOT, '.build', `strimzi-check-cases.${process.pid}.js`);
  buildSync({ entryPoints: [path.join(HERE, 'cases.ts')], outfile, bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
  try {
    return require(outfile).renderCases(dir);
  } finally {
    fs.rmSync(outfile, { force: true });
  }
}

function runJava(javaHome, release, cases, operators, configOut) {
  const args = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xshare:auto', '-Dslf4j.internal.verbosity=ERROR',
    '-cp', classpath(release, operators), 'cdk8skafka.strimzicheck.Main', '--release', release,
    '--api-version', RELEASES[release].apiVersion, '--config-out', configOut, ...cases.flatMap(c => ['--case', `${c.name}=${c.dir}`])];
  return new Promise(resolve => {
    const child = spawn(path.join(javaHome, 'bin', 'java'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', d => { out += d; });
    child.stderr.on('data', d => { err += d; });
    child.on('close', code => resolve({ release, code, out, err }));
  });
}

/**
 * Hook for the broker configuration the operator generated (written only when the operator layer ran): to be
 * checked against the Kafka ConfigDef model of the hostile-input work once it is on main. Returns what it did.
 */
/**
 * The broker/controller configurations the operator layer generated, checked against Kafka's own
 * ConfigDef model of each cluster's Kafka version (check-broker-configs.ts, bundled with esbuild).
 * Returns the report line and the number of findings (counted as errors).
 */
function checkBrokerConfigs(configOut, synthDir) {
  const files = fs.existsSync(configOut) ? fs.readdirSync(configOut, { recursive: true }).filter(f => String(f).endsWith('.properties')) : [];
  if (files.length === 0) return undefined;
  const { buildSync } = require('esbuild');
  const out = path.join(ROOT, '.build', 'strimzi-check-broker-configs.js');
  buildSync({ entryPoints: [path.join(HERE, 'check-broker-configs.ts')], outfile: out, bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
  const { checkBrokerConfigs: check } = require(out);
  const r = check(configOut, synthDir);
  for (const f of r.findings) console.log(`ERROR   broker-config ${f.file}: ${f.message}`);
  return {
    line: `broker/controller configurations the operator generated: ${r.files} files, ${r.keys} keys checked against Kafka's ConfigDef model `
      + `(lib/kafka/config-model) of each cluster's Kafka version: ${r.findings.length} findings`
      + (r.unchecked ? `; ${r.unchecked} files NOT checked (no synthesized Kafka resource gives their Kafka version)` : ''),
    errors: r.findings.length,
  };
}

function report(results, started) {
  let resources = 0;
  let warnings = 0;
  let errors = 0;
  const summaries = [];
  for (const res of results) {
    for (const line of res.out.split('\n').filter(Boolean)) {
      let o;
      try { o = JSON.parse(line); } catch { errors++; console.log(`ERROR   ${res.release} harness printed a non-JSON line: ${line}`); continue; }
      if (o.type === 'summary') { summaries.push(o); continue; }
      resources++;
      const w = o.findings.filter(f => f.severity === 'warning').length;
      const e = o.findings.length - w;
      warnings += w;
      errors += e;
      const status = e ? 'ERROR  ' : w ? 'WARNING' : 'ok     ';
      console.log(`${status} ${o.release.padEnd(6)} ${o.case.padEnd(44)} ${`${o.kind}/${o.name}`.padEnd(36)} ${o.file} [${o.checks.length} checks]`);
      for (const f of o.findings) console.log(`          ${f.severity}: ${f.check}: ${f.message}`);
    }
    if (res.code !== 0 || !summaries.some(s => s.release === res.release)) {
      errors++;
      console.log(`ERROR   ${res.release} harness exited with ${res.code}:\n${res.err.slice(-4000)}`);
    }
  }
  for (const s of summaries) {
    console.log(`\nStrimzi ${s.release}: ${s.resources} resources, ${s.api}, Java ${s.java}${s.operator ? `, operator layer: ${s.operator}` : ''}`);
    for (const r of s.ran) console.log(`  ran:     ${r}`);
    for (const r of s.notRun) console.log(`  NOT run: ${r}`);
  }
  return { resources, warnings, errors, seconds: (Date.now() - started) / 1000 };
}

async function main() {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  const missing = missingTools();
  if (missing) {
    console.log(`strimzi-check: cannot run: ${missing}`);
    process.exit(3);
  }
  const javaHome = findJava();
  const operators = ensureBuilt(javaHome, args.offline, args.install);
  if (args.install) {
    console.log(`strimzi-check: harness built with Java ${javaMajor(javaHome)}; operator layers: ${operators.join(', ') || 'none (not in the local Maven repository)'}`);
    return;
  }
  const tmp = args.out ? path.resolve(args.out) : fs.mkdtempSync(path.join(os.tmpdir(), 'strimzi-check-'));
  const cases = args.input
    ? [{ name: path.basename(path.resolve(args.input)), release: args.release, dir: path.resolve(args.input) }]
    : renderCases(path.join(tmp, 'synth'));
  const configOut = path.join(tmp, 'broker-config');
  const byRelease = Object.keys(RELEASES).map(r => [r, cases.filter(c => c.release === r)]).filter(([, cs]) => cs.length > 0);
  const results = await Promise.all(byRelease.map(([r, cs]) => runJava(javaHome, r, cs, operators, configOut)));
  const totals = report(results, started);
  const hook = checkBrokerConfigs(configOut, args.input ? path.dirname(path.resolve(args.input)) : path.join(tmp, 'synth'));
  if (hook) {
    console.log(`\n${hook.line}`);
    totals.errors += hook.errors;
  }
  if (args.keep || args.out) console.log(`\nfiles kept in ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`\n${cases.length} synthesized apps checked in ${totals.seconds.toFixed(1)} s`);
  console.log(`strimzi-check: ${totals.resources} resources, ${totals.warnings} warnings, ${totals.errors} errors`);
  process.exitCode = totals.warnings + totals.errors > 0 ? 1 : 0;
}

module.exports = { missingTools, findJava, operatorReleases };

if (require.main === module) {
  main().catch(e => {
    console.log(`strimzi-check: failed: ${e.message}`);
    console.log('strimzi-check: 0 resources, 0 warnings, 1 errors');
    process.exit(2);
  });
}
