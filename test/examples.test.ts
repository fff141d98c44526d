import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { Example, EXAMPLES, exampleByName } from '../examples';
import { NAMESPACE } from '../examples/builders/common';
import { CONNECT_NAME, FILE_SOURCE_CLASS } from '../examples/builders/production-connect';
import { KafkaConnect, OutputFile, OutputFormat, StagedApp, StrimziCluster } from '../lib';
import { restrictedViolations, strimziTemplateViolations } from './support/pod-security';
import { inlineSecretFindings } from './support/secrets';
import { toolTest } from './support/tools';
import { expectAllValid, findObject, findObjects } from './support/validate';

const ROOT = path.resolve(__dirname, '..');
// A visible skip without kubectl; a failure under CI, which must run the kustomize checks.
const kubectlTest = (name: string, fn: jest.ProvidesCallback) => toolTest(name, ['kubectl'], fn);

interface Rendered {
  readonly app: StagedApp;
  readonly kafka: StrimziCluster;
  readonly files: OutputFile[];
  readonly objects: any[];
}

function render(example: Example, format: OutputFormat = example.defaultOutput): Rendered {
  const app = new StagedApp({ format, outdir: fs.mkdtempSync(path.join(os.tmpdir(), `example-${example.name}-`)) });
  const kafka = example.build(app);
  const files = app.render();
  return { app, kafka, files, objects: objectsOf(files) };
}

function objectsOf(files: readonly OutputFile[]): any[] {
  return files.filter(f => f.path.endsWith('.k8s.yaml'))
    .flatMap(f => YAML.parseAllDocuments(f.content).map(d => d.toJSON()).filter(Boolean));
}

const isStrimzi = (o: any) => String(o.apiVersion).startsWith('kafka.strimzi.io/');
const OPERATOR_KINDS = ['HelmRepository', 'OCIRepository', 'HelmRelease', 'Kustomization'];
const zk = (e: Example) => e.version.supportsZookeeper;

/** The broker storage/resources/jvm owner: spec.kafka on ZooKeeper clusters, the broker node pool on KRaft. */
function brokerSpec(e: Example, objs: any[]): any {
  if (zk(e)) return findObject(objs, 'Kafka', 'my-cluster').spec.kafka;
  const pools = findObjects(objs, 'KafkaNodePool').filter(p => p.spec.roles.includes('broker'));
  expect(pools).toHaveLength(1);
  return pools[0].spec;
}

