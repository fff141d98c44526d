import { App } from 'cdk8s';
import { StrimziVersion } from '../lib/strimzi';
import { buildStrimziDeployment } from './strimzi';
import { buildStrimziUpgradeStep, strimziUpgradeStepFromEnv } from './strimzi-upgrade';

/**
 * KAFKA_FLAVOR=strimzi-zookeeper: Strimzi 0.45.2 (kafka.strimzi.io/v1beta2), the last release
 * with ZooKeeper: 3 Kafka 3.9 brokers and a 3-node ZooKeeper ensemble, plus the same topic,
 * user and sample app as the strimzi flavour.
 *
 * KAFKA_STRIMZI_STEP=<n> renders step n of its upgrade to Strimzi 1.2.0 (docs/upgrade.md).
 */
export function buildStrimziZookeeper(app: App, env: { [key: string]: string | undefined } = process.env): void {
  const step = strimziUpgradeStepFromEnv(env);
  if (step !== undefined) {
    buildStrimziUpgradeStep(app, step);
    return;
  }
  buildStrimziDeployment(app, StrimziVersion.V0_45_2, { zookeeper: { replicas: 3 } });
}
