/**
 * Every properties file the library renders parses back, with Java's own Properties.load, to
 * exactly the intended keys and values, for hostile strings (line breaks, backslashes, separators,
 * comment characters, leading spaces, Latin-1 and beyond, surrogate pairs and lone surrogates, empty
 * strings). Property-based (fast-check) with a fixed seed; FC_RUNS=<n> runs more (FC_SEED=<n> picks
 * another seed), e.g. `FC_RUNS=2000 npx jest test/properties-escaping.test.ts`.
 * The YAML of the ConfigMaps that carry the files round-trips through the yaml package too.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { escapeProperty, KafkaConfigValue, toProperties } from '../lib/kafka';
import { KafkaBrokers, KafkaLogLevel, KafkaMode } from '../lib/raw';
import { CLIENT_CONFIG_SCRIPT } from '../lib/sample-app-scripts';
import { javaTest, loadWithJava } from './support/java-properties';
import { hasTool, toolTest } from './support/tools';

const RUNS = Number(process.env.FC_RUNS ?? 200);
const SEED = Number(process.env.FC_SEED ?? 20261203);

// Characters that mean something to Properties.load, to YAML or to a shell, and ones outside ASCII/Latin-1.
const SPECIAL = ['\\', '\n', '\r', '\t', '\f', ' ', ':', '=', '#', '!', '\u0000', '\u001b', '\u007f', '\u0085', '\u00a0', 'é', 'ÿ',
  '\u0100', '\u2028', '\ufeff', '😀', '\ud800', '\udfff', 'a', 'Z', '0', '"', "'", '$', '`', '%', '\\u0041', '\\\n'];
const hostile = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SPECIAL), maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.constant(''),
);
const scalar: fc.Arbitrary<KafkaConfigValue> = fc.oneof(hostile, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());

const sample = <T>(arb: fc.Arbitrary<T>, runs = RUNS): T[] => fc.sample(arb, { seed: SEED, numRuns: runs });
const strings = (config: { readonly [k: string]: KafkaConfigValue }) => Object.fromEntries(Object.entries(config).map(([k, v]) => [k, String(v)]));

describe('toProperties / escapeProperty', () => {
  javaTest('hostile keys and values parse back exactly with java.util.Properties.load', () => {
    const maps = sample(fc.dictionary(hostile, scalar, { maxKeys: 6 }));
    const loaded = loadWithJava(maps.map(m => toProperties(m)));
    maps.forEach((m, i) => expect({ case: i, map: loaded[i] }).toEqual({ case: i, map: strings(m) }));
  });

  test('the rendered file is printable ASCII, one line per key (no key can add a line)', () => {
    for (const m of sample(fc.dictionary(hostile, scalar, { maxKeys: 6 }))) {
      const text = toProperties(m);
      expect(text).toMatch(/^[\x20-\x7e\n]*$/);
      const lines = text === '\n' ? [] : text.slice(0, -1).split('\n');
      expect(lines.length).toBe(Object.keys(m).length);
    }
  });

  test.each([
    ['C:\\data\\new', 'C:\\\\data\\\\new'],
    [' leading', '\\ leading'],
    ['a\nb=c', 'a\\nb=c'],
    ['#not a comment', '#not a comment'],
    ['é😀', '\\u00E9\\uD83D\\uDE00'],
  ])('value %j is written as %j', (value, written) => {
    expect(escapeProperty(value, false)).toBe(written);
  });

  test.each([
    ['a b', 'a\\ b'], ['k=v', 'k\\=v'], ['k:v', 'k\\:v'], ['#k', '\\#k'], ['!k', '\\!k'],
  ])('key %j is written as %j', (key, written) => {
    expect(escapeProperty(key, true)).toBe(written);
  });
});

/** Plugin keys (a namespace Kafka does not use) take any string: the hostile values reach server.properties. */
const pluginConfig = fc.dictionary(fc.stringMatching(/^[a-z0-9._-]{1,12}$/).map(s => `zzplugin.${s}`), hostile, { minKeys: 1, maxKeys: 4 });

function synth(build: (chart: Chart) => void): { json: any[]; yaml: any[] } {
  const app = new App({ outdir: '/tmp/cdk8s-kafka-properties-escaping' });
  const chart = new Chart(app, 'c', { namespace: 'kafka' });
  build(chart);
  return { json: chart.toJson(), yaml: parseAllDocuments(app.synthYaml()).map(d => d.toJS()) };
}

const configMaps = (objs: any[]) => objs.filter(o => o.kind === 'ConfigMap' && o.data?.['server.properties']);

