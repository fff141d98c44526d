/**
 * The public API (lib/index.ts): every construct users compose is exported, constructors with
 * a sound default need no props, and nothing generated (imports/) or Strimzi-L1 leaks out.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as api from '../lib';

const ROOT = path.resolve(__dirname, '..');

/** Names declared with `export` in the .ts files under `dir` (recursively). */
function declaredNames(dir: string): Set<string> {
  const names = new Set<string>();
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/^export (?:declare )?(?:abstract )?(?:class|interface|enum|function|const|type) ([A-Za-z0-9_]+)/gm)) names.add(m[1]);
  }
  return names;
}

test('every user-facing construct, enum and factory is exported', () => {
  const expected = [
    'SampleApp', 'SampleRole', 'KafkaBrokers', 'KafkaMode', 'ZookeeperEnsemble', 'KafkaTopicsJob', 'KafkaUserSecret', 'KafkaTestClient',
    'KafkaStorage', 'StorageType', 'ListenerType', 'ListenerAuthentication', 'ClusterFlavour', 'KafkaConfigError',
    'KafkaImages', 'KafkaLabels', 'KafkaPorts', 'StagedApp', 'FluxKustomization',
  ];
  if (fs.existsSync(path.join(ROOT, 'lib', 'strimzi', 'index.ts'))) {
    expected.push('StrimziCluster', 'StrimziVersion', 'KafkaTopic', 'KafkaUser', 'KafkaUserAuthentication', 'KafkaAcl', 'StrimziOperator');
  }
  const exported = Object.keys(api);
  expect(expected.filter(n => !exported.includes(n))).toEqual([]);
});

test('no generated L1 type is exported', () => {
  const generated = declaredNames(path.join(ROOT, 'imports'));
  const own = declaredNames(path.join(ROOT, 'lib'));
  expect(generated.size).toBeGreaterThan(10);
  // Generated kinds share names with our constructs (KafkaTopic, KafkaUser): a name counts as
  // leaked when only imports/ declares it, or when the value is a generated ApiObject class (static GVK).
  const leaked = Object.entries(api)
    .filter(([name, value]) => (generated.has(name) && !own.has(name)) || (typeof value === 'function' && 'GVK' in value))
    .map(([name]) => name);
  expect(leaked).toEqual([]);
  const index = fs.readFileSync(path.join(ROOT, 'lib', 'index.ts'), 'utf8');
  expect(index).not.toMatch(/from '[^']*(imports\/|\/l1')/);
});

test('constructors with sound defaults take no props; SampleApp takes either cluster', () => {
  const chart = new Chart(new App(), 'defaults', { namespace: 'kafka' });
  new api.ZookeeperEnsemble(chart, 'zk');
  const kafka = new api.KafkaBrokers(chart, 'kafka');
  const sample = new api.SampleApp(chart, 'sample', { cluster: kafka });
  expect(kafka.brokerCount).toBe(3);
  expect(sample.producers).toBe(3);
  const a = api as any;
  if (a.StrimziCluster) {
    const strimziChart = new Chart(new App(), 'strimzi', { namespace: 'kafka' });
    const cluster = new a.StrimziCluster(strimziChart, 'my-cluster');
    expect(cluster.brokerCount).toBe(3);
    expect(new api.SampleApp(strimziChart, 'sample', { cluster }).bootstrapServers).toBe('my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9092');
  }
});

test('internal helpers stay out of the public API (importable by path only)', () => {
  const internal = [
    'validateFluxDuration', 'validateSourcePath', 'joinSourcePath', 'resourceKey', 'APPLY_STAGE_ORDER',
    'resolveClusterName', 'validateControllerCount', 'MAX_CLUSTER_NAME_LENGTH',
  ];
  expect(internal.filter(n => n in api)).toEqual([]);
  // …while the gitops constructs and their enums are exported.
  expect(['StagedApp', 'StagedOutput', 'OutputFormat', 'ApplyStage', 'ApplyStages', 'FluxKustomization', 'FluxSourceKind', 'stagedAppPropsFromEnv']
    .filter(n => !(n in api))).toEqual([]);
});
