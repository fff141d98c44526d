import { App, Chart } from 'cdk8s';
import {
  KafkaBrokers, KafkaBrokersProps, KafkaMode, KafkaTestClient, KafkaTopicsJob, KafkaTopicsJobProps, KafkaUserSecret,
  NodeSpread, ZookeeperEnsemble,
} from '../lib/raw';
import { KafkaStorage, ListenerAuthentication, ListenerType, deriveClusterId } from '../lib/kafka';
import { restrictedViolations } from './support/pod-security';
import { inlineSecretFindings } from './support/secrets';
import { serverProperties } from './support/kafka-objects';
import { expectAllValid, findObject, findObjects } from './support/validate';

function newChart(): Chart {
  return new Chart(new App({ outdir: '/tmp/cdk8s-kafka-raw-constructs' }), 'c', { namespace: 'kafka' });
}

/** Synthesizes a chart, validates every object strictly and against the restricted profile, and returns the objects. */
function objectsOf(chart: Chart): any[] {
  const objects = expectAllValid(chart.toJson());
  expect(objects.flatMap(restrictedViolations)).toEqual([]);
  expect(objects.flatMap(inlineSecretFindings)).toEqual([]);
  return objects;
}

function brokers(props: KafkaBrokersProps = {}): { cluster: KafkaBrokers; objects: any[] } {
  const chart = newChart();
  const cluster = new KafkaBrokers(chart, 'kafka', { clusterName: 'k', ...props });
  return { cluster, objects: objectsOf(chart) };
}

const script = (sts: any): string => sts.spec.template.spec.containers[0].command[2];
const properties = (objects: any[], name: string): string => findObject(objects, 'ConfigMap', name).data['server.properties'];

describe('KafkaBrokers, KRaft combined (default)', () => {
  const { cluster, objects } = brokers();

  test('node ids come from the pod ordinal and the voters are every pod', () => {
    const sts = findObject(objects, 'StatefulSet', 'k-kafka');
    expect(script(sts)).toContain('ORDINAL=${HOSTNAME##*-}');
    expect(script(sts)).toContain("printf 'node.id=%s\\nadvertised.listeners=%s\\n' \"$ORDINAL\"");
    expect(script(sts)).toContain('kafka-storage.sh format --config "$CONFIG" --cluster-id "$CLUSTER_ID" --ignore-formatted');
    expect(serverProperties(objects, 'k-kafka-config')['controller.quorum.voters'])
      .toBe([0, 1, 2].map(i => `${i}@k-kafka-${i}.k-kafka-brokers.kafka.svc.cluster.local:9093`).join(','));
    expect(properties(objects, 'k-kafka-config')).toContain('process.roles=broker,controller\n');
  });

  test('advertised listeners are per-pod DNS names', () => {
    expect(script(findObject(objects, 'StatefulSet', 'k-kafka'))).toContain(
      '"PLAIN://$HOSTNAME.k-kafka-brokers.kafka.svc.cluster.local:9092,REPLICATION://$HOSTNAME.k-kafka-brokers.kafka.svc.cluster.local:9094"');
  });

  test('cluster id is derived deterministically and passed as CLUSTER_ID; log dir is a subdirectory', () => {
    // A literal: a change to the derivation would make existing brokers refuse their data.
    expect(cluster.clusterId).toBe('QXVMXaGQe3Nvb5hT0LEAMw');
    expect([deriveClusterId('kafka', 'k'), deriveClusterId('other', 'k'), deriveClusterId('kafka', 'k2')])
      .toEqual(['QXVMXaGQe3Nvb5hT0LEAMw', '4n3NH02D0uSVlox4YWdfsw', '-fpBz67YBXhndiN4eiFL0Q']);
    const c = findObject(objects, 'StatefulSet', 'k-kafka').spec.template.spec.containers[0];
    expect(c.env).toContainEqual({ name: 'CLUSTER_ID', value: cluster.clusterId });
    expect(properties(objects, 'k-kafka-config')).toContain('log.dirs=/var/lib/kafka/data/logs\n');
  });

  test('StatefulSet: Parallel, no service links, long grace period, fsGroup 1000, heap half the limit', () => {
    const sts = findObject(objects, 'StatefulSet', 'k-kafka');
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
    const pod = sts.spec.template.spec;
    expect(pod.enableServiceLinks).toBe(false);
    expect(pod.terminationGracePeriodSeconds).toBe(120);
    expect(pod.securityContext.fsGroup).toBe(1000);
    expect(pod.containers[0].env).toContainEqual({ name: 'KAFKA_HEAP_OPTS', value: '-Xms1024m -Xmx1024m' });
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(
      ['/var/lib/kafka/data', '/etc/kafka/cdk8s', '/etc/kafka/runtime', '/opt/kafka/logs', '/tmp']);
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('100Gi');
  });

  test('headless Service publishes not-ready addresses; bootstrap addresses', () => {
    expect(findObject(objects, 'Service', 'k-kafka-brokers').spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(cluster.listener().bootstrapServers).toBe('k-kafka-bootstrap.kafka.svc.cluster.local:9092');
    expect(cluster.listener('plain').securityProtocol).toBe('PLAINTEXT');
    expect(cluster.clientLabels).toEqual({ 'kafka.cdk8s.io/client-of': 'k' });
  });

  test('NetworkPolicy: brokers from each other, clients on listener ports, admin Jobs on the replication port', () => {
    const np = findObject(objects, 'NetworkPolicy', 'k-kafka');
    expect(np.spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: cluster.brokerSelector } }] },
      { from: [{ podSelector: { matchLabels: { 'kafka.cdk8s.io/client-of': 'k' } } }], ports: [{ port: 9092, protocol: 'TCP' }] },
      { from: [{ podSelector: { matchLabels: { 'kafka.cdk8s.io/admin-of': 'k' } } }], ports: [{ port: 9094, protocol: 'TCP' }] },
    ]);
  });

  test('spreads across nodes by default (preferred)', () => {
    const pod = findObject(objects, 'StatefulSet', 'k-kafka').spec.template.spec;
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    expect(pod.topologySpreadConstraints).toHaveLength(1);
  });
});

