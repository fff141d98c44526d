/**
 * `npm run plan` on Strimzi operator steps (the HelmRelease's chart version): what Strimzi or the
 * API server refuses on the way from 0.45 to 1.x (docs/upgrade.md), the v1 switch, downgrades.
 */
import { App, Chart } from 'cdk8s';
import { buildStrimziDeployment } from '../app/strimzi';
import { StrimziApiVersion, StrimziClusterProps, StrimziKraftMigration, StrimziVersion } from '../lib/strimzi';
import { StrimziChartRepository, StrimziOperator } from '../lib/strimzi/strimzi-operator';
import { identity, K8sObject } from '../tools/plan/objects';
import { Plan, planObjects } from '../tools/plan/plan';

/** Objects of an operator at `operator` and the flavour's cluster on `cluster`, without synth checks (outputs may come from anywhere). */
function objects(operator: StrimziVersion, cluster: StrimziVersion, props: StrimziClusterProps = {}, repository = StrimziChartRepository.HELM): Map<string, K8sObject> {
  const deployment = new App();
  buildStrimziDeployment(deployment, cluster, props);
  const op = new App();
  new StrimziOperator(new Chart(op, 'operator'), 'strimzi', { version: operator, watchNamespaces: ['kafka'], repository });
  const ofOperator = (o: K8sObject) => o.metadata.namespace === 'strimzi-system' || o.metadata.name === 'strimzi-system';
  const all = [...deployment.charts.flatMap(c => c.toJson()).filter((o: K8sObject) => !ofOperator(o)), ...op.charts.flatMap(c => c.toJson())];
  return new Map(all.map((o: K8sObject) => [identity(o), o]));
}
const together = (plan: Plan) => plan.together.map(f => `${f.consequence}: ${f.detail}${f.wayOut ? ` | ${f.wayOut}` : ''}`);
const kraft = { controllers: { replicas: 3 } };

describe('plan: Strimzi operator steps', () => {
  test('from 0.45 with a ZooKeeper cluster: refused until the KRaft migration is done', () => {
    const plan = planObjects(objects(StrimziVersion.V0_45_2, StrimziVersion.V0_45_2, { zookeeper: {}, kafkaVersion: '3.9.1' }), objects(StrimziVersion.V0_47_0, StrimziVersion.V0_45_2, { zookeeper: {}, kafkaVersion: '3.9.1' }));
    expect(together(plan)).toEqual([
      'rejected: Strimzi operator 0.45.2 → 0.47.0: Kafka kafka/my-cluster is ZooKeeper-based or mid-migration; Strimzi 0.47.0 reconciles KRaft clusters only '
      + '| finish the ZooKeeper-to-KRaft migration on 0.45 first (kraftMigration phases, docs/upgrade.md)',
    ]);
    expect(plan.safe).toBe(false);
  });

  test('from Kafka 3.9.2, which no release from 0.46 to 0.51 knows', () => {
    const plan = planObjects(objects(StrimziVersion.V0_45_2, StrimziVersion.V0_45_2, kraft), objects(StrimziVersion.V0_47_0, StrimziVersion.V0_47_0, { ...kraft, kafkaVersion: '4.0.0' }));
    expect(together(plan)).toEqual([
      'rejected: Strimzi operator 0.45.2 → 0.47.0: Kafka kafka/my-cluster runs Kafka 3.9.2, which Strimzi 0.47.0 does not know and will not upgrade from '
      + '| on 0.45.2, move the cluster to Kafka 3.9.0 or 3.9.1 first (docs/upgrade.md)',
    ]);
  });

  test('to 1.x from before 0.49, or with v1beta2 resources left', () => {
    expect(together(planObjects(objects(StrimziVersion.V0_47_0, StrimziVersion.V0_47_0, kraft), objects(StrimziVersion.V1_0_1, StrimziVersion.V1_0_1, kraft)))).toEqual([
      'rejected: Strimzi operator 0.47.0 → 1.0.1: the 1.x CRDs serve only v1; resources are converted on 0.49-0.51, which 0.47.0 is not '
      + '| upgrade to 0.49.1, 0.50.1 or 0.51.0 first, render v1 there and run the conversion tool\'s crd-upgrade (docs/upgrade.md)',
    ]);
    const plan = planObjects(objects(StrimziVersion.V0_51_0, StrimziVersion.V0_51_0, kraft), objects(StrimziVersion.V1_0_1, StrimziVersion.V1_0_1, kraft));
    expect(together(plan)[0]).toMatch(/^rejected: Strimzi operator 0\.51\.0 → 1\.0\.1: Kafka kafka\/my-cluster, KafkaNodePool kafka\/controller, .* still use v1beta2, which 1\.0\.1 does not serve \| render v1 on 0\.51\.0 first \(version: StrimziVersion\.V0_51_0\.withApiVersion\(StrimziApiVersion\.V1\)\) and run crd-upgrade/);
  });

  test('within 1.x: the operator rolls the nodes; safe', () => {
    const plan = planObjects(objects(StrimziVersion.V1_0_1, StrimziVersion.V1_0_1, { kafkaVersion: '4.2.0' }), objects(StrimziVersion.V1_2_0, StrimziVersion.V1_2_0, { kafkaVersion: '4.2.0' }));
    expect(together(plan)).toEqual(['rolling-restart: Strimzi operator 1.0.1 → 1.2.0: the new operator rolls every Kafka node (new images), one at a time, keeping partitions in sync']);
    expect(plan.safe).toBe(true);
  });

  test('the release is read from the OCIRepository tag too', () => {
    const plan = planObjects(objects(StrimziVersion.V0_47_0, StrimziVersion.V0_47_0, kraft, StrimziChartRepository.OCI), objects(StrimziVersion.V1_2_0, StrimziVersion.V1_2_0, kraft, StrimziChartRepository.OCI));
    expect(together(plan)[0]).toMatch(/^rejected: Strimzi operator 0\.47\.0 → 1\.2\.0: the 1\.x CRDs serve only v1/);
  });

  test('downgrades: back below 0.49 from 1.x is refused; others follow Strimzi\'s downgrade procedure', () => {
    expect(together(planObjects(objects(StrimziVersion.V1_2_0, StrimziVersion.V1_2_0, kraft), objects(StrimziVersion.V0_48_0, StrimziVersion.V0_48_0, kraft)))).toEqual([
      'rejected: Strimzi operator 1.2.0 → 0.48.0: the 0.48.0 CRDs do not serve v1, the version every resource is stored in since 1.0 | stay on 1.x',
    ]);
    expect(together(planObjects(objects(StrimziVersion.V0_50_1, StrimziVersion.V0_50_1, kraft), objects(StrimziVersion.V0_49_1, StrimziVersion.V0_49_1, kraft)))).toEqual([
      'applied: Strimzi operator 0.50.1 → 0.49.1 is a downgrade: follow Strimzi\'s downgrade procedure for the Kafka versions and CRDs of 0.49.1',
    ]);
  });

  test('the v1 switch: applied where the running operator serves both versions, refused where it does not serve v1 yet', () => {
    const v1 = StrimziVersion.V0_49_1.withApiVersion(StrimziApiVersion.V1);
    const ok = planObjects(objects(StrimziVersion.V0_49_1, StrimziVersion.V0_49_1, kraft), objects(StrimziVersion.V0_49_1, v1, kraft));
    expect(ok.safe).toBe(true);
    expect(ok.objects.find(o => o.object === 'Kafka kafka/my-cluster')!.findings.map(f => f.consequence)).toEqual(['applied']);
    const early = planObjects(objects(StrimziVersion.V0_47_0, StrimziVersion.V0_47_0, { ...kraft, kafkaVersion: '4.0.0' }), objects(StrimziVersion.V0_49_1, v1, { ...kraft, kafkaVersion: '4.0.0' }));
    expect(early.objects.find(o => o.object === 'Kafka kafka/my-cluster')!.findings.map(f => `${f.consequence}: ${f.wayOut}`)).toEqual([
      'rejected: upgrade the Strimzi operator through the intermediate releases first (docs/upgrade.md, Strimzi 0.45 to 1.x)',
    ]);
  });
});


