/**
 * Duplicate objects (same API group, kind, namespace and name) would overwrite each other at
 * apply. StagedApp/StagedOutput refuse them at synth; the validation plugin (rule
 * unique-objects) reports them for any app, naming every construct path it knows.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { StagedApp, StagedOutput } from '../lib/gitops';
import { StrimziCluster } from '../lib/strimzi';
import { duplicatePools } from './support/duplicate-pools';
import { appObjects, expectAllValid, findObjects } from './support/validate';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StrictSchemaValidation } = require('../validation');

const ROOT = path.resolve(__dirname, '..');

function twoClusters(app: App, second: { namespace?: string; nodePoolNames?: { dualRole: string } } = {}) {
  const chart = new Chart(app, 'kafka', { namespace: 'kafka' });
  new StrimziCluster(chart, 'orders');
  new StrimziCluster(second.namespace ? new Chart(app, 'other', { namespace: second.namespace }) : chart, 'billing',
    second.nodePoolNames ? { nodePoolNames: second.nodePoolNames } : {});
}

describe('StagedOutput refuses duplicate objects at synth', () => {
  test('two StrimziClusters with the default pool names in one namespace: both paths and the nodePoolNames fix', () => {
    const app = new StagedApp();
    twoClusters(app);
    expect(() => StagedOutput.render(app)).toThrow(new RegExp(
      '^kafka/billing/Pool-dual-role: invalid metadata\\.name: got "dual-role"; allowed: a name no other KafkaNodePool \\(API group "kafka\\.strimzi\\.io"\\) '
      + 'in namespace "kafka" has, but kafka/orders/Pool-dual-role has it too \\(applied together, the last one replaces the other\\)\\. '
      + 'Fix: KafkaNodePool names are unique per namespace: set nodePoolNames on one of the StrimziClusters'));
  });

  test('nodePoolNames, or another namespace, resolves it', () => {
    for (const second of [{ nodePoolNames: { dualRole: 'billing' } }, { namespace: 'billing' }]) {
      const app = new StagedApp();
      twoClusters(app, second);
      expect(StagedOutput.render(app).length).toBeGreaterThan(0);
      expect(findObjects(expectAllValid(appObjects(app)), 'KafkaNodePool')).toHaveLength(2);
    }
  });

  test('same name in another kind or API group is fine; a cluster-scoped duplicate is not', () => {
    const app = new StagedApp();
    const a = new Chart(app, 'a', { namespace: 'kafka' });
    new ApiObject(a, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    new ApiObject(a, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } });
    new ApiObject(a, 'flux', { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'x' }, spec: {} });
    new ApiObject(a, 'kustomize', { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', metadata: { name: 'x' } });
    expect(() => StagedOutput.render(app)).not.toThrow();
    new ApiObject(a, 'ns1', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kafka' } });
    new ApiObject(new Chart(app, 'b'), 'ns2', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kafka' } });
    expect(() => StagedOutput.render(app)).toThrow(/^b\/ns2: invalid metadata\.name: got "kafka"; allowed: a name no other Namespace \(API group ""\) has, but a\/ns1 has it too.*Fix: rename one of the two objects, or put it in another namespace/);
  });

  test('construct metadata numbers repeated Kind/namespace/name keys', () => {
    const app = new App();
    twoClusters(app);
    const { resources } = JSON.parse(StagedOutput.constructMetadata(app));
    expect(resources['KafkaNodePool/kafka/dual-role']).toEqual({ path: 'kafka/orders/Pool-dual-role' });
    expect(resources['KafkaNodePool/kafka/dual-role#2']).toEqual({ path: 'kafka/billing/Pool-dual-role' });
    expect(resources['Kafka/kafka/orders#2']).toBeUndefined();
  });
});

describe('library constructs refuse duplicates in any cdk8s App, not only StagedApp', () => {
  test('two StrimziClusters with the default pool names in a plain App: app.synth() throws the KafkaConfigError naming both paths', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'unique-objects-plain-')) });
    twoClusters(app);
    expect(() => app.synth()).toThrow(new RegExp(
      '^kafka/billing/Pool-dual-role: invalid metadata\\.name: got "dual-role"; allowed: a name no other KafkaNodePool \\(API group "kafka\\.strimzi\\.io"\\) '
      + 'in namespace "kafka" has, but kafka/orders/Pool-dual-role has it too .*Fix: KafkaNodePool names are unique per namespace'));
  });

  test('a user object duplicating a library object is refused too; whatever made it', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'unique-objects-plain-')) });
    const chart = new Chart(app, 'kafka', { namespace: 'kafka' });
    new StrimziCluster(chart, 'orders');
    new StrimziCluster(chart, 'billing', { nodePoolNames: { dualRole: 'billing' } });
    app.synth();
    new ApiObject(chart, 'mine', { apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaNodePool', metadata: { name: 'billing' } });
    expect(() => app.synth()).toThrow(/^kafka\/mine: invalid metadata\.name: got "billing"; .*but kafka\/billing\/Pool-dual-role has it too/);
  });

  test('same name in another namespace, or another kind, is not a duplicate', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'unique-objects-plain-')) });
    twoClusters(app, { namespace: 'billing' });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('validation plugin: rule unique-objects', () => {
  /** Runs the plugin the way cdk8s-cli does, over a plain App's output and StagedOutput's metadata. */
  async function validate(build: (app: App) => void) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'unique-objects-'));
    const app = new App({ outdir });
    build(app);
    app.synth();
    const manifests = fs.readdirSync(outdir).filter(f => f.endsWith('.yaml')).map(f => path.join(outdir, f));
    const { resources } = JSON.parse(StagedOutput.constructMetadata(app));
    const violations: any[] = [];
    let status = '';
    await new StrictSchemaValidation({ keepConstructMetadata: true }).validate({
      manifests,
      metadata: resources,
      report: { addViolation: (v: any) => violations.push(v), submit: (s: string) => { status = s; } },
    });
    return { violations, status, outdir };
  }

  test('two KafkaNodePools named dual-role in one namespace: one entry per occurrence, each naming both construct paths', async () => {
    const { violations, status, outdir } = await validate(app => duplicatePools(app));
    expect(status).toBe('failure');
    expect(violations.map(v => v.ruleName)).toEqual(['unique-objects']);
    const [v] = violations;
    expect(v.fix).toMatch(/^KafkaNodePool names are unique per namespace: set nodePoolNames on all but one of the StrimziClusters in the namespace\. Otherwise rename/);
    expect(v.violatingResources.map((r: any) => r.resourceName)).toEqual(['KafkaNodePool/kafka/dual-role', 'KafkaNodePool/kafka/dual-role#2']);
    const manifest = path.join(outdir, 'kafka.k8s.yaml');
    for (const r of v.violatingResources) {
      expect(r.manifestPath).toBe(manifest);
      expect(r.locations).toEqual([
        'KafkaNodePool "dual-role" (API group "kafka.strimzi.io", namespace "kafka") is defined 2 times: '
        + `construct paths kafka/orders/Pool-dual-role, kafka/billing/Pool-dual-role; manifests ${manifest} (document 1), ${manifest} (document 2)`,
      ]);
    }
  });

  test('unique names pass', async () => {
    const { violations, status } = await validate(app => duplicatePools(app, 'billing'));
    expect(violations).toEqual([]);
    expect(status).toBe('success');
  });

  test('`npm run synth` of a plain App with duplicate plain ApiObjects fails in the plugin with the rule and a construct path', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'unique-objects-synth-')), 'dist');
    const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', KAFKA_APP_ENTRY: path.join(ROOT, 'test', 'fixtures', 'synth-duplicate-app.ts') };
    delete env.KAFKA_OUTPUT;
    const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'synth.js'), '--outdir', out], { cwd: ROOT, env, encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stdout).toContain('unique-objects (2 occurrences)');
    // A plain App records construct paths by object name only: the path of the last one.
    expect(res.stdout).toContain('- Construct Path: kafka/billing/Pool-dual-role');
    expect(res.stdout).toMatch(/KafkaNodePool "dual-role" \(API group "kafka\.strimzi\.io", namespace "kafka"\) is defined 2 times: construct paths kafka\/billing\/Pool-dual-role; manifests/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