describe('replication defaults and PDBs follow the broker count', () => {
  test.each([
    [1, 1, 1, 0],
    [2, 2, 2, 0],
    [3, 3, 2, 1],
    [5, 3, 2, 1],
  ])('%i brokers: RF %i, min ISR %i, maxUnavailable %i', (n, rf, isr, maxUnavailable) => {
    // An even broker count needs dedicated controllers (the quorum rule); the broker budget is the same.
    const { cluster, objects } = brokers({ brokers: n, ...(n % 2 === 0 ? { controllers: { replicas: 3 } } : {}) });
    expect(cluster.replication).toEqual({
      defaultReplicationFactor: rf, minInsyncReplicas: isr, offsetsTopicReplicationFactor: rf,
      transactionStateLogReplicationFactor: rf, transactionStateLogMinIsr: isr,
    });
    expect(findObject(objects, 'PodDisruptionBudget', 'k-kafka').spec.maxUnavailable).toBe(maxUnavailable);
    const props = properties(objects, 'k-kafka-config');
    expect(props).toContain(`default.replication.factor=${rf}\n`);
    expect(props).toContain(`min.insync.replicas=${isr}\n`);
  });

  test('overrides are honoured and the PDB follows them', () => {
    const { objects } = brokers({ brokers: 5, replication: { defaultReplicationFactor: 5, minInsyncReplicas: 3, transactionStateLogReplicationFactor: 5, transactionStateLogMinIsr: 3 } });
    // RF − min ISR = 2, but 5 combined voters keep a quorum with at most 2 down.
    expect(findObject(objects, 'PodDisruptionBudget', 'k-kafka').spec.maxUnavailable).toBe(2);
  });

  test.each([[1, 0], [3, 1], [5, 2]])('ZooKeeper %i servers: maxUnavailable %i', (n, max) => {
    const chart = newChart();
    new ZookeeperEnsemble(chart, 'zk', { replicas: n });
    expect(findObject(objectsOf(chart), 'PodDisruptionBudget', 'zookeeper').spec.maxUnavailable).toBe(max);
  });
});