test('the registry lists every example once, each for Strimzi 0.45 and 1.x, each with an entry file', () => {
  const names = EXAMPLES.map(e => e.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toEqual(['single-broker-jbod-zookeeper', 'single-broker-jbod-kraft', 'flux-ephemeral-zookeeper', 'flux-ephemeral-kraft',
    'mtls-acls-zookeeper', 'mtls-acls-kraft', 'production-connect-zookeeper', 'production-connect-kraft']);
  for (const e of EXAMPLES) {
    expect(`${e.name}: ${e.version.version}`).toBe(`${e.name}: ${e.name.endsWith('-zookeeper') ? '0.45.2' : '1.2.0'}`);
    expect(fs.readFileSync(path.join(ROOT, 'examples', `${e.name}.ts`), 'utf8')).toContain(`runExample('${e.name}')`);
  }
  expect(() => exampleByName('quickstart')).toThrow(/unknown example "quickstart"; allowed: single-broker-jbod-zookeeper, .*Fix: use the name of a file in examples\//);
});

describe.each(EXAMPLES.map(e => [e.name, e] as const))('example %s', (_name, example) => {
  let r: Rendered;
  beforeAll(() => { r = render(example); });

  test('every object validates strictly (Kubernetes 1.27, Strimzi CRD of its release, Flux), in both output layouts', () => {
    expectAllValid(r.objects);
    expectAllValid(render(example, example.defaultOutput === OutputFormat.FLUX ? OutputFormat.PLAIN : OutputFormat.FLUX).objects);
  });

  test('Strimzi resources use the release\'s API version and live in namespace kafka; only the operator install is elsewhere', () => {
    const strimzi = r.objects.filter(isStrimzi);
    expect(strimzi.length).toBeGreaterThan(0);
    expect([...new Set(strimzi.map(o => o.apiVersion))]).toEqual([example.version.apiVersion]);
    const elsewhere = r.objects.filter(o => o.metadata.namespace !== undefined && o.metadata.namespace !== NAMESPACE && !OPERATOR_KINDS.includes(o.kind));
    expect(elsewhere.map(o => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([]);
    expect(r.objects.filter(o => o.kind !== 'Namespace' && !OPERATOR_KINDS.includes(o.kind) && o.metadata.namespace !== NAMESPACE)).toEqual([]);
    const release = findObject(r.objects, 'HelmRelease', 'strimzi-kafka-operator');
    expect(release.spec.chart.spec.version).toBe(example.version.version);
    expect(release.spec.values.watchNamespaces).toEqual([NAMESPACE]);
    expect(findObject(r.objects, 'Namespace', NAMESPACE).metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test('every pod spec meets Pod Security "restricted" and every Strimzi component sets restricted templates', () => {
    expect(r.objects.flatMap(restrictedViolations)).toEqual([]);
    expect(r.objects.flatMap(strimziTemplateViolations)).toEqual([]);
    // The checks above ran on something: Strimzi components in every example, client pods where there are any.
    expect(findObjects(r.objects, 'Kafka')).toHaveLength(1);
  });

  test('no inline secret material: credentials are Secret references', () => {
    expect(r.objects.flatMap(inlineSecretFindings)).toEqual([]);
    expect(findObjects(r.objects, 'Secret')).toEqual([]);
  });

  test('apply order: no Strimzi resource in the stage that installs the CRDs', () => {
    const stageOf = (f: OutputFile) => f.path.split('/')[0];
    const operatorStage = example.defaultOutput === OutputFormat.FLUX ? 'operator' : '1-operator';
    const early = objectsOf(r.files.filter(f => stageOf(f) === operatorStage)).filter(isStrimzi);
    expect(early).toEqual([]);
    expect(objectsOf(r.files.filter(f => stageOf(f) === operatorStage)).map(o => o.kind)).toContain('HelmRelease');
  });

  test('deterministic: two synths give identical files', () => {
    expect(render(example).files).toEqual(r.files);
  });

  test('snapshot of the files it writes', () => {
    expect(r.files).toMatchSnapshot();
  });

  test(`its entry runs: KAFKA_APP_ENTRY=examples/${example.name}.ts node scripts/app.js`, () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-entry-${example.name}-`));
    const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_APP_ENTRY: `examples/${example.name}.ts`, CDK8S_OUTDIR: outdir };
    delete env.KAFKA_OUTPUT;
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'app.js')], { cwd: ROOT, env, stdio: 'pipe' });
    for (const f of r.files) expect(fs.readFileSync(path.join(outdir, f.path), 'utf8')).toBe(f.content);
  });

  kubectlTest('`kubectl kustomize` builds every folder of its Flux layout', () => {
    const flux = example.defaultOutput === OutputFormat.FLUX ? r : render(example, OutputFormat.FLUX);
    flux.app.synth();
    for (const folder of [...new Set(flux.files.map(f => path.dirname(f.path)))]) {
      const out = execFileSync('kubectl', ['kustomize', path.join(flux.app.outdir, folder)], { encoding: 'utf8' });
      expectAllValid(YAML.parseAllDocuments(out).map(d => d.toJSON()).filter(Boolean));
    }
  });

  if (!zk(example)) {
    test('Strimzi 1.x shape: kafka.strimzi.io/v1, KRaft node pools bound to the cluster, no ZooKeeper', () => {
      const kafka = findObject(r.objects, 'Kafka', 'my-cluster');
      expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1');
      expect(kafka.spec.zookeeper).toBeUndefined();
      expect(kafka.spec.kafka.metadataVersion).toBe('4.3-IV0');
      const pools = findObjects(r.objects, 'KafkaNodePool');
      expect(pools.length).toBeGreaterThan(0);
      for (const p of pools) expect(p.metadata.labels['strimzi.io/cluster']).toBe('my-cluster');
      const roles = pools.flatMap(p => p.spec.roles);
      expect(roles).toEqual(expect.arrayContaining(['broker', 'controller']));
    });
  } else {
    test('Strimzi 0.45 shape: kafka.strimzi.io/v1beta2 with a ZooKeeper ensemble and no node pools', () => {
      const kafka = findObject(r.objects, 'Kafka', 'my-cluster');
      expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1beta2');
      expect(kafka.spec.zookeeper.replicas).toBe(example.name.startsWith('single-broker-') ? 1 : 3);
      expect(kafka.metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
      expect(findObjects(r.objects, 'KafkaNodePool')).toEqual([]);
    });
  }
});

describe.each(EXAMPLES.filter(e => e.name.startsWith('single-broker-jbod-')).map(e => [e.name, e] as const))('%s', (_n, example) => {
  const { objects } = render(example);
  const kafka = findObject(objects, 'Kafka', 'my-cluster');

  test('one broker with JBOD: one persistent 100Gi volume, claims kept', () => {
    const broker = brokerSpec(example, objects);
    expect(broker.replicas).toBe(1);
    expect(broker.storage).toEqual({
      type: 'jbod',
      volumes: [{ id: 0, type: 'persistent-claim', size: '100Gi', deleteClaim: false, ...(zk(example) ? {} : { kraftMetadata: 'shared' }) }],
    });
  });

  test('every replication factor and min ISR is 1', () => {
    expect(kafka.spec.kafka.config).toEqual({
      'default.replication.factor': 1, 'min.insync.replicas': 1, 'offsets.topic.replication.factor': 1,
      'transaction.state.log.replication.factor': 1, 'transaction.state.log.min.isr': 1,
    });
  });

  test(zk(example) ? 'ZooKeeper has 1 node with 100Gi' : 'KRaft: one dual-role node instead of broker + ZooKeeper', () => {
    if (zk(example)) {
      expect(kafka.spec.zookeeper.replicas).toBe(1);
      expect(kafka.spec.zookeeper.storage).toEqual({ type: 'persistent-claim', size: '100Gi', deleteClaim: false });
    } else {
      const pools = findObjects(objects, 'KafkaNodePool');
      expect(pools.map(p => [p.metadata.name, p.spec.replicas, p.spec.roles])).toEqual([['dual-role', 1, ['controller', 'broker']]]);
    }
  });

  test('entity operator with topic and user operators; a 3-partition topic', () => {
    expect(Object.keys(kafka.spec.entityOperator)).toEqual(expect.arrayContaining(['topicOperator', 'userOperator']));
    const topic = findObject(objects, 'KafkaTopic', 'my-topic');
    expect(topic.spec).toEqual({ partitions: 3, replicas: 1 });
    expect(topic.metadata.labels['strimzi.io/cluster']).toBe('my-cluster');
  });

  test('3 producers spread across nodes (preferred anti-affinity) and 1 consumer on the plain listener', () => {
    const producer = findObject(objects, 'Deployment', 'clients-producer');
    expect(producer.spec.replicas).toBe(3);
    const anti = producer.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution;
    expect(anti).toHaveLength(1);
    expect(anti[0].podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    expect(anti[0].podAffinityTerm.labelSelector.matchLabels).toEqual(producer.spec.selector.matchLabels);
    const consumer = findObject(objects, 'Deployment', 'clients-consumer');
    expect(consumer.spec.replicas).toBe(1);
    for (const d of [producer, consumer]) {
      const env = Object.fromEntries(d.spec.template.spec.containers[0].env.filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
      expect(env).toMatchObject({ BOOTSTRAP_SERVERS: 'my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9092', TOPIC_NAME: 'my-topic', SECURITY_PROTOCOL: 'PLAINTEXT' });
    }
  });
});

describe.each(EXAMPLES.filter(e => e.name.startsWith('flux-ephemeral-')).map(e => [e.name, e] as const))('%s', (_n, example) => {
  const { files, objects } = render(example);

  test('Flux layout by default: the cluster Kustomization dependsOn the operator Kustomization', () => {
    expect(files.map(f => f.path)).toEqual([
      'cluster/0000-kafka.k8s.yaml', 'cluster/kustomization.yaml', 'flux-kustomizations.k8s.yaml', 'kustomization.yaml',
      'operator/0000-strimzi-operator.k8s.yaml', 'operator/kustomization.yaml',
    ]);
    const ks = findObjects(objects, 'Kustomization');
    expect(ks.map(k => [k.metadata.name, k.spec.path, k.spec.dependsOn])).toEqual([
      ['kafka-operator', './dist/operator', undefined],
      ['kafka-cluster', './dist/cluster', [{ name: 'kafka-operator' }]],
    ]);
    for (const k of ks) expect(k.spec).toMatchObject({ wait: true, prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } });
  });

  test('the operator stage is a HelmRelease that installs and upgrades the CRDs; the Kafka CR is in the cluster stage', () => {
    const operator = objectsOf(files.filter(f => f.path.startsWith('operator/')));
    const release = findObject(operator, 'HelmRelease', 'strimzi-kafka-operator');
    expect(release.spec.install.crds).toBe('CreateReplace');
    expect(release.spec.upgrade.crds).toBe('CreateReplace');
    expect(release.spec.chart.spec).toMatchObject({ chart: 'strimzi-kafka-operator', version: example.version.version, sourceRef: { kind: 'HelmRepository' } });
    expect(findObject(operator, 'HelmRepository', 'strimzi').spec.url).toBe('https://strimzi.io/charts/');
    const cluster = objectsOf(files.filter(f => f.path.startsWith('cluster/')));
    expect(findObjects(cluster, 'Kafka')).toHaveLength(1);
  });

  test(zk(example) ? '3 ephemeral brokers and 3 ephemeral ZooKeeper nodes' : '3 ephemeral brokers and 3 ephemeral KRaft controllers', () => {
    const kafka = findObject(objects, 'Kafka', 'my-cluster');
    const broker = brokerSpec(example, objects);
    expect(broker.replicas).toBe(3);
    expect(broker.storage).toEqual({ type: 'ephemeral' });
    expect(kafka.spec.kafka.config['default.replication.factor']).toBe(3);
    if (zk(example)) {
      expect(kafka.spec.zookeeper.replicas).toBe(3);
      expect(kafka.spec.zookeeper.storage).toEqual({ type: 'ephemeral' });
    } else {
      const controller = findObject(objects, 'KafkaNodePool', 'controller');
      expect(controller.spec).toMatchObject({ replicas: 3, roles: ['controller'], storage: { type: 'ephemeral' } });
    }
  });

  test('KAFKA_OUTPUT=plain still gives kubectl stage folders', () => {
    const plain = render(example, OutputFormat.PLAIN).files.map(f => f.path);
    expect(plain).toEqual(['1-operator/0000-strimzi-operator.k8s.yaml', '2-cluster/0000-kafka.k8s.yaml']);
  });
});

describe.each(EXAMPLES.filter(e => e.name.startsWith('mtls-acls-')).map(e => [e.name, e] as const))('%s', (_n, example) => {
  const { objects } = render(example);
  const kafka = findObject(objects, 'Kafka', 'my-cluster');

  test('3 brokers and 3 ZooKeeper nodes (or 3 dedicated KRaft controllers), RF 3 / min ISR 2', () => {
    expect(brokerSpec(example, objects).replicas).toBe(3);
    if (zk(example)) expect(kafka.spec.zookeeper.replicas).toBe(3);
    else expect(findObject(objects, 'KafkaNodePool', 'controller').spec).toMatchObject({ replicas: 3, roles: ['controller'] });
    expect(kafka.spec.kafka.config).toMatchObject({ 'default.replication.factor': 3, 'min.insync.replicas': 2 });
  });

  test('a single TLS listener with mutual-TLS authentication, simple authorization', () => {
    expect(kafka.spec.kafka.listeners.map((l: any) => [l.name, l.port, l.type, l.tls, l.authentication])).toEqual([['tls', 9093, 'internal', true, { type: 'tls' }]]);
    expect(kafka.spec.kafka.authorization).toEqual({ type: 'simple' });
  });

  test('topics and a TLS user with ACLs on exactly those topics and the consumer group', () => {
    expect(findObjects(objects, 'KafkaTopic').map(t => [t.metadata.name, t.spec.partitions, t.spec.replicas])).toEqual([['my-topic', 3, 3], ['my-other-topic', 3, 3]]);
    const user = findObject(objects, 'KafkaUser', 'my-user');
    expect(user.spec.authentication).toEqual({ type: 'tls' });
    expect(user.spec.authorization.type).toBe('simple');
    expect(user.spec.authorization.acls.map((a: any) => `${a.type} ${a.resource.type}:${a.resource.name}:${a.resource.patternType} ${a.operations.join('+')}`)).toEqual([
      'allow topic:my-topic:literal Read+Write+Describe',
      'allow topic:my-other-topic:literal Read+Write+Describe',
      'allow group:my-group:literal Read',
    ]);
  });

  test('3 client pods wired with the cluster CA and the user certificate from their Secrets', () => {
    const producer = findObject(objects, 'Deployment', 'clients-producer');
    const consumer = findObject(objects, 'Deployment', 'clients-consumer');
    expect(producer.spec.replicas + consumer.spec.replicas).toBe(3);
    for (const d of [producer, consumer]) {
      const pod = d.spec.template.spec;
      expect(pod.volumes.filter((v: any) => v.secret).map((v: any) => [v.secret.secretName, v.secret.items.map((i: any) => i.key)])).toEqual([
        ['my-cluster-cluster-ca-cert', ['ca.crt']],
        ['my-user', ['user.crt', 'user.key']],
      ]);
      const env = Object.fromEntries(pod.containers[0].env.filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
      expect(env).toMatchObject({ BOOTSTRAP_SERVERS: 'my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9093', SECURITY_PROTOCOL: 'SSL', TOPIC_NAME: 'my-topic' });
      expect(d.spec.template.metadata.labels['kafka.cdk8s.io/client-of']).toBe('my-cluster');
    }
    expect(consumer.spec.template.spec.containers[0].env).toContainEqual({ name: 'CONSUMER_GROUP', value: 'my-group' });
  });
});

describe.each(EXAMPLES.filter(e => e.name.startsWith('production-connect-')).map(e => [e.name, e] as const))('%s', (_n, example) => {
  const { kafka: cluster, objects } = render(example);
  const kafka = findObject(objects, 'Kafka', 'my-cluster');

  test('3 brokers with CPU/memory requests and limits and a fixed heap below the memory limit', () => {
    const broker = brokerSpec(example, objects);
    expect(broker.replicas).toBe(3);
    expect(broker.resources).toEqual({ requests: { cpu: '2', memory: '8Gi' }, limits: { cpu: '4', memory: '8Gi' } });
    expect(broker.jvmOptions).toEqual({ '-Xms': '4g', '-Xmx': '4g' });
    const quorum = zk(example) ? kafka.spec.zookeeper : findObject(objects, 'KafkaNodePool', 'controller').spec;
    expect(quorum.replicas).toBe(3);
    expect(quorum.resources.limits).toEqual({ cpu: '1', memory: '2Gi' });
    expect(quorum.jvmOptions).toEqual({ '-Xms': '1g', '-Xmx': '1g' });
  });

  test('metrics: JMX exporter ConfigMap referenced by metricsConfig, and Kafka Exporter', () => {
    const ref = kafka.spec.kafka.metricsConfig;
    expect(ref.type).toBe('jmxPrometheusExporter');
    const cm = findObject(objects, 'ConfigMap', ref.valueFrom.configMapKeyRef.name);
    expect(Object.keys(cm.data)).toContain(ref.valueFrom.configMapKeyRef.key);
    if (zk(example)) expect(kafka.spec.zookeeper.metricsConfig.valueFrom.configMapKeyRef.name).toBe(cm.metadata.name);
    expect(kafka.spec.kafkaExporter).toMatchObject({ topicRegex: '.*', groupRegex: '.*' });
  });

  test('dedicated nodes (required node affinity + toleration) and rack awareness with a zone spread', () => {
    const pod = kafka.spec.kafka.template.pod;
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions)
      .toEqual([{ key: 'dedicated', operator: 'In', values: ['kafka'] }]);
    expect(pod.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'kafka', effect: 'NoSchedule' }]);
    expect(kafka.spec.kafka.rack).toEqual({ topologyKey: 'topology.kubernetes.io/zone' });
    expect(pod.topologySpreadConstraints.find((c: any) => c.topologyKey === 'topology.kubernetes.io/zone'))
      .toMatchObject({ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' });
    // The rack init container reads the node's zone label: it gets the restricted context too.
    expect(kafka.spec.kafka.template.initContainer.securityContext.allowPrivilegeEscalation).toBe(false);
    if (zk(example)) expect(kafka.spec.zookeeper.template.pod.tolerations).toEqual(pod.tolerations);
  });

  test('entity operator and a mutual-TLS Connect user with the ACLs Connect needs', () => {
    expect(Object.keys(kafka.spec.entityOperator)).toEqual(expect.arrayContaining(['topicOperator', 'userOperator']));
    expect(kafka.spec.kafka.authorization).toEqual({ type: 'simple' });
    const user = findObject(objects, 'KafkaUser', 'my-connect');
    expect(user.spec.authorization.acls.map((a: any) => `${a.resource.type}:${a.resource.name}:${a.resource.patternType} ${a.operations.join('+')}`)).toEqual([
      `group:${CONNECT_NAME}:literal Read`,
      `topic:${CONNECT_NAME}-:prefix Create+Describe+DescribeConfigs+Read+Write`,
      'topic:my-topic:literal Describe+Write',
    ]);
  });

  test('KafkaConnect (connector resources on, TLS + user certificate) runs a FileStreamSourceConnector from the image\'s connect-file jar', () => {
    const connect = findObject(objects, 'KafkaConnect', CONNECT_NAME);
    expect(connect.metadata.annotations).toEqual({ 'strimzi.io/use-connector-resources': 'true' });
    expect(connect.spec.bootstrapServers).toBe('my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9093');
    expect(connect.spec.tls.trustedCertificates).toEqual([{ secretName: 'my-cluster-cluster-ca-cert', certificate: 'ca.crt' }]);
    expect(connect.spec.authentication).toEqual({ type: 'tls', certificateAndKey: { secretName: 'my-connect', certificate: 'user.crt', key: 'user.key' } });
    expect(connect.spec.template.connectContainer.env).toEqual([{ name: 'CLASSPATH', value: `/opt/kafka/libs/connect-file-${cluster.kafkaVersion}.jar` }]);
    // No Kaniko build: its pod needs root, which the restricted kafka namespace refuses.
    expect(connect.spec.build).toBeUndefined();
    if (example.version.isV1) {
      expect(connect.spec).toMatchObject({ groupId: CONNECT_NAME, configStorageTopic: `${CONNECT_NAME}-configs`, offsetStorageTopic: `${CONNECT_NAME}-offsets`, statusStorageTopic: `${CONNECT_NAME}-status` });
    } else {
      expect(connect.spec.config).toMatchObject({ 'group.id': CONNECT_NAME, 'config.storage.topic': `${CONNECT_NAME}-configs` });
    }
    const connector = findObject(objects, 'KafkaConnector', 'my-source-connector');
    expect(connector.metadata.labels['strimzi.io/cluster']).toBe(CONNECT_NAME);
    expect(connector.spec).toMatchObject({ class: FILE_SOURCE_CLASS, tasksMax: 1, state: 'running', config: { file: '/opt/kafka/LICENSE', topic: 'my-topic' } });
    expect(findObject(objects, 'KafkaTopic', 'my-topic').spec).toEqual({ partitions: 3, replicas: 3 });
  });
});

describe('npm run synth with an example entry (cdk8s CLI, validation plugin, safe output swap)', () => {
  test('KAFKA_APP_ENTRY=examples/flux-ephemeral-kraft.ts npm run synth -- --outdir DIR writes the Flux layout', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'example-npm-synth-')), 'out');
    const env: NodeJS.ProcessEnv = { ...process.env, KAFKA_APP_ENTRY: 'examples/flux-ephemeral-kraft.ts' };
    delete env.KAFKA_OUTPUT;
    const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'synth.js'), '--outdir', outdir], { cwd: ROOT, env, encoding: 'utf8' });
    expect(res.stderr + res.stdout).toMatch(/synth ok/);
    expect(res.status).toBe(0);
    const expected = render(exampleByName('flux-ephemeral-kraft')).files;
    expect(fs.readdirSync(outdir, { recursive: true }).filter(p => fs.statSync(path.join(outdir, String(p))).isFile()).map(String).sort())
      .toEqual(expected.map(f => f.path).sort());
    for (const f of expected) expect(fs.readFileSync(path.join(outdir, f.path), 'utf8')).toBe(f.content);
  });
});

describe('KafkaConnect env (added for the production-connect examples)', () => {
  function connectWith(env: { [name: string]: string }) {
    const app = new StagedApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'example-connect-env-')) });
    const chart = new Chart(app, 'c', { namespace: NAMESPACE });
    const cluster = new StrimziCluster(chart, 'kafka', { brokers: 1 });
    return new KafkaConnect(chart, 'connect', { cluster, env });
  }

  test('renders sorted name/value pairs into template.connectContainer.env', () => {
    const connect = connectWith({ CLASSPATH: '/opt/kafka/libs/connect-file-4.3.1.jar', A_FLAG: '1' });
    const spec = connect.resource.toJson().spec;
    expect(spec.template.connectContainer.env).toEqual([{ name: 'A_FLAG', value: '1' }, { name: 'CLASSPATH', value: '/opt/kafka/libs/connect-file-4.3.1.jar' }]);
    expect(spec.template.connectContainer.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test.each(['KAFKA_HEAP_OPTS', 'STRIMZI_KAFKA_BOOTSTRAP_SERVERS', 'MY-VAR', '1ST'])('refuses %s, naming the field, the value and the fix', name => {
    expect(() => connectWith({ [name]: 'x' })).toThrow(new RegExp(
      `c/connect: invalid env\\["${name}"\\]: got "?${name}"?; allowed: a shell variable name not starting with KAFKA_ or STRIMZI_ .*Fix: rename the variable`));
  });
});