describe('raw brokers and controllers: server.properties and log4j.properties', () => {
  const build = (config: Record<string, string>) => (chart: Chart) => {
    new KafkaBrokers(chart, 'kraft', { clusterName: 'kraft', brokers: 3, controllers: { replicas: 3 }, config });
    new KafkaBrokers(chart, 'zk', { clusterName: 'zk', mode: KafkaMode.ZOOKEEPER, zookeeper: 'zookeeper:2181', brokers: 3, config,
      logLevels: { 'kafka.server': KafkaLogLevel.DEBUG } });
  };
  // The files without user config: the construct's own keys, read by Java in the tests (a missing JDK skips them).
  const baseline: string[] = configMaps(synth(build({})).json).map(cm => cm.data['server.properties']);

  javaTest('hostile config values reach every server.properties exactly, next to the construct\'s own keys', () => {
    // The cases first: a line break that would add managed keys, and a Windows path.
    const configs = [{ 'zzplugin.inject': 'x\nnode.id=7\nlisteners=EVIL://:1', 'zzplugin.path': 'C:\\data\\new' },
      ...sample(pluginConfig, Math.max(10, Math.floor(RUNS / 10)))];
    const files: string[] = [];
    const expected: Record<string, string>[] = [];
    const own = loadWithJava(baseline);
    for (const config of configs) {
      const { json, yaml } = synth(build(config));
      // cdk8s's YAML carries the ConfigMaps unchanged.
      expect(configMaps(yaml)).toEqual(configMaps(json));
      configMaps(yaml).forEach((cm, i) => {
        files.push(cm.data['server.properties']);
        expected.push({ ...own[i], ...config });
      });
    }
    const loaded = loadWithJava(files);
    loaded.forEach((m, i) => expect({ file: i, map: m }).toEqual({ file: i, map: expected[i] }));
  });

  javaTest('log4j.properties (Kafka 3.x) parses to the intended loggers', () => {
    const cm = synth(build({})).json.find(o => o.kind === 'ConfigMap' && o.data?.['log4j.properties']);
    const [m] = loadWithJava([cm.data['log4j.properties']]);
    expect(m).toEqual({
      'log4j.rootLogger': 'INFO, stdout',
      'log4j.appender.stdout': 'org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout': 'org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern': '[%d] %p %m (%c)%n',
      ...Object.fromEntries(Object.keys(m).filter(k => k.startsWith('log4j.logger.')).map(k => [k, m[k]])),
      'log4j.logger.kafka.server': 'DEBUG',
    });
  });
});

describe('SampleApp: the client.properties its init script writes', () => {
  // What a Secret can carry into an environment variable: well-formed Unicode without NUL.
  const envText = hostile.filter(s => !s.includes('\0') && (s as any).isWellFormed());
  const jaas = (u: string, p: string) => {
    const q = (s: string) => s.replace(/[\\"]/g, '\\$&');
    return `org.apache.kafka.common.security.scram.ScramLoginModule required username="${q(u)}" password="${q(p)}";`;
  };
  // The images' shells: dash (Debian) and, when installed, busybox with its own tr/od/sed/awk (Alpine).
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find(b => hasTool(b)) ?? 'busybox';
  function write(env: Record<string, string>, withBusybox: boolean): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-client-properties-'));
    try {
      const file = path.join(dir, 'client.properties');
      let PATH = process.env.PATH!;
      if (withBusybox) {
        fs.mkdirSync(path.join(dir, 'bin'));
        for (const tool of ['sh', 'tr', 'od', 'grep', 'sed', 'awk', 'cat']) fs.symlinkSync(busybox, path.join(dir, 'bin', tool));
        PATH = `${dir}/bin:${PATH}`;
      }
      execFileSync(withBusybox ? path.join(dir, 'bin', 'sh') : '/bin/sh', ['-c', CLIENT_CONFIG_SCRIPT],
        { env: { PATH, KAFKA_CLIENT_CONFIG: file, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      return fs.readFileSync(file, 'utf8');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  function roundTrip(withBusybox: boolean): void {
    const cases = sample(fc.record({ user: envText, password: envText, jaasConfig: envText }), Math.max(10, Math.floor(RUNS / 4)));
    const files: string[] = [];
    const expected: Record<string, string>[] = [];
    for (const c of cases) {
      files.push(write({ SECURITY_PROTOCOL: 'SASL_PLAINTEXT', SASL_MECHANISM: 'SCRAM-SHA-512', SASL_USERNAME: c.user, SASL_PASSWORD: c.password }, withBusybox));
      expected.push({ 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.jaas.config': jaas(c.user, c.password) });
      if (c.jaasConfig === '') continue; // an empty SASL_JAAS_CONFIG means "build one from the user and password"
      files.push(write({ SECURITY_PROTOCOL: 'SASL_SSL', SASL_MECHANISM: 'SCRAM-SHA-512', SASL_JAAS_CONFIG: c.jaasConfig }, withBusybox));
      expected.push({ 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.jaas.config': c.jaasConfig });
    }
    const loaded = loadWithJava(files);
    expect(loaded.length).toBe(expected.length);
    loaded.forEach((m, i) => expect({ file: i, map: m }).toEqual({ file: i, map: expected[i] }));
  }

  javaTest('hostile SCRAM user names, passwords and sasl.jaas.config values parse back exactly (dash)', () => roundTrip(false));
  // Alpine images run the script under busybox (its own sh, tr, od, sed, awk).
  toolTest('the same under busybox', ['java', busybox], () => roundTrip(true));
});
