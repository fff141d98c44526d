/**
 * `npm run plan`: every class of change a user can make, synthesized by the library as base and
 * next outputs, classified as applied in place, rolling restart, rejected, or data at risk.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Yaml } from 'cdk8s';
import { KafkaStorage } from '../lib/kafka';
import { KafkaBrokers, KafkaBrokersProps, KafkaMode, KafkaTestClient, KafkaTopicsJob, ZookeeperEnsemble } from '../lib/raw';
import { KafkaNodePool } from '../imports/strimzi-v1-kafkanodepool-kafka.strimzi.io';
import { SampleApp } from '../lib/sample-app';
import { KafkaTopic, StrimziCluster, StrimziClusterProps, StrimziVersion } from '../lib/strimzi';
import { identity, K8sObject } from '../tools/plan/objects';
import { Plan, planObjects } from '../tools/plan/plan';

const ROOT = path.resolve(__dirname, '..');

function objects(build: (chart: Chart) => void): Map<string, K8sObject> {
  const chart = new Chart(new App(), 'c', { namespace: 'kafka' });
  build(chart);
  return new Map(chart.toJson().map((o: K8sObject) => [identity(o), o]));
}
const raw = (props: KafkaBrokersProps = {}) => objects(c => { new KafkaBrokers(c, 'kafka', { clusterName: 'k', ...props }); });
const strimzi = (props: StrimziClusterProps = {}) => objects(c => { new StrimziCluster(c, 'kafka', { clusterName: 'k', ...props }); });

/** The findings of one object of a plan, as `consequence: detail` lines. */
function findingsOf(plan: Plan, object: string): string[] {
  const p = plan.objects.find(o => o.object === object);
  if (!p) throw new Error(`no plan for ${object}; have ${plan.objects.map(o => o.object).join(', ')}`);
  return p.findings.map(f => `${f.consequence}: ${f.detail}`);
}
const consequenceOf = (plan: Plan, object: string) => plan.objects.find(o => o.object === object)?.consequence;

