/**
 * Rack awareness of raw brokers: one StatefulSet spans the zones (so it rolls one pod at a time),
 * spread evenly over them; an init container reads each pod's zone from its node (minimal RBAC)
 * and the start script appends it as broker.rack.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { ListenerType, selectorLabels } from '../lib/kafka';
import { KafkaBrokers, KafkaBrokersProps, KafkaMode, NodeSpread, ZookeeperEnsemble } from '../lib/raw';
import { NODE_ZONE_CLASS_BASE64 } from '../lib/raw/node-zone/node-zone-class';
import { RACK_AWARE_REPLICA_SELECTOR } from '../lib/raw/server-properties';
import { restrictedViolations } from './support/pod-security';
import { inlineSecretFindings } from './support/secrets';
import { serverProperties } from './support/kafka-objects';
import { expectAllValid, findObject, findObjects } from './support/validate';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const BROKERS = selectorLabels('kafka', 'k', 'broker');
const CONTROLLERS = selectorLabels('kafka', 'k', 'controller');

function brokers(props: KafkaBrokersProps = {}): { cluster: KafkaBrokers; objects: any[] } {
  const chart = new Chart(new App({ outdir: '/tmp/cdk8s-kafka-raw-rack' }), 'c', { namespace: 'kafka' });
  const cluster = new KafkaBrokers(chart, 'kafka', { clusterName: 'k', ...props });
  const objects = expectAllValid(chart.toJson());
  expect(objects.flatMap(restrictedViolations)).toEqual([]);
  expect(objects.flatMap(inlineSecretFindings)).toEqual([]);
  return { cluster, objects };
}
const pod = (sts: any) => sts.spec.template.spec;
const script = (sts: any): string => pod(sts).containers[0].command[2];

describe('KafkaBrokers with zones: one StatefulSet over every zone', () => {
  const { objects } = brokers({ brokers: 3, zones: ZONES });
  const sts = findObject(objects, 'StatefulSet', 'k-kafka');

  test('one broker StatefulSet, restricted to the zones and spread evenly across them (one pod at a time on rollout)', () => {
    expect(findObjects(objects, 'StatefulSet').map(s => s.metadata.name)).toEqual(['k-kafka']);
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect(pod(sts).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms)
      .toEqual([{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ZONES }] }]);
    expect(pod(sts).topologySpreadConstraints).toContainEqual({
      maxSkew: 1, minDomains: 3, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: BROKERS },
    });
  });

  test('an init container on the Kafka image reads the node\'s zone label with a token only it mounts', () => {
    const [init] = pod(sts).initContainers;
    expect(init.name).toBe('rack');
    expect(init.image).toBe(pod(sts).containers[0].image);
    expect(init.command).toEqual(['java', '-Xmx32m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', '/etc/kafka/node-zone', 'NodeZone']);
    expect(init.env).toEqual([
      { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'ZONE_LABEL', value: 'topology.kubernetes.io/zone' },
      { name: 'OUTPUT', value: '/etc/kafka/runtime/rack.properties' },
    ]);
    expect(init.volumeMounts.map((m: any) => m.mountPath)).toContain('/var/run/secrets/kubernetes.io/serviceaccount');
    expect(pod(sts).containers[0].volumeMounts.map((m: any) => m.name)).not.toContain('rack-token');
    expect(pod(sts).automountServiceAccountToken).toBe(false);
    expect(pod(sts).serviceAccountName).toBe('k-kafka-rack');
    expect(pod(sts).volumes).toContainEqual({
      name: 'rack-token',
      projected: { sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      ] },
    });
  });

  test('minimal RBAC: the service account may only get nodes', () => {
    expect(findObject(objects, 'ServiceAccount', 'k-kafka-rack').automountServiceAccountToken).toBe(false);
    expect(findObject(objects, 'ClusterRole', 'kafka-k-kafka-rack').rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }]);
    const binding = findObject(objects, 'ClusterRoleBinding', 'kafka-k-kafka-rack');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kafka-k-kafka-rack' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'k-kafka-rack', namespace: 'kafka' }]);
  });

  test('the zone reader ships as the committed NodeZone.class', () => {
    const cm = findObject(objects, 'ConfigMap', 'k-kafka-node-zone');
    expect(cm.binaryData).toEqual({ 'NodeZone.class': NODE_ZONE_CLASS_BASE64 });
    expect(Buffer.from(NODE_ZONE_CLASS_BASE64, 'base64').readUInt32BE(0)).toBe(0xcafebabe);
  });

  test('the start script appends the rack the init container wrote; the rack-aware replica selector is on', () => {
    expect(script(sts)).toContain('cat /etc/kafka/runtime/rack.properties >> "$CONFIG"');
    const props = serverProperties(objects, 'k-kafka-config');
    expect(props['replica.selector.class']).toBe(RACK_AWARE_REPLICA_SELECTOR);
    expect(props['broker.rack']).toBeUndefined();
    // The node ids are the ordinals and the voters the pods of the one StatefulSet.
    expect(props['controller.quorum.voters']).toBe([0, 1, 2].map(i => `${i}@k-kafka-${i}.k-kafka-brokers.kafka.svc.cluster.local:9093`).join(','));
    expect(script(sts)).not.toContain('NODE_ID=');
  });

  test('Services, PDB and NetworkPolicy are those of the same cluster without zones', () => {
    const plain = brokers({ brokers: 3 });
    const others = (objs: any[]) => objs.filter(o => ['Service', 'PodDisruptionBudget', 'NetworkPolicy'].includes(o.kind));
    expect(others(objects)).toEqual(others(plain.objects));
  });

  test('names stay within Kubernetes limits for the longest cluster name', () => {
    const { objects: long } = brokers({ clusterName: 'a'.repeat(40), brokers: 3, zones: ZONES });
    for (const o of long) expect(o.metadata.name.length).toBeLessThanOrEqual(o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding' ? 253 : 63);
  });

  test('deterministic: two synths are identical', () => {
    expect(JSON.stringify(brokers({ brokers: 3, zones: ZONES }).objects)).toBe(JSON.stringify(objects));
  });

  test('snapshot of the StatefulSet', () => {
    expect(sts).toMatchSnapshot();
  });
});

describe('KafkaBrokers with zones and dedicated controllers', () => {
  const { objects } = brokers({ brokers: 4, zones: ZONES, controllers: { replicas: 3 }, nodeSpread: NodeSpread.REQUIRED });

  test('controllers are restricted to the zones and spread evenly across them, and need no rack', () => {
    const ctrl = findObject(objects, 'StatefulSet', 'k-controller');
    expect(pod(ctrl).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms)
      .toEqual([{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ZONES }] }]);
    expect(pod(ctrl).affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels).toEqual(CONTROLLERS);
    expect(pod(ctrl).topologySpreadConstraints).toEqual([{
      maxSkew: 1, minDomains: 3, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: CONTROLLERS },
    }]);
    expect(pod(ctrl).initContainers).toBeUndefined();
    expect(findObject(objects, 'PodDisruptionBudget', 'k-controller').spec.maxUnavailable).toBe(1);
  });

  test('brokers are broker-only, any number of them (the spread keeps the zones within one broker of each other)', () => {
    const sts = findObject(objects, 'StatefulSet', 'k-kafka');
    expect(sts.spec.replicas).toBe(4);
    expect(serverProperties(objects, 'k-kafka-config')['process.roles']).toBe('broker');
    expect(pod(sts).affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels).toEqual(BROKERS);
  });
});

describe('KafkaBrokers with zones, ZooKeeper mode', () => {
  const chart = new Chart(new App(), 'c', { namespace: 'kafka' });
  const zookeeper = new ZookeeperEnsemble(chart, 'zk', { name: 'zookeeper' });
  new KafkaBrokers(chart, 'kafka', { clusterName: 'k', mode: KafkaMode.ZOOKEEPER, zookeeper, zones: ['a', 'b', 'c'] });
  const objects = expectAllValid(chart.toJson());

  test('the rack is an override of the direct start, read from the init container\'s file', () => {
    const sts = findObject(objects, 'StatefulSet', 'k-kafka');
    expect(script(sts)).toContain("RACK=$(sed -n 's/^broker\\.rack=//p' /etc/kafka/runtime/rack.properties)");
    expect(script(sts)).toContain('--override "broker.rack=$RACK"');
    expect(pod(sts).volumes.map((v: any) => v.name)).toContain('runtime-config');
  });

  test('ZooKeeper admits the brokers', () => {
    const np = findObject(objects, 'NetworkPolicy', 'zookeeper');
    expect(np.spec.ingress[1].from).toEqual([{ podSelector: { matchLabels: BROKERS } }]);
  });
});

describe('KafkaBrokers zones options', () => {
  test('zoneTopologyKey names the node label of the affinity, the spread and the init container', () => {
    const { objects } = brokers({ zones: ['x', 'y', 'z'], zoneTopologyKey: 'example.com/rack', controllers: { replicas: 3 } });
    for (const sts of findObjects(objects, 'StatefulSet')) {
      expect(pod(sts).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key).toBe('example.com/rack');
    }
    const broker = findObject(objects, 'StatefulSet', 'k-kafka');
    expect(pod(broker).initContainers[0].env).toContainEqual({ name: 'ZONE_LABEL', value: 'example.com/rack' });
  });

  test('a replica.selector.class in config wins over the default', () => {
    const { objects } = brokers({ zones: ['x', 'y', 'z'], config: { 'replica.selector.class': 'com.example.Selector' } });
    expect(serverProperties(objects, 'k-kafka-config')['replica.selector.class']).toBe('com.example.Selector');
  });

  test('nodeSelector, tolerations and NodeSpread.NONE combine with the zone affinity', () => {
    const { objects } = brokers({
      zones: ['x', 'y', 'z'], nodeSpread: NodeSpread.NONE, nodeSelector: { pool: 'kafka' }, tolerations: [{ key: 'dedicated', value: 'kafka', effect: 'NoSchedule' }],
    });
    const p = pod(findObject(objects, 'StatefulSet', 'k-kafka'));
    expect(Object.keys(p.affinity)).toEqual(['nodeAffinity']);
    expect(p.nodeSelector).toEqual({ pool: 'kafka' });
    expect(p.tolerations).toEqual([{ key: 'dedicated', value: 'kafka', effect: 'NoSchedule' }]);
  });

  test('external listeners: per-broker Services select the broker\'s pod by name', () => {
    const { objects } = brokers({ brokers: 3, zones: ['a', 'b'], listeners: [{ name: 'plain', port: 9092 }, { name: 'np', port: 9095, type: ListenerType.NODE_PORT, nodePortBase: 31090 }] });
    for (let i = 0; i < 3; i++) {
      expect(findObject(objects, 'Service', `k-kafka-np-${i}`).spec.selector['statefulset.kubernetes.io/pod-name']).toBe(`k-kafka-${i}`);
    }
  });

  test('without zones nothing of rack awareness appears', () => {
    const { objects } = brokers({ controllers: { replicas: 3 } });
    const text = JSON.stringify(objects);
    for (const s of ['broker.rack', 'replica.selector.class', 'nodeAffinity', 'NodeZone', 'ClusterRole', 'serviceAccountName']) expect(text).not.toContain(s);
  });

  test('the committed NodeZone.class is compiled from the committed NodeZone.java (npm run gen:node-zone)', () => {
    const source = fs.readFileSync(path.join(__dirname, '..', 'lib', 'raw', 'node-zone', 'NodeZone.java'));
    const { NODE_ZONE_SOURCE_SHA256 } = require('../lib/raw/node-zone/node-zone-class');
    expect(require('crypto').createHash('sha256').update(source).digest('hex')).toBe(NODE_ZONE_SOURCE_SHA256);
  });
});
