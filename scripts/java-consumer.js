#!/usr/bin/env node
// The Java consumer app of test/java-consumer.test.ts: a Maven project (test/fixtures/java-consumer)
// that uses the jar `npm run package` writes to stage/dist-packages/java.
//
// The library jar is a system-scope dependency (its path in stage/), never installed into ~/.m2:
// Maven would keep an older jar of the same version there and use it offline, so the test would run
// old library code. Its runtime dependencies (cdk8s, constructs, the jsii runtime) are copied from
// the generated pom and come from ~/.m2.
//
// `node scripts/java-consumer.js --resolve` (an install step of .ci/run, after `npm run package`)
// builds the project once online, so that the test can run Maven offline (`mvn -o`).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'java-consumer');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const { groupId, artifactId } = manifest.jsii.targets.java.maven;
const JAVA_DIR = path.join(ROOT, 'stage', 'dist-packages', 'java', ...groupId.split('.'), artifactId, manifest.version);
const JAR = path.join(JAVA_DIR, `${artifactId}-${manifest.version}.jar`);
const POM = path.join(JAVA_DIR, `${artifactId}-${manifest.version}.pom`);
// The jsii runtime caches the npm tarball of each package by name@version (~/.cache/aws/jsii): a
// cached older build of this version would run instead of the jar's. The app never uses the cache.
const RUN_ENV = { ...process.env, JSII_RUNTIME_PACKAGE_CACHE: 'disabled', JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };

/** The runtime dependencies the generated pom declares (scope provided/test left out), as <dependency> XML. */
function runtimeDependencies() {
  const pom = fs.readFileSync(POM, 'utf8');
  const deps = [...pom.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)].map(m => m[1]).filter(d => !/<scope>(provided|test)<\/scope>/.test(d));
  return deps.map(d => `    <dependency>${d.replace(/<!--[\s\S]*?-->/g, '').trim().replace(/\s*\n\s*/g, '')}</dependency>`);
}

/** Writes the Maven project into `dir`. */
function prepare(dir) {
  fs.cpSync(path.join(FIXTURE, 'src'), path.join(dir, 'src'), { recursive: true });
  const library = `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${manifest.version}</version>`
    + `<scope>system</scope><systemPath>${JAR}</systemPath></dependency>`;
  const pom = fs.readFileSync(path.join(FIXTURE, 'pom.xml.in'), 'utf8').replace('@DEPENDENCIES@', [library, ...runtimeDependencies()].join('\n'));
  fs.writeFileSync(path.join(dir, 'pom.xml'), pom);
}

/** Compiles the app (offline unless `online`) and returns its classpath. Throws with Maven's output on failure. */
function build(dir, online = false) {
  const args = [...(online ? [] : ['-o']), '-B', '-q', 'compile', 'dependency:build-classpath', '-Dmdep.outputFile=classpath.txt', '-Dmdep.includeScope=runtime'];
  const r = spawnSync('mvn', args, { cwd: dir, encoding: 'utf8', timeout: 590_000 });
  if (r.status !== 0) throw new Error(`mvn ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  const deps = fs.readFileSync(path.join(dir, 'classpath.txt'), 'utf8').trim();
  return [path.join(dir, 'target', 'classes'), JAR, deps].filter(Boolean).join(path.delimiter);
}

/** Runs the app, writing its manifests to `outdir`; returns its stdout. */
function run(dir, classpath, outdir) {
  const r = spawnSync('java', ['-cp', classpath, 'consumer.Main', outdir], { cwd: dir, env: RUN_ENV, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`java consumer.Main failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

module.exports = { JAR, POM, prepare, build, run };

if (require.main === module && process.argv.includes('--resolve')) {
  if (!fs.existsSync(JAR)) {
    console.error(`java-consumer: ${path.relative(ROOT, JAR)} is missing: run npm run package first`);
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'java-consumer-resolve-'));
  try {
    prepare(dir);
    build(dir, true);
    console.log('java-consumer: Maven plugins and dependencies resolved into ~/.m2');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
