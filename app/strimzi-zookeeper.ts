import { App } from 'cdk8s';
import { StrimziVersion } from '../lib/strimzi';
import { buildStrimziDeployment } from './strimzi';

/**
 * KAFKA_FLAVOR=strimzi-zookeeper: Strimzi 0.45.2 (kafka.strimzi.io/v1beta2), the last release
 * with ZooKeeper: 3 Kafka 3.9 brokers and a 3-node ZooKeeper ensemble, plus the same topic,
 * user and sample app as the strimzi flavour.
 */
export function buildStrimziZookeeper(app: App): void {
  buildStrimziDeployment(app, StrimziVersion.V0_45_2, { zookeeper: { replicas: 3 } });
}
