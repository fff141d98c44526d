/**
 * The library as an npm package, used the way another cdk8s project uses it: `npm pack`
 * (which builds through `prepack`), then two fresh projects outside the repo that install the
 * tarball with npm, one with cdk8s/constructs pinned to the lowest versions the peer ranges
 * allow, one to the newest (the repo's own, from the lockfile). In each: exactly one copy of
 * cdk8s and of constructs (the app's: a second copy breaks `instanceof Construct`), no
 * cdk8s-plus or backport; a TypeScript app importing only the public API type-checks with tsc,
 * synthesizes and validates strictly; `cdk8s synth` with the README's `validations:` entry runs
 * the shipped plugin, which passes the app and refuses an invalid object.
 *
 * Network: the npm registry only, at install (`--prefer-offline` reuses npm's cache).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { validateObjects } from '../validation/strict-schema';
import { Consumer, duBytes, installConsumer, installedPackages, lowestOf, packLibrary, productionPackages, repoVersion, ROOT } from './support/package-consumer';

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CDK8S_CLI = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
/** README.md and the docs/ pages, where the sections live (`<!-- section:NAME -->`). */
const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter(f => f.endsWith('.md')).map(f => `docs/${f}`)]
  .map(f => fs.readFileSync(path.join(ROOT, f), 'utf8')).join('\n');
const SETUP_TIMEOUT = 600_000;

