#!/usr/bin/env node
/**
 * Regenerates lib/kafka/config-model/kafka-config-model.json from Kafka's own ConfigDefs:
 * for each version, Maven resolves the real Kafka jars (tools/kafka-config-model/pom.xml with
 * -Dkafka.version), and one JVM per version runs tools/kafka-config-model's dumper on them.
 * The per-version dumps are merged: one entry per key, with a variant per distinct definition
 * and the versions that have it.
 *
 *   node scripts/kafka-config-model.js            regenerate (Maven may download)   = npm run config-model
 *   node scripts/kafka-config-model.js --resolve  only download the jars into ~/.m2 (CI install step)
 *   node scripts/kafka-config-model.js --offline --out FILE   regenerate with `mvn -o` (the currency test)
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const TOOL = path.join(ROOT, 'tools', 'kafka-config-model');
const OUT = path.join(ROOT, 'lib', 'kafka', 'config-model', 'kafka-config-model.json');

/**
 * Every Kafka version the library emits or supports: raw defaults (4.3.1 KRaft, 3.9.1 ZooKeeper mode),
 * Strimzi 1.2.0 (4.2.0-4.3.1) and 0.45.x (3.8.0-3.9.2), and the last patch of 4.0 and 4.1 so a raw
 * cluster on a custom image of those lines is checked too.
 */
const VERSIONS = ['3.8.0', '3.8.1', '3.9.0', '3.9.1', '3.9.2', '4.0.2', '4.1.2', '4.2.0', '4.3.0', '4.3.1'];

// Short-lived JVMs: the C1 compiler and the serial GC start faster and cost less CPU.
const FAST_JVM = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

function run(cmd, args) {
  return execFileSync(cmd, args, {
    stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20,
    env: { ...process.env, MAVEN_OPTS: `${process.env.MAVEN_OPTS ?? ''} ${FAST_JVM}`.trim() },
  });
}

function classpath(version, offline, tmp) {
  const file = path.join(tmp, `cp-${version}.txt`);
  run('mvn', ['-B', '-q', ...(offline ? ['-o'] : []), '-f', path.join(TOOL, 'pom.xml'), 'dependency:build-classpath',
    `-Dkafka.version=${version}`, `-Dmdep.outputFile=${file}`]);
  return fs.readFileSync(file, 'utf8').trim();
}

/** Compiles the dumper once, against the oldest version's jars (it uses only ConfigDef API that every version has). */
function compile(offline, tmp) {
  const classes = path.join(tmp, 'classes');
  run('javac', ['-nowarn', '-d', classes, '-cp', classpath(VERSIONS[0], offline, tmp), path.join(TOOL, 'src', 'main', 'java', 'KafkaConfigModel.java')]);
  return classes;
}

function dump(version, offline, tmp, classes) {
  const cp = classpath(version, offline, tmp);
  const file = path.join(tmp, `${version}.json`);
  run('java', [...FAST_JVM.split(' '), '-cp', `${classes}${path.delimiter}${cp}`, 'KafkaConfigModel', file]);
  const model = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (model.version !== version) throw new Error(`asked for Kafka ${version}, the jars say ${model.version}`);
  return model.kinds;
}

/** kind → key → [{ in: [version indexes], ...definition }], definitions compared as JSON. */
function merge(dumps) {
  const kinds = {};
  dumps.forEach((byKind, index) => {
    for (const kind of Object.keys(byKind).sort()) {
      const keys = (kinds[kind] ??= {});
      for (const key of Object.keys(byKind[kind])) {
        const variants = (keys[key] ??= []);
        const def = JSON.stringify(byKind[kind][key]);
        const same = variants.find(v => v.def === def);
        if (same) same.in.push(index); else variants.push({ def, in: [index] });
      }
    }
  });
  return kinds;
}

/** Compact, one line per key: small to load and readable in a diff. */
function render(kinds) {
  const lines = [`{"versions":${JSON.stringify(VERSIONS)},"kinds":{`];
  const kindNames = Object.keys(kinds).sort();
  kindNames.forEach((kind, k) => {
    lines.push(`${JSON.stringify(kind)}:{`);
    const keys = Object.keys(kinds[kind]).sort();
    keys.forEach((key, i) => {
      const variants = kinds[kind][key].map(v => `{"in":${JSON.stringify(ranges(v.in))},${v.def.slice(1)}`);
      lines.push(`${JSON.stringify(key)}:[${variants.join(',')}]${i < keys.length - 1 ? ',' : ''}`);
    });
    lines.push(`}${k < kindNames.length - 1 ? ',' : ''}`);
  });
  lines.push('}}');
  return lines.join('\n') + '\n';
}

/** Version indexes as a compact string: [0,1,2,5] → "0-2,5". */
function ranges(indexes) {
  const parts = [];
  for (let i = 0; i < indexes.length; i++) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
    parts.push(i === j ? `${indexes[i]}` : `${indexes[i]}-${indexes[j]}`);
    i = j;
  }
  return parts.join(',');
}

function main(argv) {
  const offline = argv.includes('--offline');
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : OUT;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-config-model-'));
  try {
    if (argv.includes('--resolve')) {
      for (const v of VERSIONS) {
        classpath(v, false, tmp);
        console.log(`kafka-config-model: jars of Kafka ${v} resolved`);
      }
      return;
    }
    const classes = compile(offline, tmp);
    const dumps = VERSIONS.map(v => dump(v, offline, tmp, classes));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, render(merge(dumps)));
    console.log(`kafka-config-model: wrote ${path.relative(process.cwd(), out)} (${VERSIONS.length} Kafka versions)`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { VERSIONS };
if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`kafka-config-model: ${e.message}\n${e.stderr ?? ''}${e.stdout ?? ''}`);
    process.exit(1);
  }
}
