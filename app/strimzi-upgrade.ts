import { App, Chart } from 'cdk8s';
import { ApplyStage, ApplyStages } from '../lib/gitops';
import { StrimziCrdUpgradeJob } from '../lib/strimzi/strimzi-crd-upgrade-job';
import { StrimziKraftMigration } from '../lib/strimzi/strimzi-kraft-migration';
import { StrimziApiVersion, StrimziVersion } from '../lib/strimzi/strimzi-version';
import { buildStrimziDeployment } from './strimzi';

/** One step of the strimzi-zookeeper flavour's way from Strimzi 0.45.2 to 1.2.0 (docs/upgrade.md). */
export interface StrimziUpgradeStep {
  /** What the step does. */
  readonly title: string;
  /** Release of the operator and of every resource (API version included). */
  readonly version: StrimziVersion;
  readonly kafkaVersion: string;
  /** The ZooKeeper ensemble is still in the Kafka resource. */
  readonly zookeeper: boolean;
  readonly kraftMigration?: StrimziKraftMigration;
  /** Run the v1 conversion tool's crd-upgrade as a Job. */
  readonly crdUpgradeJob?: boolean;
}

const zk = { zookeeper: true } as const;
const kraft = { zookeeper: false } as const;
const V1_ON_050 = StrimziVersion.V0_50_1.withApiVersion(StrimziApiVersion.V1);

/**
 * The steps, one apply each (`KAFKA_FLAVOR=strimzi-zookeeper KAFKA_STRIMZI_STEP=<n> npm run synth`).
 * Step 0 is the flavour as deployed; each later step changes one thing.
 */
export const STRIMZI_UPGRADE_STEPS: readonly StrimziUpgradeStep[] = [
  { title: 'Strimzi 0.45.2, ZooKeeper, Kafka 3.9.2 (the strimzi-zookeeper flavour)', version: StrimziVersion.V0_45_2, kafkaVersion: '3.9.2', ...zk },
  { title: 'Kafka 3.9.2 → 3.9.1 (no release from 0.46 to 0.51 knows 3.9.2)', version: StrimziVersion.V0_45_2, kafkaVersion: '3.9.1', ...zk },
  { title: 'Brokers into the node pool "kafka"', version: StrimziVersion.V0_45_2, kafkaVersion: '3.9.1', ...zk, kraftMigration: StrimziKraftMigration.NODE_POOLS },
  { title: 'Controllers join, migration to KRaft starts', version: StrimziVersion.V0_45_2, kafkaVersion: '3.9.1', ...zk, kraftMigration: StrimziKraftMigration.MIGRATION },
  { title: 'KRaft enabled (irreversible)', version: StrimziVersion.V0_45_2, kafkaVersion: '3.9.1', ...zk, kraftMigration: StrimziKraftMigration.ENABLED },
  { title: 'ZooKeeper removed from the Kafka resource', version: StrimziVersion.V0_45_2, kafkaVersion: '3.9.1', ...kraft },
  { title: 'Operator 0.45.2 → 0.47.0', version: StrimziVersion.V0_47_0, kafkaVersion: '3.9.1', ...kraft },
  { title: 'Kafka 3.9.1 → 4.0.0', version: StrimziVersion.V0_47_0, kafkaVersion: '4.0.0', ...kraft },
  { title: 'Operator 0.47.0 → 0.50.1', version: StrimziVersion.V0_50_1, kafkaVersion: '4.0.0', ...kraft },
  { title: 'Kafka 4.0.0 → 4.1.1', version: StrimziVersion.V0_50_1, kafkaVersion: '4.1.1', ...kraft },
  { title: 'Every resource as kafka.strimzi.io/v1', version: V1_ON_050, kafkaVersion: '4.1.1', ...kraft },
  { title: 'CRDs store v1 only (crd-upgrade Job)', version: V1_ON_050, kafkaVersion: '4.1.1', ...kraft, crdUpgradeJob: true },
  { title: 'Operator 0.50.1 → 1.0.1', version: StrimziVersion.V1_0_1, kafkaVersion: '4.1.1', ...kraft },
  { title: 'Kafka 4.1.1 → 4.2.0', version: StrimziVersion.V1_0_1, kafkaVersion: '4.2.0', ...kraft },
  { title: 'Operator 1.0.1 → 1.2.0', version: StrimziVersion.V1_2_0, kafkaVersion: '4.2.0', ...kraft },
  { title: 'Kafka 4.2.0 → 4.3.1', version: StrimziVersion.V1_2_0, kafkaVersion: '4.3.1', ...kraft },
];

/** KAFKA_STRIMZI_STEP: a step number, or undefined when unset. */
export function strimziUpgradeStepFromEnv(env: { [key: string]: string | undefined }): number | undefined {
  const value = env.KAFKA_STRIMZI_STEP?.trim();
  if (!value) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) >= STRIMZI_UPGRADE_STEPS.length) {
    throw new Error(`KAFKA_STRIMZI_STEP: invalid value ${JSON.stringify(value)}; allowed: 0 to ${STRIMZI_UPGRADE_STEPS.length - 1}. `
      + 'Fix: set the step of docs/upgrade.md you are at, or unset it for step 0');
  }
  return Number(value);
}

/** The strimzi-zookeeper flavour at step `n` of the path. */
export function buildStrimziUpgradeStep(app: App, n: number): void {
  const step = STRIMZI_UPGRADE_STEPS[n];
  // Once ZooKeeper is involved no more, the cluster keeps what the migration made: dedicated controllers and the broker pool "kafka".
  const migrated = n >= STRIMZI_UPGRADE_STEPS.findIndex(s => s.kraftMigration === StrimziKraftMigration.MIGRATION);
  buildStrimziDeployment(app, step.version, {
    kafkaVersion: step.kafkaVersion,
    ...(step.zookeeper ? { zookeeper: { replicas: 3 } } : {}),
    ...(step.kraftMigration ? { kraftMigration: step.kraftMigration } : {}),
    ...(migrated ? { controllers: { replicas: 3 } } : {}),
    ...(migrated && !step.zookeeper ? { nodePoolNames: { broker: 'kafka' } } : {}),
  });
  if (step.crdUpgradeJob) {
    const chart = ApplyStages.assign(new Chart(app, 'crd-upgrade', { namespace: 'strimzi-system' }), ApplyStage.APPS);
    new StrimziCrdUpgradeJob(chart, 'crd-upgrade', { version: step.version });
  }
}