describe('KafkaBrokers, KRaft with dedicated controllers', () => {
  const { cluster, objects } = brokers({ controllers: { replicas: 3 }, brokers: 4 });

  test('controllers get ids from 1000 (as in Strimzi), brokers are broker-only', () => {
    const voters = [0, 1, 2].map(i => `${1000 + i}@k-controller-${i}.k-controllers.kafka.svc.cluster.local:9093`).join(',');
    expect(serverProperties(objects, 'k-kafka-config')['controller.quorum.voters']).toBe(voters);
    expect(serverProperties(objects, 'k-controller-config')['controller.quorum.voters']).toBe(voters);
    expect(properties(objects, 'k-kafka-config')).toContain('process.roles=broker\n');
    expect(properties(objects, 'k-kafka-config')).toContain('listener.security.protocol.map=PLAIN:PLAINTEXT,REPLICATION:PLAINTEXT,CONTROLLER:PLAINTEXT\n');
    const ctrl = properties(objects, 'k-controller-config');
    expect(ctrl).toContain('process.roles=controller\n');
    expect(ctrl).not.toContain('advertised.listeners');
    expect(script(findObject(objects, 'StatefulSet', 'k-controller'))).toContain('NODE_ID=$((ORDINAL + 1000))');
    expect(findObject(objects, 'StatefulSet', 'k-controller').spec.podManagementPolicy).toBe('Parallel');
  });

  test('controller PDB keeps the quorum and the broker PDB follows replication', () => {
    expect(findObject(objects, 'PodDisruptionBudget', 'k-controller').spec.maxUnavailable).toBe(1);
    expect(findObject(objects, 'PodDisruptionBudget', 'k-kafka').spec.maxUnavailable).toBe(1);
  });

  test('controllers are reachable only from brokers and each other, on 9093', () => {
    expect(findObject(objects, 'NetworkPolicy', 'k-controller').spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: cluster.brokerSelector } }, { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'kafka', 'app.kubernetes.io/instance': 'k', 'app.kubernetes.io/component': 'controller' } } }],
      ports: [{ port: 9093, protocol: 'TCP' }],
    }]);
  });
});

describe('KafkaBrokers, ZooKeeper mode', () => {
  const chart = newChart();
  const zk = new ZookeeperEnsemble(chart, 'zk', { name: 'zk' });
  const cluster = new KafkaBrokers(chart, 'kafka', { clusterName: 'k', zookeeper: zk });
  const objects = objectsOf(chart);

  test('mode is inferred, the 3.9 image starts kafka-server-start.sh directly with broker.id from the ordinal', () => {
    expect(cluster.mode).toBe(KafkaMode.ZOOKEEPER);
    expect(cluster.clusterId).toBeUndefined();
    const sts = findObject(objects, 'StatefulSet', 'k-kafka');
    expect(sts.spec.template.spec.containers[0].image).toBe('apache/kafka:3.9.1');
    expect(script(sts)).toContain('exec /opt/kafka/bin/kafka-server-start.sh /etc/kafka/cdk8s/server.properties --override "broker.id=$ORDINAL" --override "advertised.listeners=PLAIN://$HOSTNAME.k-kafka-brokers.kafka.svc.cluster.local:9092');
    expect(script(sts)).not.toContain('kafka-storage');
    expect(properties(objects, 'k-kafka-config')).toContain(`zookeeper.connect=${zk.connectString}\n`);
    expect(properties(objects, 'k-kafka-config')).not.toContain('process.roles');
  });

  test('ZooKeeper: myid = ordinal + 1, servers end in ;2181, 4lw whitelist, probes with nc', () => {
    const sts = findObject(objects, 'StatefulSet', 'zk');
    const c = sts.spec.template.spec.containers[0];
    expect(c.image).toBe('zookeeper:3.9.3');
    expect(c.command[2]).toContain('export ZOO_MY_ID=$((${HOSTNAME##*-}+1))');
    const env = Object.fromEntries(c.env.map((e: any) => [e.name, e.value]));
    expect(env.ZOO_SERVERS.split(' ')).toEqual([0, 1, 2].map(i => `server.${i + 1}=zk-${i}.zk-headless.kafka.svc.cluster.local:2888:3888;2181`));
    expect(env.ZOO_4LW_COMMANDS_WHITELIST).toBe('srvr,ruok');
    expect(env.ZK_SERVER_HEAP).toBe('512');
    expect(env.ZOO_CFG_EXTRA).toBe('quorumListenOnAllIPs=true');
    expect(env.ZOO_ADMINSERVER_ENABLED).toBe('false');
    expect(c.livenessProbe.exec.command[2]).toBe("echo ruok | nc -w 2 localhost 2181 | grep -q 'imok'");
    expect(c.readinessProbe.exec.command[2]).toContain('echo srvr');
    expect(zk.connectString).toBe([0, 1, 2].map(i => `zk-${i}.zk-headless.kafka.svc.cluster.local:2181`).join(','));
    expect(findObject(objects, 'Service', 'zk-headless').spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(findObject(objects, 'Service', 'zk-client').spec.ports).toEqual([{ name: 'client', port: 2181, targetPort: 2181 }]);
  });

  test('ZooKeeper NetworkPolicy admits its peers and the brokers that use it', () => {
    expect(findObject(objects, 'NetworkPolicy', 'zk').spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: zk.selector } }], ports: [2181, 2888, 3888].map(port => ({ port, protocol: 'TCP' })) },
      { from: [{ podSelector: { matchLabels: cluster.brokerSelector } }], ports: [{ port: 2181, protocol: 'TCP' }] },
    ]);
  });

  test('a connect string works too', () => {
    const { cluster: c2, objects: o2 } = brokers({ mode: KafkaMode.ZOOKEEPER, zookeeper: 'zk-0.zk:2181,zk-1.zk:2181/kafka' });
    expect(c2.mode).toBe(KafkaMode.ZOOKEEPER);
    expect(properties(o2, 'k-kafka-config')).toContain('zookeeper.connect=zk-0.zk:2181,zk-1.zk:2181/kafka\n');
  });
});