/** The fenced blocks of one language in a section of the README or a docs/ page. */
function readmeBlocks(section: string, lang = 'ts'): string[] {
  const m = new RegExp(`<!-- section:${section} -->([\\s\\S]*?)<!-- /section:${section} -->`).exec(DOCS);
  if (!m) throw new Error(`neither README.md nor docs/*.md has a section ${section}`);
  return [...m[1].matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map(b => b[1]);
}

/**
 * The README's copy-paste consumer app (section "library", the block that calls `app.synth()`)
 * is the app this test installs the package for: the README cannot drift from what works.
 */
const CONSUMER_APP = (() => {
  const apps = readmeBlocks('library').filter(b => b.includes('app.synth()'));
  if (apps.length !== 1) throw new Error(`README section "library" needs exactly one full app block, found ${apps.length}`);
  return apps[0];
})();

/** docs/library.md's app with both back ends (section "model"): compiled against the package too. */
const BOTH_BACK_ENDS_APP = (() => {
  const apps = readmeBlocks('model').filter(b => b.includes('app.synth()'));
  if (apps.length !== 1) throw new Error(`docs/library.md section "model" needs exactly one full app block, found ${apps.length}`);
  return apps[0];
})();

/** The README's cdk8s.yaml `validations:` entry (section "library"): what users copy. */
const VALIDATIONS_ENTRY = (() => {
  const blocks = readmeBlocks('library', 'yaml').filter(b => b.includes('validations:'));
  if (blocks.length !== 1) throw new Error(`README section "library" needs exactly one yaml block with validations:, found ${blocks.length}`);
  return blocks[0];
})();

/** An app with one object the API server would reject (misspelled `data`), which no construct validation sees. */
const INVALID_APP = `import { ApiObject, App, Chart } from 'cdk8s';
import { KafkaBrokers } from 'cdk8s-kafka';
const app = new App();
const chart = new Chart(app, 'bad', { namespace: 'kafka' });
new KafkaBrokers(chart, 'kafka');
new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, dta: { retention: '7d' } });
app.synth();
`;

/**
 * The other README snippets (sections "library" and "sample-app") become functions of a second
 * file, each run against its own chart (with a `cluster` in scope for fragments that use one),
 * so every example in those sections type-checks, synthesizes and validates too.
 */
function snippetsProgram(): string {
  const fragments = [...readmeBlocks('library'), ...readmeBlocks('sample-app')].filter(b => !b.includes('app.synth()'));
  const names = new Set<string>(['KafkaBrokers']);
  for (const f of fragments) {
    // Capitalised identifiers used as values (`new X(`, `X.y`), outside comments and member accesses.
    for (const m of f.replace(/\/\/.*$/gm, '').matchAll(/(?<![.\w])([A-Z][A-Za-z0-9]*)\b(?=\s*[.(])/g)) {
      if (!['App', 'Chart'].includes(m[1])) names.add(m[1]);
    }
  }
  return [
    "import { App, Chart } from 'cdk8s';",
    `import { ${[...names].sort().join(', ')} } from 'cdk8s-kafka';`,
    "import type { IKafkaCluster, KafkaClusterProps, KafkaListenerOptions } from 'cdk8s-kafka';",
    // One App per snippet: each is an example on its own (the constructs refuse duplicate objects and
    // clusters of one name per app), with a raw cluster creating topics on first use in scope.
    ...fragments.map((f, i) => `function snippet${i}(chart: Chart, cluster: IKafkaCluster): void {\n  void cluster;\n  {\n${f}  }\n}\n{\n`
      + `  const app = new App({ outdir: 'dist-snippets/snippet${i}' });\n`
      + "  const cluster = new KafkaBrokers(new Chart(app, 'base', { namespace: 'kafka' }), 'base', { clusterName: 'base', autoCreateTopics: true });\n"
      + `  snippet${i}(new Chart(app, 'snippet${i}', { namespace: 'kafka' }), cluster);\n  app.synth();\n}`),
    '',
  ].join('\n');
}

/** Bundled dependencies (the validation plugin's) and what they pull in. */
const BUNDLED = new Set<string>(MANIFEST.bundledDependencies ?? []);
/**
 * What the package may ship: compiled library and imports (JS + declarations), the library's data
 * (Kafka's config model), the validation plugin and its schemas, the plugin's bundled
 * dependencies, README, LICENSE.
 */
const ALLOWED_FILE = new RegExp('^(package\\.json|README\\.md|LICENSE|build/(lib|imports)/.+\\.(js|d\\.ts)|build/lib/kafka/config-model/kafka-config-model\\.json'
  + '|validation/(index\\.js|strict-schema\\.js|strict-schema\\.d\\.ts|package\\.json)'
  + '|schemas/(k8s|strimzi|flux|cert-manager|prometheus-operator)/([^/]+/)?[^/]+\\.(json|yaml|txt)'
  + '|node_modules/.+)$');

describe('npm package', () => {
  let tmp: string;
  let tarball: string;
  let files: string[];

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kafka-pack-'));
    tarball = packLibrary(tmp);
    files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map(f => f.replace(/^package\//, ''));
  }, SETUP_TIMEOUT);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the tarball ships the compiled library, the validation plugin with its schemas and bundled dependencies, README and LICENSE', () => {
    expect(files.filter(f => !ALLOWED_FILE.test(f))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'build/lib/index.js', 'build/lib/index.d.ts',
      'build/lib/kafka/config-model/kafka-config-model.json', 'build/imports/k8s.js', 'validation/index.js', 'validation/strict-schema.js',
      'schemas/k8s/v1.27/_definitions.json', 'schemas/strimzi/1.2.0/040-Crd-kafka.yaml', 'schemas/strimzi/0.45.2/040-Crd-kafka.yaml',
      'schemas/flux/helm-controller-v1.6.3/helm.toolkit.fluxcd.io_helmreleases.yaml', 'schemas/cert-manager/v1.21.1/cert-manager.io_certificates.yaml',
      'schemas/prometheus-operator/v0.93.0/monitoring.coreos.com_servicemonitors.yaml']));
    // node_modules/ holds only the bundled dependencies (and theirs): never cdk8s, constructs or a test tool.
    const shipped = new Set(files.filter(f => f.startsWith('node_modules/')).map(f => f.split('/')).map(p => (p[1].startsWith('@') ? `${p[1]}/${p[2]}` : p[1])));
    for (const b of BUNDLED) expect(shipped).toContain(b);
    // ...and every package a production install of the repo gets, ajv's own dependencies included.
    expect(productionPackages().map(p => p.replace(/^node_modules\//, '')).filter(n => !shipped.has(n))).toEqual([]);
    expect([...shipped].filter(n => ['cdk8s', 'constructs', 'cdk8s-plus-27', 'backport', 'typescript', 'jest'].includes(n))).toEqual([]);
    const bytes = fs.statSync(tarball).size;
    process.stdout.write(`package: ${files.length} files, tarball ${(bytes / 1e6).toFixed(2)} MB\n`);
    expect(bytes).toBeLessThan(4e6); // a size regression (e.g. a stray folder) fails here
  });

  test('cdk8s and constructs are peer dependencies only; the only dependencies are the bundled ones', () => {
    expect(Object.keys(MANIFEST.peerDependencies).sort()).toEqual(['cdk8s', 'constructs']);
    expect(Object.keys(MANIFEST.dependencies ?? {}).sort()).toEqual([...BUNDLED].sort());
    for (const peer of ['cdk8s', 'constructs']) expect(MANIFEST.devDependencies[peer]).toBeDefined();
    expect(JSON.stringify(MANIFEST)).not.toMatch(/cdk8s-plus/);
  });

  const lowest = { cdk8s: lowestOf(MANIFEST.peerDependencies.cdk8s), constructs: lowestOf(MANIFEST.peerDependencies.constructs) };
  const newest = { cdk8s: repoVersion('cdk8s'), constructs: repoVersion('constructs') };

  describe.each([['lowest', lowest], ['newest', newest]])('a consumer pinned to the %s supported peers', (label, versions) => {
    let consumer: Consumer;
    const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: consumer.dir, stdio: 'pipe', encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });

    beforeAll(() => {
      consumer = installConsumer(path.join(tmp, `consumer-${label}`), tarball, versions);
      const dir = consumer.dir;
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'commonjs', moduleResolution: 'node', lib: ['ES2022'],
          strict: true, noEmitOnError: true, skipLibCheck: false, types: [], outDir: 'out',
        },
        include: ['main.ts', 'both.ts', 'snippets.ts', 'invalid.ts'],
      }, null, 2));
      fs.writeFileSync(path.join(dir, 'main.ts'), CONSUMER_APP);
      fs.writeFileSync(path.join(dir, 'both.ts'), BOTH_BACK_ENDS_APP);
      fs.writeFileSync(path.join(dir, 'snippets.ts'), snippetsProgram());
      fs.writeFileSync(path.join(dir, 'invalid.ts'), INVALID_APP);
      fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `language: typescript\napp: node out/main.js\n${VALIDATIONS_ENTRY}`);
      const packages = installedPackages(dir);
      process.stdout.write(`consumer (${label}: cdk8s ${versions.cdk8s}, constructs ${versions.constructs}): `
        + `${packages.size} packages, node_modules ${(duBytes(path.join(dir, 'node_modules')) / 1e6).toFixed(1)} MB, npm install ${consumer.installSeconds.toFixed(1)} s\n`);
    }, SETUP_TIMEOUT);

    test(`exactly one cdk8s and one constructs (the pinned ones), no cdk8s-plus or backport`, () => {
      const packages = installedPackages(consumer.dir);
      expect(packages.get('cdk8s')).toEqual([path.join('node_modules', 'cdk8s')]);
      expect(packages.get('constructs')).toEqual([path.join('node_modules', 'constructs')]);
      for (const [name, pinned] of Object.entries(versions)) expect(repoVersionIn(consumer.dir, name)).toBe(pinned);
      expect([...packages.keys()].filter(n => n.startsWith('cdk8s-plus') || n === 'backport')).toEqual([]);
    });

    test('the README app, the both-back-ends app and the snippets type-check (tsc, no skipLibCheck), synthesize and validate strictly', () => {
      try {
        run([TSC, '-p', 'tsconfig.json']);
      } catch (e: any) {
        throw new Error(`tsc failed in the consumer project:\n${e.stdout}${e.stderr}`);
      }
      run(['out/main.js']);
      execFileSync(process.execPath, ['out/both.js'], { cwd: consumer.dir, stdio: 'pipe', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', CDK8S_OUTDIR: 'dist-both' } });
      run(['out/snippets.js']);
      const load = (dir: string) => fs.readdirSync(path.join(consumer.dir, dir)).sort().flatMap(f =>
        parseAllDocuments(fs.readFileSync(path.join(consumer.dir, dir, f), 'utf8')).map(d => d.toJS()).filter(o => o));
      const kindsOf = (objects: any[]) => new Set(objects.map(o => `${o.apiVersion}/${o.kind}`));
      const deploymentsOf = (objects: any[]) => objects.filter(o => o.kind === 'Deployment').map(o => `${o.metadata.namespace}/${o.metadata.name}`).sort();
      // The README's first chart: what its table says it emits.
      const objects = load('dist');
      expect(validateObjects(objects)).toEqual([]);
      expect([...kindsOf(objects)].sort()).toEqual(['apps/v1/Deployment', 'apps/v1/StatefulSet', 'batch/v1/Job', 'networking.k8s.io/v1/NetworkPolicy',
        'policy/v1/PodDisruptionBudget', 'v1/ConfigMap', 'v1/Service']);
      expect(deploymentsOf(objects)).toEqual(['kafka/sample-consumer', 'kafka/sample-producer']);
      const both = load('dist-both');
      expect(validateObjects(both)).toEqual([]);
      for (const k of ['kafka.strimzi.io/v1/Kafka', 'kafka.strimzi.io/v1/KafkaNodePool', 'kafka.strimzi.io/v1/KafkaTopic', 'kafka.strimzi.io/v1/KafkaUser', 'apps/v1/StatefulSet', 'batch/v1/Job', 'apps/v1/Deployment']) {
        expect(kindsOf(both)).toContain(k);
      }
      expect(deploymentsOf(both)).toEqual(['kafka-raw/sample-consumer', 'kafka-raw/sample-producer', 'kafka/sample-consumer', 'kafka/sample-producer']);
      const snippets = fs.readdirSync(path.join(consumer.dir, 'dist-snippets')).sort().flatMap(d => load(path.join('dist-snippets', d)));
      expect(validateObjects(snippets)).toEqual([]);
      expect(snippets.filter(o => o.kind === 'Deployment').length).toBeGreaterThanOrEqual(12);
    });

    test('cdk8s synth with the documented validations entry passes the app and refuses an invalid object', () => {
      if (!fs.existsSync(path.join(consumer.dir, 'out', 'invalid.js'))) run([TSC, '-p', 'tsconfig.json']);
      const synth = (app: string, output: string) => spawnSync(process.execPath, [CDK8S_CLI, 'synth', '--app', app, '--output', output], {
        cwd: consumer.dir, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
      });
      const ok = synth('node out/main.js', 'dist-cli');
      expect(`${ok.stdout}${ok.stderr}`).toMatch(/Validation Report \(\S*node_modules\/cdk8s-kafka\/validation@[\s\S]*Status\s*│ success/);
      expect(ok.status).toBe(0);
      expect(fs.readdirSync(path.join(consumer.dir, 'dist-cli')).sort()).toEqual(['kafka.k8s.yaml']);

      const bad = synth('node out/invalid.js', 'dist-bad');
      const report = `${bad.stdout}${bad.stderr}`;
      expect(bad.status).not.toBe(0);
      expect(report).toMatch(/strict-schema/);
      expect(report).toMatch(/bad\/settings/); // the construct path
      expect(report).toMatch(/dta/);
    });
  });
});

/** The version of a package installed in a consumer project. */
function repoVersionIn(dir: string, name: string): string {
  return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
}