describe('plan: applied in place and rolling restarts', () => {
  test('no change: nothing to do, safe', () => {
    const plan = planObjects(raw(), raw());
    expect(plan).toEqual({ objects: [], together: [], unchanged: 6, safe: true });
  });

  test('a broker pod template change rolls the StatefulSet highest ordinal first, one at a time', () => {
    const plan = planObjects(raw(), raw({ terminationGracePeriodSeconds: 300 }));
    expect(plan.safe).toBe(true);
    expect(consequenceOf(plan, 'StatefulSet kafka/k-kafka')).toBe('rolling-restart');
    expect(findingsOf(plan, 'StatefulSet kafka/k-kafka')).toEqual([
      'rolling-restart: StatefulSet kafka/k-kafka: the pod template changed (template.spec.terminationGracePeriodSeconds); '
        + 'the StatefulSet controller restarts k-kafka-2, k-kafka-1, k-kafka-0 in that order, one at a time, each after the previous one is Ready',
    ]);
  });

  test('a Kafka upgrade rolls node by node and says to finalize the metadata version', () => {
    const plan = planObjects(raw({ image: 'apache/kafka:4.2.0' }), raw({ image: 'apache/kafka:4.3.1' }));
    expect(plan.safe).toBe(true);
    expect(findingsOf(plan, 'StatefulSet kafka/k-kafka')[0]).toMatch(/^rolling-restart: .*Kafka 4\.2\.0 → 4\.3\.1: rolled node by node; finalize the metadata version afterwards \(kafka-features upgrade --release-version 4\.3\)/);
  });

  test('a config change: the ConfigMap is applied in place and its hash in the pod template rolls the brokers', () => {
    const plan = planObjects(raw(), raw({ config: { 'log.retention.bytes': 1073741824 } }));
    expect(plan.safe).toBe(true);
    expect(findingsOf(plan, 'ConfigMap kafka/k-kafka-config')).toEqual([
      'applied: ConfigMap kafka/k-kafka-config: server.properties changed; mounted copies update in place within about a minute',
    ]);
    expect(findingsOf(plan, 'StatefulSet kafka/k-kafka')).toEqual([expect.stringMatching(
      /^rolling-restart: .*template\.metadata\.annotations\.kafka\.cdk8s\.io\/config-hash.*restarts k-kafka-2, k-kafka-1, k-kafka-0 in that order/)]);
  });

  test('a ConfigMap read at start by pods whose template does not change: they keep the old values until restarted', () => {
    const cm = (v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'kafka' }, data: { 'app.properties': v } });
    const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app', namespace: 'kafka' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'a' } }, template: { spec: { volumes: [{ name: 'cfg', configMap: { name: 'app-config' } }] } } } };
    const state = (v: string) => new Map<string, K8sObject>([['/ConfigMap/kafka/app-config', cm(v)], ['apps/Deployment/kafka/app', dep]]);
    expect(findingsOf(planObjects(state('a=1'), state('a=2')), 'ConfigMap kafka/app-config')).toEqual([
      'applied: ConfigMap kafka/app-config: app.properties changed; mounted copies update in place within about a minute, '
        + 'but Deployment kafka/app read them only at start and their pod template did not change: they keep the old values until restarted',
    ]);
  });

  test('scale-out of brokers with dedicated controllers: new pods start, the others are not restarted', () => {
    const plan = planObjects(raw({ controllers: { replicas: 3 }, brokers: 3 }), raw({ controllers: { replicas: 3 }, brokers: 4 }));
    expect(findingsOf(plan, 'StatefulSet kafka/k-kafka')).toContainEqual('applied: StatefulSet kafka/k-kafka scales out: pods k-kafka-3 start; existing pods are not restarted by the scale-out');
  });

  test('a Deployment template change replaces its pods; a Service port change is applied in place', () => {
    const app = (interval: number, port: number) => objects(c => {
      // autoCreateTopics: the sample's topic needs no topic Job here (SampleApp refuses an undeclared one otherwise).
      const k = new KafkaBrokers(c, 'kafka', { clusterName: 'k', listeners: [{ name: 'plain', port }], autoCreateTopics: true });
      new SampleApp(c, 'sample', { cluster: k, messageIntervalSeconds: interval });
    });
    const plan = planObjects(app(2, 9092), app(5, 9096));
    expect(findingsOf(plan, 'Deployment kafka/sample-producer')).toEqual([expect.stringMatching(
      /^rolling-restart: Deployment kafka\/sample-producer: the pod template changed \(template\.spec\.containers\[0\]\.env.*\); the Deployment replaces its 3 pod\(s\)/)]);
    expect(consequenceOf(plan, 'Service kafka/k-kafka-bootstrap')).toBe('applied');
  });
});