describe('the Kafka version of a custom image, from its tag', () => {
  const DIGEST = `sha256:${'a'.repeat(64)}`;
  test.each([
    ['registry.example.com/kafka:3.9.0', '3.9.0'],
    ['registry.example.com:5000/team/kafka:4.1.0', '4.1.0'],
    [`apache/kafka:4.2.0@${DIGEST}`, '4.2.0'],
    [`registry.example.com:5000/kafka@${DIGEST}`, 'latest'],
    ['registry.example.com:5000/kafka', 'latest'],
  ])('%s: %s', (image, version) => {
    expect(brokers({ image }).cluster.kafkaVersion).toBe(version);
  });

  test('a 3.x tag selects log4j 1 properties; an explicit kafkaVersion wins over the tag', () => {
    const env = (props: KafkaBrokersProps) => Object.fromEntries(findObject(brokers(props).objects, 'StatefulSet', 'k-kafka')
      .spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env({ image: 'registry.example.com:5000/kafka:3.9.0' }).KAFKA_LOG4J_OPTS).toBe('-Dlog4j.configuration=file:/etc/kafka/cdk8s/log4j.properties');
    expect(brokers({ image: 'registry.example.com/kafka:3.9.0', kafkaVersion: '4.1.0' }).cluster.kafkaVersion).toBe('4.1.0');
  });
});

describe('external listeners', () => {
  test('NODE_PORT: one Service per broker with a fixed node port; brokers advertise the node IP', () => {
    const { cluster, objects } = brokers({
      listeners: [{ name: 'plain', port: 9092 }, { name: 'external', port: 9095, type: ListenerType.NODE_PORT, nodePortBase: 31090 }],
    });
    for (const i of [0, 1, 2]) {
      const svc = findObject(objects, 'Service', `k-kafka-external-${i}`);
      expect(svc.spec.type).toBe('NodePort');
      expect(svc.spec.selector['statefulset.kubernetes.io/pod-name']).toBe(`k-kafka-${i}`);
      expect(svc.spec.ports).toEqual([{ name: 'external', port: 9095, targetPort: 9095, protocol: 'TCP', nodePort: 31090 + i }]);
    }
    const c = findObject(objects, 'StatefulSet', 'k-kafka').spec.template.spec.containers[0];
    expect(c.command[2]).toContain('EXTERNAL://$HOST_IP:$((31090 + ORDINAL))');
    expect(c.env).toContainEqual({ name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } });
    expect(findObject(objects, 'NetworkPolicy', 'k-kafka').spec.ingress).toContainEqual({ ports: [{ port: 9095, protocol: 'TCP' }] });
    expect(cluster.listener()).toMatchObject({ name: 'plain' });
    expect(cluster.listener('external').type).toBe(ListenerType.NODE_PORT);
  });

  test('LOAD_BALANCER: per-broker balancers and the advertised host of each ordinal', () => {
    const { objects } = brokers({
      listeners: [{ name: 'lb', port: 9095, type: ListenerType.LOAD_BALANCER, advertisedHosts: ['k0.example.com', 'k1.example.com', 'k2.example.com'] }],
    });
    expect(findObject(objects, 'Service', 'k-kafka-lb-1').spec.type).toBe('LoadBalancer');
    const s = script(findObject(objects, 'StatefulSet', 'k-kafka'));
    expect(s).toContain("  1) EXT_HOST_LB='k1.example.com' ;;");
    expect(s).toContain('LB://$EXT_HOST_LB:9095');
  });
});

