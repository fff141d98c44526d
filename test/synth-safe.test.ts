import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { toolTest } from './support/tools';

// Runs scripts/synth.js (and the cdk8s CLI) as a user would, always into temporary output
// folders (--outdir), never into the repository's dist/.
const ROOT = path.resolve(__dirname, '..');
const SYNTH = path.join(ROOT, 'scripts', 'synth.js');
const STAGED_APP = path.join(ROOT, 'test', 'fixtures', 'synth-staged-app.ts');
const INVALID_APP = path.join(ROOT, 'test', 'fixtures', 'synth-invalid-app.ts');

function env(extra: { [k: string]: string } = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', ...extra };
  for (const k of ['KAFKA_FLAVOR', 'KAFKA_OUTPUT', 'KAFKA_APP_ENTRY', 'KAFKA_SYNTH_OUTDIR', 'KAFKA_FLUX_PATH', 'KAFKA_FLUX_SOURCE']) {
    if (!(k in extra)) delete e[k];
  }
  return e;
}

function synth(outdir: string, extra: { [k: string]: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [SYNTH, '--outdir', outdir], { cwd: ROOT, env: env(extra), encoding: 'utf8' });
}

function tree(dir: string): { [file: string]: string } {
  const out: { [file: string]: string } = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else out[path.relative(dir, p)] = fs.readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}

const tmpParent = () => fs.mkdtempSync(path.join(os.tmpdir(), 'synth-safe-'));

describe('safe synth (scripts/synth.js)', () => {
  test('a good synth replaces the output folder and leaves nothing else behind', () => {
    const parent = tmpParent();
    const out = path.join(parent, 'dist');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'stale.k8s.yaml'), 'old');
    const res = synth(out, { KAFKA_APP_ENTRY: STAGED_APP });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/Validations ended succesfully/);
    expect(res.stdout).toContain(`synth ok: ${out} replaced`);
    expect(Object.keys(tree(out)).sort()).toEqual([
      '1-operator/0000-strimzi-operator.k8s.yaml', '2-cluster/0000-kafka.k8s.yaml', '3-apps/0000-topics.k8s.yaml',
    ]);
    expect(fs.readdirSync(parent)).toEqual(['dist']);
  });

  test('a bad input (KAFKA_FLAVOR=bogus) exits non-zero with the message and leaves the previous output byte-identical', () => {
    const parent = tmpParent();
    const out = path.join(parent, 'dist');
    expect(synth(out, { KAFKA_APP_ENTRY: STAGED_APP }).status).toBe(0);
    const before = tree(out);
    const res = synth(out, { KAFKA_FLAVOR: 'bogus' });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('synth failed: Error: KAFKA_FLAVOR: invalid value "bogus"; allowed: raw-kraft, raw-zookeeper, strimzi, strimzi-zookeeper. Fix: set KAFKA_FLAVOR to one of them');
    expect(res.stderr).toContain(`${out} was left unchanged.`);
    expect(tree(out)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(['dist']);
  });

  test('a schema violation fails the synth in the validation plugin, naming the construct path, and keeps the previous output', () => {
    const parent = tmpParent();
    const out = path.join(parent, 'dist');
    expect(synth(out, { KAFKA_APP_ENTRY: STAGED_APP }).status).toBe(0);
    const before = tree(out);
    const res = synth(out, { KAFKA_APP_ENTRY: INVALID_APP });
    expect(res.status).toBe(2);
    expect(res.stdout).toMatch(/Status\s+│ failure/);
    expect(res.stdout).toContain('strict-schema (1 occurrences)');
    expect(res.stdout).toContain('- Construct Path: broken/web');
    expect(res.stdout).toContain('- Resource Name: Deployment/kafka/web');
    expect(res.stdout).toContain('> /spec must NOT have additional properties "replcas"');
    expect(res.stderr).toContain('synth failed: Validation failed. See above reports for details');
    expect(tree(out)).toEqual(before);
  });

  test('KAFKA_OUTPUT=flux writes the Flux layout, deterministically', () => {
    const parent = tmpParent();
    const a = path.join(parent, 'a');
    const b = path.join(parent, 'b');
    expect(synth(a, { KAFKA_APP_ENTRY: STAGED_APP, KAFKA_OUTPUT: 'flux' }).status).toBe(0);
    expect(synth(b, { KAFKA_APP_ENTRY: STAGED_APP, KAFKA_OUTPUT: 'flux' }).status).toBe(0);
    const ta = tree(a);
    expect(Object.keys(ta).sort()).toEqual([
      'apps/0000-topics.k8s.yaml', 'apps/kustomization.yaml', 'cluster/0000-kafka.k8s.yaml', 'cluster/kustomization.yaml',
      'flux-kustomizations.k8s.yaml', 'kustomization.yaml', 'operator/0000-strimzi-operator.k8s.yaml', 'operator/kustomization.yaml',
    ]);
    expect(tree(b)).toEqual(ta);
  });

  toolTest('KAFKA_OUTPUT=flux: `kubectl kustomize` builds every stage folder', ['kubectl'], () => {
    const out = path.join(tmpParent(), 'out');
    expect(synth(out, { KAFKA_APP_ENTRY: STAGED_APP, KAFKA_OUTPUT: 'flux' }).status).toBe(0);
    for (const stage of ['operator', 'cluster', 'apps']) {
      expect(spawnSync('kubectl', ['kustomize', path.join(out, stage)], { encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' });
    }
  });

  test('the plugin refuses a kustomization.yaml that does not list its folder', () => {
    const parent = tmpParent();
    const out = path.join(parent, 'dist');
    // A second app entry that writes an extra, unlisted manifest next to a stage's files.
    const entry = path.join(ROOT, 'test', 'fixtures', 'synth-unlisted-app.ts');
    const res = synth(out, { KAFKA_APP_ENTRY: entry, KAFKA_OUTPUT: 'flux' });
    expect(res.status).toBe(2);
    expect(res.stdout).toContain('kustomization-resources (1 occurrences)');
    expect(res.stdout).toContain('> extra.k8s.yaml is in the folder but not listed in resources');
    expect(fs.existsSync(out)).toBe(false);
  });

  test('`cdk8s synth` run directly still works, validates, and removes construct-metadata.json', () => {
    const out = path.join(tmpParent(), 'direct');
    const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--output', out], {
      cwd: ROOT, env: env({ KAFKA_APP_ENTRY: STAGED_APP }), encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/Status\s+│ success/);
    expect(fs.existsSync(path.join(out, 'construct-metadata.json'))).toBe(false);
    expect(fs.existsSync(path.join(out, '1-operator', '0000-strimzi-operator.k8s.yaml'))).toBe(true);
  });
});
