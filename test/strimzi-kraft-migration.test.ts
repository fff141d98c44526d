/**
 * Strimzi 0.45's ZooKeeper-to-KRaft migration as StrimziCluster phases (kraftMigration): the
 * annotations and node pools of each phase, the names Strimzi requires (broker pool `kafka`),
 * strict validity against the 0.45.2 CRDs, and every refusal.
 */
import { App, Chart } from 'cdk8s';
import { KafkaStorage } from '../lib/kafka';
import { StrimziCluster, StrimziClusterProps, StrimziKraftMigration, StrimziVersion } from '../lib/strimzi';
import { chartObjects, expectAllValid, findObject, findObjects } from './support/validate';

/** Flux never prunes the Kafka resource (the operator would delete the cluster). */
const KEEP = { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' };

const base: StrimziClusterProps = { version: StrimziVersion.V0_45_2, kafkaVersion: '3.9.1', zookeeper: {} };

function render(props: StrimziClusterProps) {
  const c = new Chart(new App(), 'test', { namespace: 'kafka' });
  new StrimziCluster(c, 'my-cluster', { ...base, ...props });
  return expectAllValid(chartObjects(c));
}
const build = (props: StrimziClusterProps) => () => new StrimziCluster(new Chart(new App(), 'test', { namespace: 'kafka' }), 'my-cluster', { ...base, ...props });
const pools = (objs: any[]) => findObjects(objs, 'KafkaNodePool').map(p => ({
  name: p.metadata.name, roles: p.spec.roles, replicas: p.spec.replicas, ids: p.metadata.annotations?.['strimzi.io/next-node-ids'],
}));

describe('kraftMigration phases', () => {
  test('no phase: the ZooKeeper cluster without node pools or Strimzi annotations (as before)', () => {
    const objs = render({});
    expect(findObject(objs, 'Kafka', 'my-cluster').metadata.annotations).toEqual(KEEP);
    expect(pools(objs)).toEqual([]);
  });

  test('NODE_POOLS: the brokers in a pool named kafka, same replicas, storage and resources as spec.kafka; still ZooKeeper', () => {
    const storage = KafkaStorage.jbod([{ size: '200Gi' }, { size: '200Gi' }]);
    const objs = render({ kraftMigration: StrimziKraftMigration.NODE_POOLS, brokers: 5, storage });
    const kafka = findObject(objs, 'Kafka', 'my-cluster');
    expect(kafka.metadata.annotations).toEqual({ ...KEEP, 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'disabled' });
    expect(kafka.spec.zookeeper.replicas).toBe(3);
    expect(kafka.spec.kafka.metadataVersion).toBeUndefined();
    expect(pools(objs)).toEqual([{ name: 'kafka', roles: ['broker'], replicas: 5, ids: undefined }]);
    const pool = findObject(objs, 'KafkaNodePool', 'kafka');
    expect(pool.metadata.labels).toEqual({ 'strimzi.io/cluster': 'my-cluster' });
    for (const field of ['replicas', 'storage', 'resources', 'jvmOptions']) expect({ field, value: pool.spec[field] }).toEqual({ field, value: kafka.spec.kafka[field] });
  });

  test('the NODE_POOLS phase changes nothing of the Kafka spec: no pod restarts', () => {
    const before = findObject(render({}), 'Kafka', 'my-cluster');
    const after = findObject(render({ kraftMigration: StrimziKraftMigration.NODE_POOLS }), 'Kafka', 'my-cluster');
    expect(after.spec).toEqual(before.spec);
  });

  test.each([
    [StrimziKraftMigration.MIGRATION, 'migration'],
    [StrimziKraftMigration.ENABLED, 'enabled'],
    [StrimziKraftMigration.ROLLBACK, 'rollback'],
  ])('%s: dedicated controllers beside the kafka pool, annotation strimzi.io/kraft: %s, spec.zookeeper kept', (phase, value) => {
    const objs = render({ kraftMigration: phase, controllers: { replicas: 3 } });
    const kafka = findObject(objs, 'Kafka', 'my-cluster');
    expect(kafka.metadata.annotations).toEqual({ ...KEEP, 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': value });
    expect(kafka.spec.zookeeper.replicas).toBe(3);
    expect(kafka.spec.kafka.replicas).toBe(3);
    // Controllers first; brokers keep ids 0..n-1 (the ZooKeeper broker ids), controllers get fresh ones.
    expect(pools(objs)).toEqual([
      { name: 'controller', roles: ['controller'], replicas: 3, ids: '[1000-1999]' },
      { name: 'kafka', roles: ['broker'], replicas: 3, ids: '[0-999]' },
    ]);
    expect(findObject(objs, 'KafkaNodePool', 'controller').spec.storage).toEqual({ type: 'persistent-claim', size: '20Gi', deleteClaim: false });
  });

  test('the controller pool may be renamed; the broker pool stays kafka', () => {
    const objs = render({ kraftMigration: StrimziKraftMigration.MIGRATION, controllers: { replicas: 3 }, nodePoolNames: { controller: 'voters', broker: 'kafka' } });
    expect(pools(objs).map(p => p.name)).toEqual(['voters', 'kafka']);
  });

  test('after KRaft: zookeeper and kraftMigration removed, controllers and nodePoolNames.broker "kafka" kept = the same pools, byte for byte', () => {
    const during = findObjects(render({ kraftMigration: StrimziKraftMigration.ENABLED, controllers: { replicas: 3 } }), 'KafkaNodePool');
    const c = new Chart(new App(), 'test', { namespace: 'kafka' });
    new StrimziCluster(c, 'my-cluster', { version: StrimziVersion.V0_45_2, kafkaVersion: '3.9.1', controllers: { replicas: 3 }, nodePoolNames: { broker: 'kafka' } });
    const objs = expectAllValid(chartObjects(c));
    expect(findObjects(objs, 'KafkaNodePool')).toEqual(during);
    const kafka = findObject(objs, 'Kafka', 'my-cluster');
    expect(kafka.metadata.annotations).toEqual({ ...KEEP, 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': 'enabled' });
    expect(kafka.spec.kafka.metadataVersion).toBe('3.9-IV0');
  });
});

describe('kraftMigration refusals', () => {
  test('a phase without zookeeper', () => {
    expect(build({ zookeeper: undefined, controllers: { replicas: 3 }, kraftMigration: StrimziKraftMigration.ENABLED })).toThrow(
      'test/my-cluster: invalid kraftMigration: got "enabled"; allowed: a phase only while zookeeper is set (the migration moves a ZooKeeper cluster). '
      + 'Fix: add the cluster\'s zookeeper prop back until the state is KRaft; after that, remove kraftMigration as well');
    expect(build({ version: StrimziVersion.V0_47_0, zookeeper: undefined, controllers: { replicas: 3 }, kraftMigration: StrimziKraftMigration.MIGRATION })).toThrow(
      'test/my-cluster: invalid kraftMigration: got "migration"; allowed: a phase only while zookeeper is set (the migration moves a ZooKeeper cluster). '
      + 'Fix: migrate on Strimzi 0.45 (version: StrimziVersion.V0_45_2): Strimzi 0.47.0 has no ZooKeeper; once migrated, remove kraftMigration');
  });

  test('an unknown phase', () => {
    expect(build({ kraftMigration: 'done' as StrimziKraftMigration })).toThrow(
      'test/my-cluster: invalid kraftMigration: got "done"; allowed: node-pools, migration, enabled, rollback. Fix: use a StrimziKraftMigration member');
  });

  test('the migration without dedicated controllers (Strimzi does not migrate to dual-role nodes)', () => {
    expect(build({ kraftMigration: StrimziKraftMigration.MIGRATION })).toThrow(
      'test/my-cluster: invalid controllers: got undefined; allowed: dedicated controllers in the migration phase (Strimzi migrates to dedicated controller nodes only, not to dual-role nodes). '
      + 'Fix: add controllers: { replicas: 3 } (with persistent storage)');
  });

  test('controllers already in the node-pools phase', () => {
    expect(build({ kraftMigration: StrimziKraftMigration.NODE_POOLS, controllers: { replicas: 3 } })).toThrow(
      'test/my-cluster: invalid controllers: got {"replicas":3}; allowed: no controllers in the node-pools phase (they come with the migration). '
      + 'Fix: remove controllers until kraftMigration is StrimziKraftMigration.MIGRATION');
  });

  test('controllers on a ZooKeeper cluster without a migration phase (as before)', () => {
    expect(build({ controllers: { replicas: 3 } })).toThrow(
      'test/my-cluster: invalid controllers: got {"replicas":3}; allowed: no controllers in ZooKeeper mode (controllers are a KRaft concept). Fix: remove controllers or drop the zookeeper prop');
  });

  test('a broker pool not named kafka, or a dual-role pool', () => {
    expect(build({ kraftMigration: StrimziKraftMigration.MIGRATION, controllers: { replicas: 3 }, nodePoolNames: { broker: 'broker' } })).toThrow(
      'test/my-cluster: invalid nodePoolNames.broker: got "broker"; allowed: "kafka" (Strimzi keeps the broker pods, their claims and ids only in a pool of that name). '
      + 'Fix: set nodePoolNames.broker to "kafka", or leave it unset, and keep it after the migration');
    expect(build({ kraftMigration: StrimziKraftMigration.NODE_POOLS, nodePoolNames: { dualRole: 'nodes' } })).toThrow(
      'test/my-cluster: invalid nodePoolNames.dualRole: got "nodes"; allowed: unset during a KRaft migration (the migration needs dedicated controllers). Fix: remove nodePoolNames.dualRole');
  });

  test('an even controller quorum is refused in the migration as anywhere', () => {
    expect(build({ kraftMigration: StrimziKraftMigration.MIGRATION, controllers: { replicas: 2 } })).toThrow(/test\/my-cluster: invalid controllers\.replicas: got 2/);
  });
});
