/**
 * docs/day-2.md has a row for every prop of the raw constructs' and StrimziCluster's props
 * interfaces (read from the TypeScript sources, inherited props included), no row for a prop that
 * does not exist, and for the rows whose consequence is one class, `npm run plan`'s classification of
 * that change agrees.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as ts from 'typescript';
import { KafkaStorage } from '../lib/kafka';
import { KafkaBrokers, KafkaBrokersProps, KafkaLogLevel, NodeSpread, ZookeeperEnsemble } from '../lib/raw';
import { StrimziAuthorization, StrimziCluster, StrimziClusterProps } from '../lib/strimzi';
import { ClientWorkloadKind, KafkaClientWorkload, KafkaClientWorkloadProps } from '../lib/clients';
import { identity, K8sObject } from '../tools/plan/objects';
import { Consequence, SEVERITY } from '../tools/plan/rules';
import { planObjects } from '../tools/plan/plan';

const ROOT = path.resolve(__dirname, '..');
const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'day-2.md'), 'utf8');

/** Doc section (a `## ` heading) → the props interface and the file declaring it. */
const SECTIONS: { [heading: string]: [string, string] } = {
  KafkaBrokers: ['KafkaBrokersProps', 'lib/raw/kafka-brokers-props.ts'],
  ZookeeperEnsemble: ['ZookeeperEnsembleProps', 'lib/raw/zookeeper-ensemble.ts'],
  KafkaTopicsJob: ['KafkaTopicsJobProps', 'lib/raw/kafka-topics-job.ts'],
  KafkaTestClient: ['KafkaTestClientProps', 'lib/raw/kafka-test-client.ts'],
  KafkaUserSecret: ['KafkaUserSecretProps', 'lib/raw/kafka-user-secret.ts'],
  SampleApp: ['SampleAppProps', 'lib/sample-app.ts'],
  KafkaClientWorkload: ['KafkaClientWorkloadProps', 'lib/clients/kafka-client-workload.ts'],
  KafkaClientBinding: ['KafkaClientBindingProps', 'lib/clients/kafka-client-binding.ts'],
  StrimziCluster: ['StrimziClusterProps', 'lib/strimzi/strimzi-cluster-props.ts'],
};

/** Every property of each interface, inherited ones included, as the type checker sees them. */
function interfaceProps(): { [iface: string]: string[] } {
  const files = [...new Set(Object.values(SECTIONS).map(([, f]) => path.join(ROOT, f)))];
  const program = ts.createProgram(files, { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 });
  const checker = program.getTypeChecker();
  const out: { [iface: string]: string[] } = {};
  for (const [iface, file] of Object.values(SECTIONS)) {
    const sf = program.getSourceFile(path.join(ROOT, file))!;
    const decl = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === iface);
    if (!decl) throw new Error(`${iface} not found in ${file}`);
    out[iface] = checker.getPropertiesOfType(checker.getTypeAtLocation(decl)).map(p => p.name).sort();
  }
  return out;
}

