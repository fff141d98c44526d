import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ClusterFlavour,
  IKafkaCluster,
  IKafkaTopic,
  IKafkaUser,
  KafkaClientListener,
  KafkaLabels,
  KafkaUserCredentials,
  ListenerAuthentication,
  ListenerType,
  pickListener,
  resolveReplication,
  ReplicationSettings,
  securityProtocolOf,
} from '../lib/kafka';
import { SampleApp, SampleAppProps } from '../lib/sample-app';
import { expectAllValid, findObject } from './support/validate';

/** A minimal IKafkaCluster with one listener of each security kind (stands in for both flavours). */
class FakeCluster extends Construct implements IKafkaCluster {
  public readonly clusterName: string;
  public readonly namespace = 'kafka';
  public readonly flavour = ClusterFlavour.STRIMZI;
  public readonly brokerCount = 3;
  public readonly replication: ReplicationSettings;
  public readonly clusterDomain = 'cluster.local';
  public readonly clientListeners: KafkaClientListener[];
  public readonly clusterCaSecretName?: string;
  public readonly clientLabels: { [key: string]: string };
  public readonly clientImage = 'quay.io/strimzi/kafka:1.2.0-kafka-4.3.1';
  public readonly kafkaVersion = '4.3.1';

  constructor(scope: Construct, id: string, opts: { caSecret?: boolean; listeners?: Array<[string, number, boolean, ListenerAuthentication]> } = {}) {
    super(scope, id);
    this.clusterName = id;
    this.replication = resolveReplication(this, 3);
    this.clusterCaSecretName = opts.caSecret === false ? undefined : `${id}-cluster-ca-cert`;
    this.clientLabels = { [KafkaLabels.CLIENT_OF]: id };
    const listeners = opts.listeners ?? [
      ['plain', 9092, false, ListenerAuthentication.NONE],
      ['tls', 9093, true, ListenerAuthentication.NONE],
      ['mtls', 9094, true, ListenerAuthentication.TLS],
      ['scram', 9095, true, ListenerAuthentication.SCRAM_SHA_512],
      ['scramplain', 9096, false, ListenerAuthentication.SCRAM_SHA_512],
      ['oauth', 9097, true, ListenerAuthentication.CUSTOM],
    ];
    this.clientListeners = listeners.map(([name, port, tls, authentication]) => ({
      name, port, tls, authentication, type: ListenerType.INTERNAL,
      bootstrapServers: `${id}-kafka-bootstrap.kafka.svc:${port}`,
      securityProtocol: securityProtocolOf(tls, authentication),
      saslMechanism: authentication === ListenerAuthentication.SCRAM_SHA_512 ? 'SCRAM-SHA-512' : undefined,
    }));
  }

  public listener(name?: string): KafkaClientListener {
    return pickListener(this, this.clientListeners, name);
  }

  public admitsClient(): boolean {
    return true;
  }

  public addTopic(): IKafkaTopic {
    throw new Error('not used by these tests');
  }

  public addUser(): IKafkaUser {
    throw new Error('not used by these tests');
  }
}

class FakeUser extends Construct implements IKafkaUser {
  public readonly credentials: KafkaUserCredentials;
  constructor(scope: Construct, id: string, public readonly cluster: IKafkaCluster, credentials: Partial<KafkaUserCredentials> & Pick<KafkaUserCredentials, 'authentication'>) {
    super(scope, id);
    this.credentials = { userName: id, secretName: id, ...credentials };
  }
}

function setup() {
  const app = new App();
  const chart = new Chart(app, 'test');
  const cluster = new FakeCluster(chart, 'my-cluster');
  return { app, chart, cluster };
}

function synth(build: (chart: Chart, cluster: FakeCluster) => SampleAppProps | void) {
  const { chart, cluster } = setup();
  const props = build(chart, cluster) ?? { cluster };
  const sample = new SampleApp(chart, 'sample', props);
  const objects = expectAllValid(chart.toJson());
  return { sample, objects, producer: findObject(objects, 'Deployment', 'sample-producer'), consumer: findObject(objects, 'Deployment', 'sample-consumer') };
}

const env = (container: any) => Object.fromEntries((container.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]));
const pod = (d: any) => d.spec.template.spec;
const init = (d: any) => pod(d).initContainers[0];
const main = (d: any) => pod(d).containers[0];

