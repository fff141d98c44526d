import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { ListenerType, selectorLabels } from '../lib/kafka';
import { KafkaBrokers, KafkaBrokersProps, KafkaTopicsJob, NodeSpread, ZookeeperEnsemble } from '../lib/raw';
import { BROKER_ZONE_LABEL } from '../lib/raw/raw-layout';
import { RACK_AWARE_REPLICA_SELECTOR } from '../lib/raw/server-properties';
import { serverProperties } from './support/kafka-objects';
import { restrictedViolations } from './support/pod-security';
import { inlineSecretFindings } from './support/secrets';
import { expectAllValid, findObject, findObjects } from './support/validate';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function newChart(): Chart {
  return new Chart(new App({ outdir: '/tmp/cdk8s-kafka-raw-rack' }), 'c', { namespace: 'kafka' });
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
const brokerSets = (objects: any[]) => findObjects(objects, 'StatefulSet').filter(s => s.metadata.labels['app.kubernetes.io/component'] === 'broker');
/** Pod name of each broker, index = node id. */
const podNamesById = (objects: any[]) => brokerPods(objects).sort((a, b) => a.id - b.id).map(p => p.pod);
const CONTROLLER_SELECTOR = selectorLabels('kafka', 'k', 'controller');
const selects = (selector: { [k: string]: string }, labels: { [k: string]: string }) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * Every broker pod the StatefulSets will create, with the node id its script computes
 * (evaluating the script's `NODE_ID=$((ORDINAL * Z + z))` line, or the ordinal without zones).
 */
function brokerPods(objects: any[]): { pod: string; id: number; sts: any }[] {
  return brokerSets(objects).flatMap(sts => {
    const m = /^NODE_ID=\$\(\(ORDINAL \* (\d+) \+ (\d+)\)\)$/m.exec(script(sts));
    return Array.from({ length: sts.spec.replicas }, (_, ordinal) => ({
      pod: `${sts.metadata.name}-${ordinal}`,
      id: m ? ordinal * Number(m[1]) + Number(m[2]) : ordinal,
      sts,
    }));
  });
}

describe('KafkaBrokers with zones, KRaft combined', () => {
  const { cluster, objects } = brokers({ brokers: 9, zones: ZONES });

  test('one broker StatefulSet per zone, pinned to its zone, with its own selector', () => {
    const sets = brokerSets(objects);
    expect(sets.map(s => s.metadata.name)).toEqual(['k-kafka-z0', 'k-kafka-z1', 'k-kafka-z2']);
    expect(findObjects(objects, 'StatefulSet', 'k-kafka')).toEqual([]);
    sets.forEach((sts, z) => {
      expect(sts.spec.replicas).toBe(3);
      expect(sts.spec.serviceName).toBe('k-kafka-brokers');
      expect(sts.spec.podManagementPolicy).toBe('Parallel');
      expect(sts.spec.selector.matchLabels).toEqual({ ...cluster.brokerSelector, [BROKER_ZONE_LABEL]: ZONES[z] });
      expect(selects(sts.spec.selector.matchLabels, sts.spec.template.metadata.labels)).toBe(true);
      expect(sts.metadata.labels[BROKER_ZONE_LABEL]).toBe(ZONES[z]);
      const pod = sts.spec.template.spec;
      expect(pod.affinity.nodeAffinity).toEqual({
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [ZONES[z]] }] }],
        },
      });
      // Node spreading still covers every broker of the cluster, whatever its zone.
      expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels).toEqual(cluster.brokerSelector);
      expect(pod.topologySpreadConstraints).toEqual([
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: cluster.brokerSelector } },
      ]);
      expect(pod.containers[0].env).toContainEqual({ name: 'CLUSTER_ID', value: cluster.clusterId });
    });
  });

  test('each zone sets broker.rack to its zone and derives interleaved node ids', () => {
    brokerSets(objects).forEach((sts, z) => {
      expect(script(sts)).toContain(`NODE_ID=$((ORDINAL * 3 + ${z}))\n`);
      expect(script(sts)).toContain(`printf 'node.id=%s\\nbroker.rack=%s\\nadvertised.listeners=%s\\n' "$NODE_ID" '${ZONES[z]}' `);
      expect(script(sts)).toContain('"PLAIN://$HOSTNAME.k-kafka-brokers.kafka.svc.cluster.local:9092,REPLICATION://$HOSTNAME.k-kafka-brokers.kafka.svc.cluster.local:9094"');
    });
  });

  test('node ids are unique, cover 0..n-1 and match brokerPodNames; consecutive ids sit in different zones', () => {
    const pods = brokerPods(objects);
    expect(pods.map(p => p.id).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(podNamesById(objects)).toEqual(['k-kafka-z0-0', 'k-kafka-z1-0', 'k-kafka-z2-0', 'k-kafka-z0-1', 'k-kafka-z1-1', 'k-kafka-z2-1', 'k-kafka-z0-2', 'k-kafka-z1-2', 'k-kafka-z2-2']);
    const zoneOf = (id: number) => pods.find(p => p.id === id)!.sts.metadata.labels[BROKER_ZONE_LABEL];
    for (let id = 0; id + 1 < 9; id++) expect(zoneOf(id)).not.toBe(zoneOf(id + 1));
    expect(cluster.brokerCount).toBe(9);
  });

  test('quorum voters are every broker, each at the pod that carries its id', () => {
    const pods = brokerPods(objects);
    const voters = serverProperties(objects, 'k-kafka-config')['controller.quorum.voters'].split(',');
    expect(voters).toHaveLength(9);
    for (const v of voters) {
      const m = /^(\d+)@([a-z0-9-]+)\.k-kafka-brokers\.kafka\.svc\.cluster\.local:9093$/.exec(v)!;
      expect(m).not.toBeNull();
      expect(pods.find(p => p.pod === m[2])!.id).toBe(Number(m[1]));
    }
    expect(properties(objects, 'k-kafka-config')).toContain('process.roles=broker,controller\n');
  });

  test('one shared ConfigMap with the rack-aware replica selector and no static broker.rack', () => {
    const props = properties(objects, 'k-kafka-config');
    expect(props).toContain(`replica.selector.class=${RACK_AWARE_REPLICA_SELECTOR}\n`);
    expect(props).not.toContain('broker.rack');
    brokerSets(objects).forEach(sts => expect(sts.spec.template.spec.volumes).toContainEqual({ name: 'static-config', configMap: { name: 'k-kafka-config' } }));
  });

  test('Services, PDB and NetworkPolicy are the ones of the same cluster without zones, and select every zone', () => {
    const plain = brokers({ brokers: 9 });
    const others = (objs: any[]) => objs.filter(o => o.kind !== 'StatefulSet' && o.kind !== 'ConfigMap');
    expect(others(objects)).toEqual(others(plain.objects));
    expect(cluster.clientListeners).toEqual(plain.cluster.clientListeners);
    const pdb = findObject(objects, 'PodDisruptionBudget', 'k-kafka');
    expect(pdb.spec.maxUnavailable).toBe(findObject(plain.objects, 'PodDisruptionBudget', 'k-kafka').spec.maxUnavailable);
    const selectors = [
      pdb.spec.selector.matchLabels,
      findObject(objects, 'NetworkPolicy', 'k-kafka').spec.podSelector.matchLabels,
      findObject(objects, 'NetworkPolicy', 'k-kafka').spec.ingress[0].from[0].podSelector.matchLabels,
      findObject(objects, 'Service', 'k-kafka-brokers').spec.selector,
      findObject(objects, 'Service', 'k-kafka-bootstrap').spec.selector,
    ];
    for (const sel of selectors) {
      for (const sts of brokerSets(objects)) expect(selects(sel, sts.spec.template.metadata.labels)).toBe(true);
    }
    expect(findObjects(objects, 'PodDisruptionBudget')).toHaveLength(1);
  });

  test('names stay within Kubernetes limits for the longest cluster name', () => {
    const zones = Array.from({ length: 12 }, (_, i) => `zone-${i}`);
    const { objects: long } = brokers({ clusterName: 'a'.repeat(40), brokers: 24, controllers: { replicas: 3 }, zones });
    for (const sts of brokerSets(long)) {
      // The controller-revision-hash label value is the StatefulSet name plus 11 characters (≤ 63).
      expect(sts.metadata.name.length).toBeLessThanOrEqual(52);
    }
    for (const p of brokerPods(long)) expect(p.pod.length).toBeLessThanOrEqual(63);
    expect(brokerPods(long).map(p => p.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  test('deterministic: two synths are identical', () => {
    expect(JSON.stringify(brokers({ brokers: 9, zones: ZONES }).objects)).toBe(JSON.stringify(objects));
  });

  test('snapshot of one zone\'s StatefulSet', () => {
    expect(findObject(objects, 'StatefulSet', 'k-kafka-z1')).toMatchSnapshot();
  });
});

describe('KafkaBrokers with zones and dedicated controllers', () => {
  const { cluster, objects } = brokers({ brokers: 3, zones: ZONES, controllers: { replicas: 3 }, nodeSpread: NodeSpread.REQUIRED });

  test('controllers are restricted to the zones and spread evenly across them', () => {
    const pod = findObject(objects, 'StatefulSet', 'k-controller').spec.template.spec;
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual(
      [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ZONES }] }]);
    expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels).toEqual(CONTROLLER_SELECTOR);
    expect(pod.topologySpreadConstraints).toEqual([{
      maxSkew: 1, minDomains: 3, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: CONTROLLER_SELECTOR },
    }]);
    expect(findObject(objects, 'PodDisruptionBudget', 'k-controller').spec.maxUnavailable).toBe(1);
  });

  test('voters are the controllers; brokers are broker-only, one per zone, with required node anti-affinity', () => {
    expect(serverProperties(objects, 'k-kafka-config')['controller.quorum.voters'])
      .toBe([0, 1, 2].map(i => `${1000 + i}@k-controller-${i}.k-controllers.kafka.svc.cluster.local:9093`).join(','));
    expect(properties(objects, 'k-kafka-config')).toContain('process.roles=broker\n');
    expect(properties(objects, 'k-controller-config')).not.toContain('replica.selector.class');
    const sets = brokerSets(objects);
    expect(sets.map(s => s.spec.replicas)).toEqual([1, 1, 1]);
    for (const sts of sets) {
      expect(sts.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels).toEqual(cluster.brokerSelector);
      expect(sts.spec.template.spec.containers[0].ports.map((p: any) => p.name)).toEqual(['plain', 'replication']);
    }
    expect(brokerPods(objects).map(p => p.id).sort()).toEqual([0, 1, 2]);
  });
});