describe('plan: changes the API server rejects, with the way out', () => {
  test('StatefulSet volumeClaimTemplates (storage size) and its immutable fields', () => {
    const plan = planObjects(raw(), raw({ storage: KafkaStorage.persistent({ size: '200Gi' }) }));
    expect(plan.safe).toBe(false);
    const [rejected] = plan.objects.find(o => o.object === 'StatefulSet kafka/k-kafka')!.findings;
    expect(rejected.consequence).toBe('rejected');
    expect(rejected.detail).toMatch(/spec\.volumeClaimTemplates changed; the API server refuses updates to StatefulSet fields other than replicas/);
    expect(rejected.wayOut).toMatch(/kubectl delete statefulset -n kafka k-kafka --cascade=orphan .*kubectl patch pvc/);
  });

  test('StatefulSet selector, serviceName and podManagementPolicy', () => {
    const base = raw();
    const next = new Map(base);
    const id = [...base.keys()].find(k => k.endsWith('/StatefulSet/kafka/k-kafka'))!;
    const sts = base.get(id)!;
    next.set(id, { ...sts, spec: { ...sts.spec, serviceName: 'other', podManagementPolicy: 'OrderedReady', selector: { matchLabels: { a: 'b' } } } });
    expect(findingsOf(planObjects(base, next), 'StatefulSet kafka/k-kafka')[0])
      .toMatch(/^rejected: .*spec\.podManagementPolicy, spec\.selector, spec\.serviceName changed/);
  });

  test('a Job whose template changed under the same name; KafkaTopicsJob names its Job by the template, so it is a new Job instead', () => {
    const jobs = (partitions: number) => objects(c => {
      const k = new KafkaBrokers(c, 'kafka', { clusterName: 'k' });
      new KafkaTopicsJob(c, 'topics', { cluster: k, topics: [{ topicName: 'orders', partitions }] });
    });
    const plan = planObjects(jobs(3), jobs(6));
    expect(plan.objects.filter(o => o.kind === 'Job').map(o => o.change).sort()).toEqual(['added', 'removed']);
    const base = jobs(3);
    const id = [...base.keys()].find(k => k.includes('/Job/'))!;
    const job = base.get(id)!;
    const next = new Map(base).set(id, { ...job, spec: { ...job.spec, template: { ...job.spec.template, metadata: { labels: { x: 'y' } } } } });
    const f = planObjects(base, next).objects[0].findings[0];
    expect([f.consequence, f.wayOut]).toEqual(['rejected', `kubectl delete job -n kafka ${job.metadata.name}, then apply; or give the Job a name that changes with its template`]);
  });

  test('a bare Pod whose spec changed (beyond its image) is rejected; the test client is a Deployment, so it rolls instead', () => {
    const podOf = (memory: string): Map<string, K8sObject> => new Map([['/Pod/kafka/p', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'kafka' },
      spec: { containers: [{ name: 'c', image: 'i:1', resources: { requests: { memory } } }] },
    }]]);
    const bare = planObjects(podOf('512Mi'), podOf('768Mi')).objects[0];
    expect(bare.consequence).toBe('rejected');
    expect(bare.findings[0].wayOut).toBe('kubectl delete pod -n kafka p, then apply (or run it as a Deployment)');
    const clients = (memoryRequest: string) => objects(c => {
      const k = new KafkaBrokers(c, 'kafka', { clusterName: 'k' });
      new KafkaTestClient(c, 't', { cluster: k, resources: { memoryRequest } });
    });
    expect(consequenceOf(planObjects(clients('512Mi'), clients('768Mi')), 'Deployment kafka/k-test-client')).toBe('rolling-restart');
  });

  test('a PVC that shrinks; a Strimzi volume that shrinks; a partition decrease; a KRaft metadata downgrade', () => {
    const pvc = (size: string) => new Map([['/PersistentVolumeClaim/kafka/data-k-0', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-k-0', namespace: 'kafka' }, spec: { resources: { requests: { storage: size } } },
    }]]);
    expect(findingsOf(planObjects(pvc('100Gi'), pvc('50Gi')), 'PersistentVolumeClaim kafka/data-k-0')).toEqual(['rejected: PersistentVolumeClaim kafka/data-k-0: claims never shrink (100Gi → 50Gi)']);
    expect(findingsOf(planObjects(pvc('100Gi'), pvc('200Gi')), 'PersistentVolumeClaim kafka/data-k-0')[0]).toMatch(/^applied: .*grows to 200Gi where its StorageClass allows volume expansion/);
    const pool = planObjects(strimzi({ storage: KafkaStorage.persistent({ size: '100Gi' }) }), strimzi({ storage: KafkaStorage.persistent({ size: '50Gi' }) }));
    expect(findingsOf(pool, 'KafkaNodePool kafka/dual-role')).toContainEqual(expect.stringMatching(/^rejected: .*a volume shrinks/));
    const topics = (partitions: number) => objects(c => { const k = new StrimziCluster(c, 'kafka', { clusterName: 'k' }); new KafkaTopic(c, 'orders', { cluster: k, partitions }); });
    expect(findingsOf(planObjects(topics(6), topics(3)), 'KafkaTopic kafka/orders')).toContainEqual(expect.stringMatching(/^rejected: .*partitions 6 → 3: Kafka cannot remove partitions/));
    expect(findingsOf(planObjects(topics(3), topics(6)), 'KafkaTopic kafka/orders')).toEqual([expect.stringMatching(/^applied: .*spec\.partitions: the Topic Operator alters the topic in place/)]);
    const mv = planObjects(strimzi({ kafkaVersion: '4.3.1', metadataVersion: '4.3-IV0' }), strimzi({ kafkaVersion: '4.3.1', metadataVersion: '4.2-IV1' }));
    expect(findingsOf(mv, 'Kafka kafka/k')).toContainEqual(expect.stringMatching(/^rejected: .*metadataVersion 4\.3-IV0 → 4\.2-IV1: KRaft metadata cannot be downgraded/));
  });

  test('Strimzi 0.45 (v1beta2) to 1.x (v1): the API version needs the new CRDs first', () => {
    const plan = planObjects(strimzi({ version: StrimziVersion.V0_45_2 }), strimzi());
    expect(findingsOf(plan, 'Kafka kafka/k')).toEqual([expect.stringMatching(/^rejected: Kafka kafka\/k: apiVersion kafka\.strimzi\.io\/v1beta2 → kafka\.strimzi\.io\/v1/)]);
    // No operator in either output: the switch is refused, pointing at the upgrade guide.
    expect(plan.objects.find(o => o.object === 'Kafka kafka/k')!.findings[0].wayOut)
      .toBe('upgrade the Strimzi operator through the intermediate releases first (docs/upgrade.md, Strimzi 0.45 to 1.x)');
  });
});