/** The rows of a section: prop → its consequence cell. */
function rows(heading: string): Map<string, string> {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/day-2.md has no section "## ${heading}"`);
  const end = DOC.indexOf('\n## ', start + 1);
  const body = DOC.slice(start, end < 0 ? undefined : end);
  const out = new Map<string, string>();
  for (const m of body.matchAll(/^\| `([A-Za-z]+)` \| ([^|]+) \|/gm)) out.set(m[1], m[2].trim());
  return out;
}

const PROPS = interfaceProps();

describe('docs/day-2.md: one row per prop', () => {
  test.each(Object.entries(SECTIONS))('%s: every prop of %s has a row, and every row is a prop', (heading, [iface]) => {
    const documented = rows(heading);
    expect(PROPS[iface].length).toBeGreaterThan(4);
    expect(PROPS[iface].filter(p => !documented.has(p))).toEqual([]);
    expect([...documented.keys()].filter(p => !PROPS[iface].includes(p))).toEqual([]);
  });

  test('every consequence cell uses the plan vocabulary', () => {
    const words = /^(none|in place|rolling restart|refused at synth|rejected|data at risk)\b/;
    for (const heading of Object.keys(SECTIONS)) {
      for (const [prop, cell] of rows(heading)) {
        const parts = cell.split(/;|\//).map(p => p.replace(/^[^:]*:\s*/, '').replace(/^\s*\(?/, '').trim());
        expect({ prop, ok: parts.some(p => words.test(p)) }).toEqual({ prop, ok: true });
      }
    }
  });
});

// --- the single-class rows against the plan ---------------------------------------------------------

function objects(build: (chart: Chart) => void): Map<string, K8sObject> {
  const chart = new Chart(new App(), 'c', { namespace: 'kafka' });
  build(chart);
  return new Map(chart.toJson().map((o: K8sObject) => [identity(o), o]));
}
const raw = (props: Partial<KafkaBrokersProps> = {}) => objects(c => { new KafkaBrokers(c, 'kafka', { clusterName: 'k', ...props }); });
const strimzi = (props: Partial<StrimziClusterProps> = {}) => objects(c => { new StrimziCluster(c, 'kafka', { clusterName: 'k', ...props }); });

/** The doc's class for a plan's worst consequence. */
function docClass(base: Map<string, K8sObject>, next: Map<string, K8sObject>): string {
  const plan = planObjects(base, next);
  const all = [...plan.objects.flatMap(o => o.findings), ...plan.together];
  if (!all.length) return 'none';
  const worst = all.reduce<Consequence>((w, f) => (SEVERITY.indexOf(f.consequence) > SEVERITY.indexOf(w) ? f.consequence : w), 'unchanged');
  return ({ created: 'in place', applied: 'in place', deleted: 'in place', 'rolling-restart': 'rolling restart', rejected: 'rejected', 'data-at-risk': 'data at risk' } as { [c: string]: string })[worst];
}

const RAW_CHANGES: { [prop: string]: Partial<KafkaBrokersProps> } = {
  clusterName: { clusterName: 'other' },
  namespace: { namespace: 'other' },
  kafkaVersion: { kafkaVersion: '4.3.0' },
  clusterId: { clusterId: 'MkU3OEVBNTcwNTJENDM2Qk' },
  resources: { resources: { cpuRequest: '1', memoryRequest: '4Gi', memoryLimit: '4Gi' } },
  heap: { heap: '768m' },
  replication: { replication: { minInsyncReplicas: 1 } },
  config: { config: { 'message.max.bytes': 2000000 } },
  autoCreateTopics: { autoCreateTopics: true },
  numPartitions: { numPartitions: 3 },
  logRetentionHours: { logRetentionHours: 24 },
  terminationGracePeriodSeconds: { terminationGracePeriodSeconds: 300 },
  logLevels: { logLevels: { root: KafkaLogLevel.DEBUG } },
  gcLogging: { gcLogging: true },
  clusterDomain: { clusterDomain: 'example.org' },
  networkPolicies: { networkPolicies: false },
  zones: { zones: ['a', 'b', 'c'] },
  nodeSpread: { nodeSpread: NodeSpread.REQUIRED },
  spreadAcrossZones: { spreadAcrossZones: true },
  tolerations: { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] },
  nodeSelector: { nodeSelector: { pool: 'kafka' } },
  listeners: { listeners: [{ name: 'plain', port: 9092 }, { name: 'other', port: 9095 }] },
};

const STRIMZI_CHANGES: { [prop: string]: Partial<StrimziClusterProps> } = {
  clusterName: { clusterName: 'other' },
  nodePoolNames: { nodePoolNames: { dualRole: 'orders' } },
  resources: { resources: { cpuRequest: '1', memoryRequest: '4Gi', memoryLimit: '4Gi' } },
  heap: { heap: '768m' },
  replication: { replication: { minInsyncReplicas: 1 } },
  config: { config: { 'message.max.bytes': 2000000 } },
  authorization: { authorization: StrimziAuthorization.simple() },
  rackTopologyKey: { rackTopologyKey: 'topology.kubernetes.io/zone' },
  tolerations: { tolerations: [{ key: 'k', operator: 'Exists' }] },
  metrics: { metrics: false },
  cruiseControl: { cruiseControl: {} },
  kafkaExporter: { kafkaExporter: {} },
  clusterCa: { clusterCa: { validityDays: 730 } },
  clientImage: { clientImage: 'quay.io/strimzi/kafka:1.2.0-kafka-4.3.0' },
  clusterDomain: { clusterDomain: 'example.org' },
  networkPolicies: { networkPolicies: false },
};

describe('docs/day-2.md agrees with npm run plan', () => {
  test.each(Object.entries(RAW_CHANGES))('KafkaBrokers %s', (prop, change) => {
    expect(rows('KafkaBrokers').get(prop)).toBe(docClass(raw(), raw(change)));
  });
  test.each(Object.entries(STRIMZI_CHANGES))('StrimziCluster %s', (prop, change) => {
    expect(rows('StrimziCluster').get(prop)?.replace(/ \(cluster\)$/, '')).toBe(docClass(strimzi(), strimzi(change)));
  });
  test('KafkaClientWorkload image, replicas, and a Job\'s backoffLimit', () => {
    const workload = (props: Partial<KafkaClientWorkloadProps>) => objects(c => {
      const cluster = new KafkaBrokers(c, 'kafka', { clusterName: 'k' });
      new KafkaClientWorkload(c, 'w', { cluster, image: 'registry.example.com/w:1', ...props });
    });
    const rowsOf = rows('KafkaClientWorkload');
    expect(rowsOf.get('image')).toBe(docClass(workload({}), workload({ image: 'registry.example.com/w:2' })));
    expect(rowsOf.get('replicas')).toBe(docClass(workload({}), workload({ replicas: 3 })));
    expect(rowsOf.get('backoffLimit')).toBe(docClass(workload({ kind: ClientWorkloadKind.JOB }), workload({ kind: ClientWorkloadKind.JOB, backoffLimit: 5 })));
  });
  test('KafkaBrokers storage: rejected (immutable claim templates)', () => {
    expect(rows('KafkaBrokers').get('storage')).toMatch(/^rejected/);
    expect(docClass(raw(), raw({ storage: KafkaStorage.persistent({ size: '200Gi' }) }))).toBe('rejected');
  });
  test('StrimziCluster brokers: in place (more), data at risk (fewer)', () => {
    expect(rows('StrimziCluster').get('brokers')).toBe('in place (more) / data at risk (fewer)');
    expect(docClass(strimzi(), strimzi({ brokers: 5 }))).toBe('in place');
    expect(docClass(strimzi({ controllers: { replicas: 3 }, brokers: 5 }), strimzi({ controllers: { replicas: 3 }, brokers: 4 }))).toBe('data at risk');
  });
  test('raw ZooKeeper → KRaft: the doc and the plan\'s way out both say no migration is offered', () => {
    expect(DOC).toMatch(/\*\*No migration path is offered for the raw flavours\.\*\*/);
    const zk = objects(c => { new KafkaBrokers(c, 'kafka', { clusterName: 'k', zookeeper: new ZookeeperEnsemble(c, 'zk') }); });
    const flip = planObjects(zk, raw()).objects.flatMap(o => o.findings).find(f => /metadata mode flips/.test(f.detail));
    expect(flip?.consequence).toBe('data-at-risk');
    expect(flip?.wayOut).toMatch(/no ZooKeeper-to-KRaft migration \(docs\/day-2\.md/);
  });
});