describe('SCRAM-SHA-512', () => {
  const chart = newChart();
  const cluster = new KafkaBrokers(chart, 'kafka', {
    clusterName: 'k',
    listeners: [{ name: 'scram', port: 9092, authentication: ListenerAuthentication.SCRAM_SHA_512 }],
  });
  const user = new KafkaUserSecret(chart, 'alice', { cluster, userName: 'alice', secretName: 'alice-credentials' });
  const objects = objectsOf(chart);

  test('the listener enables SCRAM-SHA-512 without any credential in the config', () => {
    const props = properties(objects, 'k-kafka-config');
    expect(props).toContain('listener.name.scram.sasl.enabled.mechanisms=SCRAM-SHA-512\n');
    expect(props).toContain('listener.name.scram.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;\n');
    expect(props).toContain('listener.security.protocol.map=SCRAM:SASL_PLAINTEXT,REPLICATION:PLAINTEXT,CONTROLLER:PLAINTEXT\n');
    expect(cluster.listener()).toMatchObject({ securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'SCRAM-SHA-512' });
  });

  test('KafkaUserSecret references the Secret and upserts the credentials with a Job', () => {
    expect(user.credentials).toEqual({ userName: 'alice', secretName: 'alice-credentials', authentication: ListenerAuthentication.SCRAM_SHA_512, passwordKey: 'password' });
    const job = findObject(objects, 'Job', user.jobName!);
    const c = job.spec.template.spec.containers[0];
    expect(c.env).toContainEqual({ name: 'SCRAM_PASSWORD', valueFrom: { secretKeyRef: { name: 'alice-credentials', key: 'password' } } });
    // The credential goes through a properties file (--add-config-file), never on the command line.
    expect(c.command[2]).toContain("--entity-type users --entity-name 'alice' --add-config-file \"$F\"");
    expect(c.command[2]).not.toContain('--add-config ');
    expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(job.metadata.labels['kafka.cdk8s.io/admin-of']).toBe('k');
    expect(findObjects(objects, 'Secret')).toEqual([]);
  });
});

describe('options', () => {
  test('ephemeral storage, no network policies, required spread across zones', () => {
    const { objects } = brokers({
      storage: KafkaStorage.ephemeral(), networkPolicies: false, nodeSpread: NodeSpread.REQUIRED, spreadAcrossZones: true,
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'kafka', effect: 'NoSchedule' }], nodeSelector: { pool: 'kafka' },
    });
    const sts = findObject(objects, 'StatefulSet', 'k-kafka');
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.spec.template.spec.volumes[0]).toEqual({ name: 'data', emptyDir: {} });
    expect(findObjects(objects, 'NetworkPolicy')).toEqual([]);
    const pod = sts.spec.template.spec;
    expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
    expect(pod.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: sts.spec.selector.matchLabels } }]);
    expect(pod.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'kafka', effect: 'NoSchedule' }]);
    expect(pod.nodeSelector).toEqual({ pool: 'kafka' });
  });

  test('typed settings, free config, resources, heap, storage class and a given cluster id', () => {
    const { cluster, objects } = brokers({
      autoCreateTopics: true, numPartitions: 6, logRetentionHours: 72, config: { 'compression.type': 'zstd' },
      resources: { cpuRequest: '1', memoryRequest: '4Gi', memoryLimit: '6Gi' }, heap: '3g',
      storage: KafkaStorage.persistent({ size: '500Gi', storageClass: 'fast' }), clusterId: 'MkU3OEVBNTcwNTJENDM2Qk',
    });
    const props = properties(objects, 'k-kafka-config');
    for (const line of ['auto.create.topics.enable=true', 'num.partitions=6', 'log.retention.hours=72', 'compression.type=zstd']) {
      expect(props).toContain(`${line}\n`);
    }
    const sts = findObject(objects, 'StatefulSet', 'k-kafka');
    expect(sts.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '6Gi' } });
    expect(sts.spec.template.spec.containers[0].env).toContainEqual({ name: 'KAFKA_HEAP_OPTS', value: '-Xms3g -Xmx3g' });
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '500Gi' } } });
    expect(cluster.clusterId).toBe('MkU3OEVBNTcwNTJENDM2Qk');
  });

  test('ZooKeeper standalone with a separate transaction log volume, no network policy', () => {
    const chart = newChart();
    new ZookeeperEnsemble(chart, 'zk', {
      replicas: 1, storage: KafkaStorage.persistent({ size: '2Gi' }), dataLogStorage: KafkaStorage.persistent({ size: '5Gi' }), networkPolicies: false,
      autopurge: { snapRetainCount: 5, purgeIntervalHours: 1 }, tickTime: 3000,
    });
    const objects = objectsOf(chart);
    const sts = findObject(objects, 'StatefulSet', 'zookeeper');
    expect(sts.spec.volumeClaimTemplates.map((c: any) => c.metadata.name)).toEqual(['data', 'datalog']);
    const env = Object.fromEntries(sts.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ ZOO_DATA_LOG_DIR: '/datalog', ZOO_STANDALONE_ENABLED: 'true', ZOO_AUTOPURGE_SNAPRETAINCOUNT: '5', ZOO_AUTOPURGE_PURGEINTERVAL: '1', ZOO_TICK_TIME: '3000' });
    expect(findObjects(objects, 'NetworkPolicy')).toEqual([]);
  });
});