describe('SampleApp defaults (plain listener)', () => {
  const { sample, objects, producer, consumer } = synth((_, cluster) => ({ cluster }));

  test('3 producers and 1 consumer as Deployments in the cluster namespace', () => {
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/sample-producer', 'Deployment/sample-consumer']);
    expect(producer.spec.replicas).toBe(3);
    expect(consumer.spec.replicas).toBe(1);
    expect(objects.every(o => o.metadata.namespace === 'kafka')).toBe(true);
    expect(sample.producers).toBe(3);
    expect(sample.topicName).toBe('sample-topic');
  });

  test('env contract for both roles, wired from the cluster', () => {
    for (const [d, role] of [[producer, 'producer'], [consumer, 'consumer']] as const) {
      const e = env(main(d));
      expect(e.BOOTSTRAP_SERVERS).toBe('my-cluster-kafka-bootstrap.kafka.svc:9092');
      expect(e.TOPIC_NAME).toBe('sample-topic');
      expect(e.SAMPLE_ROLE).toBe(role);
      expect(e.KAFKA_CLIENT_CONFIG).toBe('/tmp/client.properties');
      expect(e.SECURITY_PROTOCOL).toBe('PLAINTEXT');
    }
    expect(env(main(producer)).MESSAGE_INTERVAL_SECONDS).toBe('2');
    expect(env(main(consumer)).CONSUMER_GROUP).toBe('sample-consumer');
  });

  test('default image and command: the cluster image running the console clients', () => {
    expect(main(producer).image).toBe('quay.io/strimzi/kafka:1.2.0-kafka-4.3.1');
    expect(main(producer).command[2]).toContain('kafka-console-producer');
    expect(main(producer).command[2]).toContain('--producer.config "$KAFKA_CLIENT_CONFIG"');
    expect(main(consumer).command[2]).toContain('kafka-console-consumer');
    expect(main(consumer).command[2]).toContain('--group "$CONSUMER_GROUP"');
    expect(env(main(producer)).KAFKA_HEAP_OPTS).toBe('-Xms192m -Xmx192m');
  });

  test('pods carry the client label, producers prefer distinct nodes', () => {
    for (const d of [producer, consumer]) {
      expect(d.spec.template.metadata.labels[KafkaLabels.CLIENT_OF]).toBe('my-cluster');
      for (const [k, v] of Object.entries(d.spec.selector.matchLabels)) expect(d.spec.template.metadata.labels[k]).toBe(v);
    }
    const term = pod(producer).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0];
    expect(term.podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    expect(term.podAffinityTerm.labelSelector.matchLabels).toEqual(producer.spec.selector.matchLabels);
    expect(producer.spec.selector.matchLabels).not.toEqual(consumer.spec.selector.matchLabels);
  });

  test('restricted security, resources, no token, no service links', () => {
    for (const d of [producer, consumer]) {
      const p = pod(d);
      expect(p.automountServiceAccountToken).toBe(false);
      expect(p.enableServiceLinks).toBe(false);
      expect(p.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const c of [...p.initContainers, ...p.containers]) {
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true });
        // The defaults: 50m / 384Mi for the client, 10m / 32Mi for the init container; memory limit = request.
        expect(c.resources).toEqual(p.initContainers.includes(c)
          ? { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '32Mi' } }
          : { requests: { cpu: '50m', memory: '384Mi' }, limits: { memory: '384Mi' } });
        expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      }
      expect(p.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
    }
  });

  test('plain listener: no Secret referenced', () => {
    expect(JSON.stringify(objects)).not.toMatch(/secret/i);
    expect(env(init(producer))).toEqual({ KAFKA_CLIENT_CONFIG: '/tmp/client.properties', SECURITY_PROTOCOL: 'PLAINTEXT' });
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('SampleApp listener security', () => {
  test('TLS: truststore from the cluster CA Secret (key ca.crt), mounted only in the init container', () => {
    const { producer } = synth((_, cluster) => ({ cluster, listener: 'tls' }));
    expect(pod(producer).volumes).toContainEqual({ name: 'cluster-ca', secret: { secretName: 'my-cluster-cluster-ca-cert', items: [{ key: 'ca.crt', path: 'ca.crt' }] } });
    expect(init(producer).volumeMounts).toContainEqual({ name: 'cluster-ca', mountPath: '/etc/kafka/cluster-ca', readOnly: true });
    expect(main(producer).volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(env(init(producer))).toMatchObject({ SECURITY_PROTOCOL: 'SSL', CA_FILE: '/etc/kafka/cluster-ca/ca.crt' });
    expect(env(main(producer)).BOOTSTRAP_SERVERS).toBe('my-cluster-kafka-bootstrap.kafka.svc:9093');
  });

  test('mutual TLS: keystore PEM from the user Secret (user.crt / user.key)', () => {
    const { producer, consumer } = synth((chart, cluster) => ({
      cluster, listener: 'mtls', user: new FakeUser(chart, 'alice', cluster, { authentication: ListenerAuthentication.TLS }),
    }));
    for (const d of [producer, consumer]) {
      expect(pod(d).volumes).toContainEqual({ name: 'user-cert', secret: { secretName: 'alice', items: [{ key: 'user.crt', path: 'user.crt' }, { key: 'user.key', path: 'user.key' }] } });
      expect(env(init(d))).toMatchObject({ SECURITY_PROTOCOL: 'SSL', CA_FILE: '/etc/kafka/cluster-ca/ca.crt', USER_CERT_FILE: '/etc/kafka/user/user.crt', USER_KEY_FILE: '/etc/kafka/user/user.key' });
    }
  });

  test('mutual TLS: custom Secret keys are honoured', () => {
    const { producer } = synth((chart, cluster) => ({
      cluster, listener: 'mtls',
      user: new FakeUser(chart, 'bob', cluster, { authentication: ListenerAuthentication.TLS, secretName: 'bob-cert', certificateKey: 'tls.crt', privateKeyKey: 'tls.key' }),
    }));
    expect(pod(producer).volumes).toContainEqual({ name: 'user-cert', secret: { secretName: 'bob-cert', items: [{ key: 'tls.crt', path: 'user.crt' }, { key: 'tls.key', path: 'user.key' }] } });
  });

  test('SCRAM over TLS with a Strimzi user: JAAS config from the sasl.jaas.config key', () => {
    const { producer, objects } = synth((chart, cluster) => ({
      cluster, listener: 'scram',
      user: new FakeUser(chart, 'carol', cluster, { authentication: ListenerAuthentication.SCRAM_SHA_512, passwordKey: 'password', jaasConfigKey: 'sasl.jaas.config' }),
    }));
    expect(env(init(producer))).toMatchObject({
      SECURITY_PROTOCOL: 'SASL_SSL', SASL_MECHANISM: 'SCRAM-SHA-512', CA_FILE: '/etc/kafka/cluster-ca/ca.crt',
      SASL_JAAS_CONFIG: { secretKeyRef: { name: 'carol', key: 'sasl.jaas.config' } },
    });
    expect(env(main(producer)).SASL_JAAS_CONFIG).toBeUndefined(); // the client container sees only the generated file
    expect(JSON.stringify(objects)).not.toMatch(/password"?\s*:\s*"[^{]/);
  });

  test('SCRAM without TLS with a raw user Secret: user name and password key', () => {
    const { producer } = synth((chart, cluster) => ({
      cluster, listener: 'scramplain',
      user: new FakeUser(chart, 'dave', cluster, { authentication: ListenerAuthentication.SCRAM_SHA_512, secretName: 'dave-credentials', passwordKey: 'pw' }),
    }));
    const e = env(init(producer));
    expect(e).toMatchObject({ SECURITY_PROTOCOL: 'SASL_PLAINTEXT', SASL_USERNAME: 'dave', SASL_PASSWORD: { secretKeyRef: { name: 'dave-credentials', key: 'pw' } } });
    expect(e.CA_FILE).toBeUndefined();
    expect(pod(producer).volumes).toHaveLength(1);
  });
});

describe('SampleApp options', () => {
  test('producers, topic, interval, group, resources, name', () => {
    const { objects } = (() => {
      const { chart, cluster } = setup();
      new SampleApp(chart, 'Orders', {
        cluster, name: 'orders', producers: 5, topic: 'orders.v1', messageIntervalSeconds: 10, consumerGroup: 'billing',
        resources: { cpuRequest: '100m', memoryRequest: '512Mi' },
      });
      return { objects: expectAllValid(chart.toJson()) };
    })();
    const p = findObject(objects, 'Deployment', 'orders-producer');
    const c = findObject(objects, 'Deployment', 'orders-consumer');
    expect(p.spec.replicas).toBe(5);
    expect(env(main(p))).toMatchObject({ TOPIC_NAME: 'orders.v1', MESSAGE_INTERVAL_SECONDS: '10', KAFKA_HEAP_OPTS: '-Xms256m -Xmx256m' });
    expect(env(main(c)).CONSUMER_GROUP).toBe('billing');
    expect(main(p).resources).toEqual({ requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '512Mi' } });
  });

  test('a user image keeps the env contract and may run its own entrypoint', () => {
    const { producer, consumer } = synth((_, cluster) => ({ cluster, image: 'example.com/my-client:1.0', command: [] }));
    for (const d of [producer, consumer]) {
      expect(main(d).image).toBe('example.com/my-client:1.0');
      expect(main(d).command).toBeUndefined();
      expect(Object.keys(env(main(d)))).toEqual(expect.arrayContaining(['BOOTSTRAP_SERVERS', 'TOPIC_NAME', 'SAMPLE_ROLE', 'KAFKA_CLIENT_CONFIG']));
      expect(init(d).image).toBe('quay.io/strimzi/kafka:1.2.0-kafka-4.3.1');
    }
    const custom = synth((_, cluster) => ({ cluster, image: 'example.com/my-client:1.0', command: ['/app/run', '--verbose'] }));
    expect(main(custom.producer).command).toEqual(['/app/run', '--verbose']);
  });

  test('construct id made DNS-safe for the default name', () => {
    const { chart, cluster } = setup();
    const s = new SampleApp(chart, 'MySample_App', { cluster });
    expect(s.name).toBe('my-sample-app');
    expect(s.producerDeploymentName).toBe('my-sample-app-producer');
  });

  test('a plain listener allows another namespace', () => {
    const { producer } = synth((_, cluster) => ({ cluster, namespace: 'apps' }));
    expect(producer.metadata.namespace).toBe('apps');
  });
});

describe('SampleApp refuses bad input', () => {
  const build = (f: (chart: Chart, cluster: FakeCluster) => Partial<SampleAppProps>) => () => {
    const { chart, cluster } = setup();
    new SampleApp(chart, 'sample', { cluster, ...f(chart, cluster) } as SampleAppProps);
  };

  test('producers below 1', () => {
    expect(build(() => ({ producers: 0 }))).toThrow(/test\/sample: invalid producers: got 0; allowed: an integer >= 1\. Fix: run at least one producer/);
  });

  test('producers not an integer', () => {
    expect(build(() => ({ producers: 2.5 }))).toThrow(/invalid producers: got 2\.5; allowed: an integer >= 1/);
  });

  test('topic name with characters Kafka refuses', () => {
    expect(build(() => ({ topic: 'my topic!' }))).toThrow(/test\/sample: invalid topic: got "my topic!"; allowed: 1 to 249 characters of letters, digits, '\.', '_' and '-'.*Fix: rename the topic, e\.g\. "my-topic-"/);
  });

  test('topic name too long', () => {
    expect(build(() => ({ topic: 'a'.repeat(250) }))).toThrow(/invalid topic: got "a{250}"; allowed: 1 to 249 characters/);
  });

  test('topic ".."', () => {
    expect(build(() => ({ topic: '..' }))).toThrow(/invalid topic: got "\.\."; allowed: .*not '\.' or '\.\.'/);
  });

  test('unknown listener', () => {
    expect(build(() => ({ listener: 'external' }))).toThrow(/test\/sample: invalid listener: got "external"; allowed: "plain", "tls", "mtls", "scram", "scramplain", "oauth"\. Fix: name one of the listeners of cluster "my-cluster"/);
  });

  test('mutual TLS listener without a user', () => {
    expect(build(() => ({ listener: 'mtls' }))).toThrow(/test\/sample: invalid user: got undefined; allowed: a user with tls credentials of cluster "my-cluster" \(listener "mtls" authenticates clients\)\. Fix: create a user with tls authentication/);
  });

  test('SCRAM listener without a user', () => {
    expect(build(() => ({ listener: 'scram' }))).toThrow(/invalid user: got undefined; allowed: a user with scram-sha-512 credentials.*Fix: create a user/);
  });

  test('user of another cluster', () => {
    expect(build(chart => {
      const other = new FakeCluster(chart, 'other');
      return { listener: 'mtls', user: new FakeUser(chart, 'eve', other, { authentication: ListenerAuthentication.TLS }) };
    })).toThrow(/invalid user: got "test\/eve"; allowed: a user of cluster "my-cluster" \(test\/my-cluster\); this one belongs to "other".*Fix: create the user with cluster: the same cluster object/);
  });

  test('user whose authentication does not match the listener', () => {
    expect(build((chart, cluster) => ({ listener: 'mtls', user: new FakeUser(chart, 'frank', cluster, { authentication: ListenerAuthentication.SCRAM_SHA_512 }) })))
      .toThrow(/invalid user: got "test\/frank"; allowed: a user with tls credentials \(listener "mtls"\); this user has scram-sha-512\. Fix: use a user whose authentication is tls/);
  });

  test('user on a listener without authentication', () => {
    expect(build((chart, cluster) => ({ listener: 'plain', user: new FakeUser(chart, 'gina', cluster, { authentication: ListenerAuthentication.TLS }) })))
      .toThrow(/invalid user: got "test\/gina"; allowed: no user: listener "plain" does not authenticate clients\. Fix: drop user/);
  });

  test('without a listener, a user picks the first listener of its authentication (as every client does)', () => {
    const { sample } = synth((chart, cluster) => ({ cluster, user: new FakeUser(chart, 'gina', cluster, { authentication: ListenerAuthentication.TLS }) }));
    expect(sample.listener.name).toBe('mtls');
  });

  test('custom (OAuth) listener', () => {
    expect(build(() => ({ listener: 'oauth' }))).toThrow(/invalid listener: got "oauth"; allowed: a listener with authentication none, tls or scram-sha-512\. Fix: the client cannot obtain custom credentials/);
  });

  test('TLS listener on a cluster without a CA Secret', () => {
    expect(() => {
      const { chart } = setup();
      const cluster = new FakeCluster(chart, 'noca', { caSecret: false });
      new SampleApp(chart, 'sample', { cluster, listener: 'tls' });
    }).toThrow(/invalid listener: got "tls"; allowed: a TLS listener only when the cluster names its CA Secret.*Fix: configure the cluster's TLS CA Secret/);
  });

  test('another namespace for a TLS listener', () => {
    expect(build(() => ({ listener: 'tls', namespace: 'apps' })))
      .toThrow(/invalid namespace: got "apps"; allowed: the cluster's namespace \("kafka"\) for listener "tls".*Fix: drop the namespace prop/);
  });

  test('name that is not DNS-1123', () => {
    expect(build(() => ({ name: 'Sample_App' }))).toThrow(/invalid name: got "Sample_App"; allowed: a DNS-1123 label of at most 54 characters.*Fix: rename it, e\.g\. "sample-app"/);
  });

  test('message interval of 0', () => {
    expect(build(() => ({ messageIntervalSeconds: 0 }))).toThrow(/invalid messageIntervalSeconds: got 0; allowed: an integer from 1 to 3600\. Fix: set messageIntervalSeconds/);
  });

  test('consumer group with whitespace', () => {
    expect(build(() => ({ consumerGroup: 'my group' }))).toThrow(/invalid consumerGroup: got "my group"; allowed: a non-empty group id without whitespace\. Fix: e\.g\. "sample-consumer"/);
  });

  test('malformed resources', () => {
    expect(build(() => ({ resources: { memoryRequest: 'lots' } }))).toThrow(/invalid resources\.memoryRequest: got "lots"; allowed: a positive Kubernetes quantity/);
  });

  test('image with whitespace', () => {
    expect(build(() => ({ image: 'apache/kafka 4.3.1' }))).toThrow(/invalid image: got "apache\/kafka 4\.3\.1"; allowed: a container image reference without whitespace/);
  });

  test('missing cluster', () => {
    expect(build(() => ({ cluster: undefined as any }))).toThrow(/invalid cluster: got undefined; allowed: a KafkaBrokers or StrimziCluster.*Fix: pass the cluster object/);
  });
});