describe('plan: data at risk', () => {
  test('broker removal (scale-in) names the pods that go', () => {
    const plan = planObjects(raw({ controllers: { replicas: 3 }, brokers: 5 }), raw({ controllers: { replicas: 3 }, brokers: 3 }));
    expect(findingsOf(plan, 'StatefulSet kafka/k-kafka')).toContainEqual(expect.stringMatching(/^data-at-risk: .*scales in: pods k-kafka-4, k-kafka-3 are deleted/));
    expect(plan.safe).toBe(false);
  });

  test('controller removal and combined voters: the static voter set changes', () => {
    const plan = planObjects(raw({ brokers: 3 }), raw({ brokers: 5 }));
    expect(findingsOf(plan, 'ConfigMap kafka/k-kafka-config')).toContainEqual(expect.stringMatching(/^data-at-risk: .*the static KRaft voter set changes/));
    const ctrl = planObjects(raw({ controllers: { replicas: 5 } }), raw({ controllers: { replicas: 3 } }));
    expect(consequenceOf(ctrl, 'StatefulSet kafka/k-controller')).toBe('data-at-risk');
  });

  test('storage type change (claims to emptyDir) and a claim template that shrinks', () => {
    const plan = planObjects(raw(), raw({ storage: KafkaStorage.ephemeral() }));
    expect(findingsOf(plan, 'StatefulSet kafka/k-kafka')).toContainEqual(expect.stringMatching(/^data-at-risk: .*volume claim template data is removed/));
    const shrink = planObjects(raw({ storage: KafkaStorage.persistent({ size: '200Gi' }) }), raw({ storage: KafkaStorage.persistent({ size: '100Gi' }) }));
    expect(findingsOf(shrink, 'StatefulSet kafka/k-kafka')).toContainEqual(expect.stringMatching(/^data-at-risk: .*claim data shrinks from 200Gi to 100Gi/));
    const strimziType = planObjects(strimzi(), strimzi({ storage: KafkaStorage.ephemeral() }));
    expect(findingsOf(strimziType, 'KafkaNodePool kafka/dual-role')).toContainEqual(expect.stringMatching(/^data-at-risk: .*storage persistent-claim → ephemeral/));
  });

  test('cluster id and node id changes', () => {
    const id = planObjects(raw(), raw({ clusterId: 'AAAAAAAAAAAAAAAAAAAAAA' }));
    expect(findingsOf(id, 'StatefulSet kafka/k-kafka')).toContainEqual(expect.stringMatching(/^data-at-risk: .*CLUSTER_ID .* → AAAAAAAAAAAAAAAAAAAAAA: nodes refuse log directories/));
    const base = raw({ controllers: { replicas: 3 } });
    const next = new Map(base);
    const sid = [...base.keys()].find(k => k.endsWith('/StatefulSet/kafka/k-controller'))!;
    const sts = base.get(sid)!;
    const c0 = sts.spec.template.spec.containers[0];
    next.set(sid, { ...sts, spec: { ...sts.spec, template: { ...sts.spec.template, spec: { ...sts.spec.template.spec,
      containers: [{ ...c0, command: [c0.command[0], c0.command[1], c0.command[2].replace('ORDINAL + 1000', 'ORDINAL + 900')] }] } } } });
    expect(findingsOf(planObjects(base, next), 'StatefulSet kafka/k-controller')).toContainEqual(
      expect.stringMatching(/^data-at-risk: .*the node id of each pod changes \(\$\(\(ORDINAL \+ 1000\)\) → \$\(\(ORDINAL \+ 900\)\)\)/));
  });

  test('Kafka downgrade, raw and Strimzi', () => {
    expect(findingsOf(planObjects(raw({ image: 'apache/kafka:4.3.1' }), raw({ image: 'apache/kafka:4.2.0' })), 'StatefulSet kafka/k-kafka'))
      .toContainEqual(expect.stringMatching(/^data-at-risk: .*Kafka 4\.3\.1 → 4\.2\.0 is a downgrade/));
    expect(findingsOf(planObjects(strimzi({ kafkaVersion: '4.3.1' }), strimzi({ kafkaVersion: '4.2.0' })), 'Kafka kafka/k'))
      .toContainEqual(expect.stringMatching(/^data-at-risk: .*Kafka 4\.3\.1 → 4\.2\.0 is a downgrade/));
  });

  test('ZooKeeper/KRaft flip, raw and Strimzi', () => {
    const zk = objects(c => {
      const z = new ZookeeperEnsemble(c, 'zk');
      new KafkaBrokers(c, 'kafka', { clusterName: 'k', mode: KafkaMode.ZOOKEEPER, zookeeper: z, image: 'apache/kafka:3.9.1' });
    });
    const kraft = objects(c => { new KafkaBrokers(c, 'kafka', { clusterName: 'k', image: 'apache/kafka:3.9.1' }); });
    expect(findingsOf(planObjects(zk, kraft), 'ConfigMap kafka/k-kafka-config')).toContainEqual(expect.stringMatching(/^data-at-risk: .*the metadata mode flips between ZooKeeper and KRaft/));
    const s = planObjects(strimzi({ version: StrimziVersion.V0_45_2, zookeeper: {} }), strimzi({ version: StrimziVersion.V0_45_2 }));
    expect(findingsOf(s, 'Kafka kafka/k')).toContainEqual(expect.stringMatching(/^data-at-risk: .*spec\.zookeeper is removed: the metadata mode changes/));
  });

  test('Namespace, PVC, Kafka and KafkaTopic deletion', () => {
    const ns = new Map([['/Namespace//kafka', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kafka' } }]]);
    expect(findingsOf(planObjects(ns, new Map()), 'Namespace kafka')[0]).toMatch(/^data-at-risk: .*deleting a Namespace deletes everything in it, PersistentVolumeClaims/);
    const topic = objects(c => { const k = new StrimziCluster(c, 'kafka', { clusterName: 'k' }); new KafkaTopic(c, 'orders', { cluster: k }); });
    const plan = planObjects(topic, strimzi());
    expect(consequenceOf(plan, 'KafkaTopic kafka/orders')).toBe('data-at-risk');
  });

  test('Strimzi node pool scale-in and role change', () => {
    const pool = (replicas: number, roles: string[]) => objects(c => {
      new KafkaNodePool(c, 'p', { metadata: { name: 'p', namespace: 'kafka' }, spec: { replicas, roles: roles as any, storage: { type: 'ephemeral' } as any } });
    });
    expect(findingsOf(planObjects(pool(3, ['broker']), pool(2, ['broker'])), 'KafkaNodePool kafka/p')[0]).toMatch(/^data-at-risk: .*3 → 2 nodes/);
    expect(findingsOf(planObjects(pool(3, ['broker']), pool(3, ['controller'])), 'KafkaNodePool kafka/p')[0]).toMatch(/^data-at-risk: .*roles \["broker"\] → \["controller"\]/);
  });

  test('several StatefulSets of one cluster rolling at once (e.g. per-zone StatefulSets) put the quorum at risk', () => {
    const sts = (name: string, grace: number): K8sObject => ({
      apiVersion: 'apps/v1', kind: 'StatefulSet',
      metadata: { name, namespace: 'kafka', labels: { 'app.kubernetes.io/name': 'kafka', 'app.kubernetes.io/instance': 'k' } },
      spec: { replicas: 2, template: { spec: { terminationGracePeriodSeconds: grace } } },
    });
    const state = (grace: number) => new Map(['k-kafka-z0', 'k-kafka-z1', 'k-kafka-z2'].map(n => [`apps/StatefulSet/kafka/${n}`, sts(n, grace)] as const));
    const plan = planObjects(state(120), state(300));
    expect(plan.together.map(f => f.consequence)).toEqual(['data-at-risk']);
    expect(plan.together[0].detail).toMatch(/StatefulSet kafka\/k-kafka-z0, StatefulSet kafka\/k-kafka-z1, StatefulSet kafka\/k-kafka-z2 roll at the same time/);
    expect(plan.safe).toBe(false);
    // The library's rack-aware brokers are one StatefulSet: a template change rolls one pod at a time.
    const zones = ['a', 'b', 'c'];
    const lib = planObjects(raw({ brokers: 3, zones }), raw({ brokers: 3, zones, terminationGracePeriodSeconds: 300 }));
    expect(lib.together).toEqual([]);
    expect(lib.safe).toBe(true);
  });
});

describe('npm run plan (the command)', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kafka-plan-test-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('compares a fresh synth with dist/ (exit 0), then with an older output (exit 3), and prints JSON with --json', () => {
    const distBefore = fs.readdirSync(path.join(ROOT, 'dist')).map(f => fs.readFileSync(path.join(ROOT, 'dist', f), 'utf8')).join('\n');
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'plan.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    const same = run([]);
    expect(same.status).toBe(0);
    expect(same.stdout).toMatch(/plan against dist: 0 changed object\(s\), \d+ unchanged\nevery change is safe to apply/);
    // An "older" output: the same cluster with another cluster id.
    const chart = new Chart(new App(), 'kafka', { namespace: 'kafka' });
    new KafkaBrokers(chart, 'kafka', { clusterName: 'my-cluster', clusterId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    fs.writeFileSync(path.join(tmp, 'old.yaml'), Yaml.stringify(...chart.toJson()));
    const risky = run(['--base', tmp, '--json']);
    expect(risky.status).toBe(3);
    const plan = JSON.parse(risky.stdout);
    expect(plan.safe).toBe(false);
    expect(plan.objects.find((o: any) => o.object === 'StatefulSet kafka/my-cluster-kafka').consequence).toBe('data-at-risk');
    expect(run(['--nope']).status).toBe(2);
    // dist/ is never touched.
    expect(fs.readdirSync(path.join(ROOT, 'dist')).map(f => fs.readFileSync(path.join(ROOT, 'dist', f), 'utf8')).join('\n')).toBe(distBefore);
  });
});