describe('plan: the Kafka resource along the migration', () => {
  const cluster = (props: StrimziClusterProps) => objects(StrimziVersion.V0_45_2, StrimziVersion.V0_45_2, props);
  const zk = { zookeeper: {}, kafkaVersion: '3.9.1' };
  const findings = (plan: Plan) => plan.objects.find(o => o.object === 'Kafka kafka/my-cluster')!.findings.map(f => `${f.consequence}: ${f.detail}`);

  test('a patch downgrade keeps the protocol and metadata versions: a roll; a minor downgrade stays data at risk', () => {
    expect(findings(planObjects(cluster({ ...zk, kafkaVersion: '3.9.2' }), cluster(zk)))).toEqual([
      'rolling-restart: Kafka kafka/my-cluster: Kafka 3.9.2 → 3.9.1 is a patch downgrade within 3.9 (same protocol and metadata versions): the operator rolls every node to 3.9.1',
    ]);
    expect(findings(planObjects(cluster(zk), cluster({ ...zk, kafkaVersion: '3.8.1' })))[0]).toMatch(/^data-at-risk: Kafka kafka\/my-cluster: Kafka 3\.9\.1 → 3\.8\.1 is a downgrade/);
  });

  test('the strimzi.io/kraft phases: what the operator does in each', () => {
    const migration = cluster({ ...zk, ...kraft, kraftMigration: StrimziKraftMigration.MIGRATION });
    expect(findings(planObjects(cluster({ ...zk, kraftMigration: StrimziKraftMigration.NODE_POOLS }), migration))).toEqual([
      'rolling-restart: Kafka kafka/my-cluster: strimzi.io/kraft disabled → migration: the operator creates the controllers and rolls the brokers twice while it copies the metadata from ZooKeeper; '
      + 'wait for status.kafkaMetadataState KRaftPostMigration (docs/upgrade.md)',
    ]);
    expect(findings(planObjects(migration, cluster({ ...zk, ...kraft, kraftMigration: StrimziKraftMigration.ENABLED })))[0]).toMatch(/^rolling-restart: .*migration → enabled: .*no way back to ZooKeeper/);
    expect(findings(planObjects(migration, cluster({ ...zk, ...kraft, kraftMigration: StrimziKraftMigration.ROLLBACK })))[0]).toMatch(/^rolling-restart: .*migration → rollback: the operator rolls the brokers back to ZooKeeper/);
  });

  test('spec.zookeeper removed after strimzi.io/kraft: enabled ends the migration; removed otherwise, data at risk', () => {
    const enabled = cluster({ ...zk, ...kraft, kraftMigration: StrimziKraftMigration.ENABLED });
    const done = cluster({ kafkaVersion: '3.9.1', ...kraft, nodePoolNames: { broker: 'kafka' } });
    const plan = planObjects(enabled, done);
    expect(plan.safe).toBe(true);
    expect(findings(plan)[0]).toBe('applied: Kafka kafka/my-cluster: spec.zookeeper is removed after the migration (strimzi.io/kraft: enabled): the operator already runs KRaft and has deleted the ensemble; do this once the state is KRaft');
    const jump = planObjects(cluster(zk), done);
    expect(findings(jump)).toContainEqual('data-at-risk: Kafka kafka/my-cluster: spec.zookeeper is removed: the metadata mode changes');
    expect(jump.safe).toBe(false);
  });
});
