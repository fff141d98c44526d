/**
 * The library as an npm package, used the way another cdk8s project uses it: `npm pack`
 * (which builds through `prepack`), a fresh project outside the repo with the tarball
 * installed, a TypeScript app that imports only the public API, type-checked with tsc,
 * synthesized, and every object validated strictly.
 *
 * No network: the tarball is unpacked into the project's node_modules and its declared
 * dependencies are linked from the repo's node_modules (what `npm install` would hoist there),
 * so an undeclared runtime dependency fails to resolve, as it would for a user.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { validateObjects } from '../validation/strict-schema';

const ROOT = path.resolve(__dirname, '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const QUIET_NPM = { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

/** The ```ts blocks of a README section. */
function readmeBlocks(section: string): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = new RegExp(`<!-- section:${section} -->([\\s\\S]*?)<!-- /section:${section} -->`).exec(readme);
  if (!m) throw new Error(`README.md has no section ${section}`);
  return [...m[1].matchAll(/```ts\n([\s\S]*?)```/g)].map(b => b[1]);
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
    "const app = new App({ outdir: 'dist-snippets' });",
    "const cluster = new KafkaBrokers(new Chart(app, 'base', { namespace: 'kafka' }), 'base', { clusterName: 'base' });",
    ...fragments.map((f, i) => `function snippet${i}(chart: Chart, cluster: IKafkaCluster): void {\n  void cluster;\n  {\n${f}  }\n}\nsnippet${i}(new Chart(app, 'snippet${i}', { namespace: 'kafka' }), cluster);`),
    'app.synth();',
    '',
  ].join('\n');
}

/** What the package may ship: compiled library and imports (JS + declarations), the library's data (Kafka's config model), README, LICENSE. */
const ALLOWED_FILE = /^(package\.json|README\.md|LICENSE|build\/(lib|imports)\/.+\.(js|d\.ts)|build\/lib\/kafka\/config-model\/kafka-config-model\.json)$/;

describe('npm package', () => {
  let tmp: string;
  let tarball: string;
  let files: string[];
  let project: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kafka-pack-'));
    // Pack a copy of the sources, so that `prepack` (clean + build) never races with another
    // test run over the repo's build/ folder; node_modules is linked, not copied.
    const stage = path.join(tmp, 'stage');
    fs.mkdirSync(stage);
    for (const entry of ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json', 'lib', 'imports']) {
      fs.cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
    execFileSync(NPM, ['pack', '--pack-destination', tmp], { cwd: stage, env: QUIET_NPM, stdio: 'pipe' });
    const tgz = fs.readdirSync(tmp).filter(f => f.endsWith('.tgz'));
    expect(tgz).toHaveLength(1);
    tarball = path.join(tmp, tgz[0]);
    files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map(f => f.replace(/^package\//, ''));

    // A fresh cdk8s project outside the repo, with the tarball "installed".
    project = path.join(tmp, 'consumer');
    const pkgDir = path.join(project, 'node_modules', 'cdk8s-kafka');
    fs.mkdirSync(pkgDir, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', pkgDir, '--strip-components=1']);
    const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
    const deps = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];
    for (const dep of new Set(deps)) {
      const link = path.join(project, 'node_modules', dep);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(path.join(ROOT, 'node_modules', dep), link, 'dir');
    }
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({
      name: 'consumer', version: '1.0.0', private: true,
      dependencies: { 'cdk8s-kafka': `file:${tarball}` },
    }, null, 2));
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'commonjs', moduleResolution: 'node', lib: ['ES2022'],
        strict: true, noEmitOnError: true, skipLibCheck: false, types: [], outDir: 'out',
      },
      include: ['main.ts', 'snippets.ts'],
    }, null, 2));
    fs.writeFileSync(path.join(project, 'main.ts'), CONSUMER_APP);
    fs.writeFileSync(path.join(project, 'snippets.ts'), snippetsProgram());
  });

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the tarball ships only the compiled library, declarations, README and LICENSE', () => {
    const unexpected = files.filter(f => !ALLOWED_FILE.test(f));
    expect(unexpected).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'build/lib/index.js', 'build/lib/index.d.ts',
      'build/lib/kafka/config-model/kafka-config-model.json']));
    expect(files.some(f => f.startsWith('build/imports/'))).toBe(true);
  });

  test('a consumer project type-checks, synthesizes and validates strictly', () => {
    try {
      execFileSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
    } catch (e: any) {
      throw new Error(`tsc failed in the consumer project:\n${e.stdout}${e.stderr}`);
    }
    const run = (file: string) => execFileSync(process.execPath, [file], { cwd: project, stdio: 'pipe', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
    run('out/main.js');
    run('out/snippets.js');

    const load = (dir: string) => fs.readdirSync(path.join(project, dir)).sort().flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(project, dir, f), 'utf8')).map(d => d.toJS()).filter(o => o));
    const objects = load('dist');
    expect(validateObjects(objects)).toEqual([]);
    const kinds = new Set(objects.map(o => `${o.apiVersion}/${o.kind}`));
    for (const k of ['kafka.strimzi.io/v1/Kafka', 'kafka.strimzi.io/v1/KafkaNodePool', 'kafka.strimzi.io/v1/KafkaTopic', 'kafka.strimzi.io/v1/KafkaUser', 'apps/v1/StatefulSet', 'batch/v1/Job', 'apps/v1/Deployment']) {
      expect(kinds).toContain(k);
    }
    const deployments = objects.filter(o => o.kind === 'Deployment').map(o => `${o.metadata.namespace}/${o.metadata.name}`).sort();
    expect(deployments).toEqual(['kafka-raw/sample-consumer', 'kafka-raw/sample-producer', 'kafka/sample-consumer', 'kafka/sample-producer']);

    const snippets = load('dist-snippets');
    expect(validateObjects(snippets)).toEqual([]);
    expect(snippets.filter(o => o.kind === 'Deployment').length).toBeGreaterThanOrEqual(12);
  });
});