describe('KafkaBrokers with zones, ZooKeeper mode', () => {
  const chart = newChart();
  const zookeeper = new ZookeeperEnsemble(chart, 'zk', { name: 'zookeeper', spreadAcrossZones: true });
  const cluster = new KafkaBrokers(chart, 'kafka', { clusterName: 'k', zookeeper, brokers: 4, zones: ['a', 'b'] });
  new KafkaTopicsJob(chart, 'topics', { cluster, topics: [{ topicName: 'orders', replicas: 3 }] });
  const objects = objectsOf(chart);

  test('broker.id and broker.rack are overrides of the direct start', () => {
    brokerSets(objects).forEach((sts, z) => {
      expect(script(sts)).toContain(`NODE_ID=$((ORDINAL * 2 + ${z}))\n`);
      expect(script(sts)).toContain(`--override "broker.id=$NODE_ID" --override 'broker.rack=${['a', 'b'][z]}' --override "advertised.listeners=`);
    });
    expect(brokerPods(objects).map(p => p.id).sort()).toEqual([0, 1, 2, 3]);
    expect(properties(objects, 'k-kafka-config')).toContain(`replica.selector.class=${RACK_AWARE_REPLICA_SELECTOR}\n`);
    expect(properties(objects, 'k-kafka-config')).toContain('zookeeper.connect=');
  });

  test('ZooKeeper admits the brokers of every zone', () => {
    const np = findObject(objects, 'NetworkPolicy', 'zookeeper');
    const froms = np.spec.ingress.flatMap((r: any) => r.from ?? []).map((f: any) => f.podSelector?.matchLabels).filter(Boolean);
    for (const sts of brokerSets(objects)) {
      expect(froms.some((sel: any) => selects(sel, sts.spec.template.metadata.labels))).toBe(true);
    }
  });
});