describe('topics Job and test client', () => {
  function topicsJob(topics: any[]) {
    const chart = newChart();
    const cluster = new KafkaBrokers(chart, 'kafka', { clusterName: 'k' });
    const job = new KafkaTopicsJob(chart, 'topics', { cluster, topics });
    new KafkaTestClient(chart, 'client', { cluster });
    return { job, objects: objectsOf(chart) };
  }

  test('creates (or reconciles) every topic after waiting for every broker; client label; restricted', () => {
    const { job, objects } = topicsJob([{ topicName: 'orders', partitions: 12, replicas: 3, config: { 'retention.ms': 86400000, 'min.insync.replicas': 2 } }, { topicName: 'audit' }]);
    const j = findObject(objects, 'Job', job.jobName);
    expect(j.spec).toMatchObject({ backoffLimit: 6, ttlSecondsAfterFinished: 86400 });
    expect(j.spec.template.metadata.labels['kafka.cdk8s.io/client-of']).toBe('k');
    const s = j.spec.template.spec.containers[0].command[2];
    expect(s).toContain('want=3');
    expect(s).toContain("--create --if-not-exists --topic 'orders' --partitions 12 --replication-factor 3 --config 'min.insync.replicas=2' --config 'retention.ms=86400000'");
    expect(s).toContain("--topic 'audit' --partitions 3 --replication-factor 3");
    const client = findObject(objects, 'Deployment', 'k-test-client');
    expect(client.spec.replicas).toBe(1);
    expect(client.spec.template.metadata.labels['kafka.cdk8s.io/client-of']).toBe('k');
    expect(client.spec.template.spec.containers[0].env[0]).toEqual({ name: 'BOOTSTRAP_SERVERS', value: 'k-kafka-bootstrap.kafka.svc.cluster.local:9092' });
  });

  test('the Job name is stable for the same topics and changes when they change', () => {
    const a = topicsJob([{ topicName: 'orders' }]).job.jobName;
    expect(topicsJob([{ topicName: 'orders' }]).job.jobName).toBe(a);
    expect(topicsJob([{ topicName: 'orders', partitions: 4 }]).job.jobName).not.toBe(a);
    expect(a).toMatch(/^k-topics-[0-9a-f]{8}$/);
  });

  test('the Job name changes with anything else in its immutable pod template (broker count, image, wait), not with mutable fields', () => {
    const nameWith = (clusterProps: KafkaBrokersProps, jobProps: Partial<KafkaTopicsJobProps> = {}) => {
      const chart = newChart();
      const cluster = new KafkaBrokers(chart, 'kafka', { clusterName: 'k', ...clusterProps });
      return new KafkaTopicsJob(chart, 'topics', { cluster, topics: [{ topicName: 'orders' }], ...jobProps }).jobName;
    };
    const a = nameWith({});
    expect(nameWith({ brokers: 5 })).not.toBe(a);
    expect(nameWith({ image: 'apache/kafka:4.3.0' })).not.toBe(a);
    expect(nameWith({}, { waitSeconds: 60 })).not.toBe(a);
    expect(nameWith({}, { backoffLimit: 2, ttlSecondsAfterFinished: 60 })).toBe(a);
  });
});