describe('KafkaBrokers with zones and external listeners', () => {
  const { objects } = brokers({
    brokers: 4,
    controllers: { replicas: 3 },
    zones: ['a', 'b'],
    listeners: [
      { name: 'plain', port: 9092 },
      { name: 'np', port: 9095, type: ListenerType.NODE_PORT, nodePortBase: 31090 },
      { name: 'lb', port: 9096, type: ListenerType.LOAD_BALANCER, advertisedHosts: ['h0.example.com', 'h1.example.com', 'h2.example.com', 'h3.example.com'] },
    ],
  });

  test('per-broker Services select the pod of broker i and use nodePortBase + i', () => {
    for (let i = 0; i < 4; i++) {
      const np = findObject(objects, 'Service', `k-kafka-np-${i}`);
      expect(np.spec.selector['statefulset.kubernetes.io/pod-name']).toBe(podNamesById(objects)[i]);
      expect(np.spec.ports[0].nodePort).toBe(31090 + i);
      expect(findObject(objects, 'Service', `k-kafka-lb-${i}`).spec.selector['statefulset.kubernetes.io/pod-name']).toBe(podNamesById(objects)[i]);
    }
  });

  test('the script, run by bash in pod k-kafka-z1-1, writes node id 3, its rack and its addresses', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kafka-rack-'));
    try {
      fs.mkdirSync(path.join(dir, 'static'));
      fs.mkdirSync(path.join(dir, 'runtime'));
      fs.writeFileSync(path.join(dir, 'static', 'server.properties'), 'static=1\n');
      const body = script(findObject(objects, 'StatefulSet', 'k-kafka-z1'))
        .replace(/\/etc\/kafka\/cdk8s/g, path.join(dir, 'static'))
        .replace(/\/etc\/kafka\/runtime/g, path.join(dir, 'runtime'))
        .replace(/^\/opt\/kafka\/bin\/kafka-storage\.sh .*$/m, ':')
        .replace(/^exec \/opt\/kafka\/bin\/kafka-server-start\.sh .*$/m, 'cat "$CONFIG"');
      const out = execFileSync('bash', ['-c', body], { env: { PATH: process.env.PATH, HOSTNAME: 'k-kafka-z1-1', HOST_IP: '10.0.0.7' }, encoding: 'utf8' });
      expect(out).toBe([
        'static=1',
        'node.id=3',
        'broker.rack=b',
        'advertised.listeners=PLAIN://k-kafka-z1-1.k-kafka-brokers.kafka.svc.cluster.local:9092,NP://10.0.0.7:31093,'
          + 'LB://h3.example.com:9096,REPLICATION://k-kafka-z1-1.k-kafka-brokers.kafka.svc.cluster.local:9094',
        '',
      ].join('\n'));
      expect(podNamesById(objects)[3]).toBe('k-kafka-z1-1');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('advertised addresses are chosen by node id, not by ordinal', () => {
    for (const sts of brokerSets(objects)) {
      expect(script(sts)).toContain('NP://$HOST_IP:$((31090 + NODE_ID))');
      expect(script(sts)).toContain('case "$NODE_ID" in\n  0) EXT_HOST_LB=\'h0.example.com\' ;;');
      expect(script(sts)).toContain('LB://$EXT_HOST_LB:9096');
      expect(script(sts)).not.toContain('ORDINAL))');
    }
  });
});

describe('KafkaBrokers zones options', () => {
  test('zoneTopologyKey names the node label of the affinity', () => {
    const { objects } = brokers({ zones: ['x', 'y', 'z'], zoneTopologyKey: 'example.com/rack', controllers: { replicas: 3 } });
    for (const sts of findObjects(objects, 'StatefulSet')) {
      const terms = sts.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
      expect(terms[0].matchExpressions[0].key).toBe('example.com/rack');
    }
    const spread = findObject(objects, 'StatefulSet', 'k-controller').spec.template.spec.topologySpreadConstraints;
    expect(spread.map((c: any) => c.topologyKey)).toEqual(['kubernetes.io/hostname', 'example.com/rack']);
  });

  test('a replica.selector.class in config wins over the default', () => {
    const { objects } = brokers({ zones: ['x', 'y', 'z'], config: { 'replica.selector.class': 'com.example.Selector' } });
    expect(serverProperties(objects, 'k-kafka-config')['replica.selector.class']).toBe('com.example.Selector');
  });

  test('nodeSelector, tolerations and NodeSpread.NONE combine with the zone affinity', () => {
    const { objects } = brokers({
      zones: ['x', 'y', 'z'], nodeSpread: NodeSpread.NONE, nodeSelector: { pool: 'kafka' }, tolerations: [{ key: 'dedicated', value: 'kafka', effect: 'NoSchedule' }],
    });
    for (const sts of brokerSets(objects)) {
      const pod = sts.spec.template.spec;
      expect(Object.keys(pod.affinity)).toEqual(['nodeAffinity']);
      expect(pod.topologySpreadConstraints).toBeUndefined();
      expect(pod.nodeSelector).toEqual({ pool: 'kafka' });
      expect(pod.tolerations).toEqual([{ key: 'dedicated', value: 'kafka', effect: 'NoSchedule' }]);
    }
  });

  test('without zones nothing of rack awareness appears', () => {
    const { objects } = brokers({ controllers: { replicas: 3 } });
    expect(podNamesById(objects)).toEqual(['k-kafka-0', 'k-kafka-1', 'k-kafka-2']);
    const text = JSON.stringify(objects);
    for (const s of [BROKER_ZONE_LABEL, 'broker.rack', 'replica.selector.class', 'nodeAffinity']) expect(text).not.toContain(s);
    // Broker ids are the ordinals (controllers count from 1000).
    for (const sts of brokerSets(objects)) expect(script(sts)).not.toContain('NODE_ID=');
    expect(brokerSets(objects).map(s => s.metadata.name)).toEqual(['k-kafka']);
  });
});
