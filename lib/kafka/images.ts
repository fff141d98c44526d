import { IConstruct } from 'constructs';
import { fail } from './errors';

/** Default images and versions. Official upstream images only (Bitnami's moved to a frozen repo in 2025). */
export const KafkaImages = {
  /** Kafka for KRaft clusters (and the CLIs of clients). */
  KAFKA: 'apache/kafka:4.3.1',
  /** Kafka version of {@link KafkaImages.KAFKA}. */
  KAFKA_VERSION: '4.3.1',
  /** Kafka for ZooKeeper-mode clusters: 3.9 is the last Kafka line with ZooKeeper. */
  KAFKA_ZOOKEEPER_MODE: 'apache/kafka:3.9.1',
  /** Kafka version of {@link KafkaImages.KAFKA_ZOOKEEPER_MODE}. */
  KAFKA_ZOOKEEPER_MODE_VERSION: '3.9.1',
  /** Official ZooKeeper image. */
  ZOOKEEPER: 'zookeeper:3.9.3',
  /** UID/GID the official Kafka and ZooKeeper images run as. */
  UID: 1000,
} as const;

/**
 * Image repositories known not to have the layout the library's scripts run: the Kafka scripts as
 * `/opt/kafka/bin/*.sh` (raw brokers, topic and user Jobs, test clients) and, for Strimzi
 * operands, Strimzi's own start scripts. Each with the reason, for the message.
 */
const FOREIGN_LAYOUTS: readonly { readonly repository: RegExp; readonly layout: string }[] = [
  { repository: /^(docker\.io\/)?confluentinc\/(cp-kafka|cp-server|confluent-local)$/, layout: 'Confluent Platform keeps the Kafka scripts in /usr/bin without ".sh" and starts through /etc/confluent/docker/run' },
  { repository: /^(docker\.io\/)?bitnami(legacy)?\/kafka$/, layout: 'Bitnami keeps Kafka in /opt/bitnami/kafka and configures it through KAFKA_CFG_* variables' },
  { repository: /^(docker\.io\/)?apache\/kafka-native$/, layout: 'the native image is one GraalVM binary, without the /opt/kafka/bin scripts' },
];

/** The repository of an image reference (no tag, no digest). */
export function imageRepository(image: string): string {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(0, colon) : ref;
}

// An image reference as the container runtime parses it: [registry[:port]/]path[:tag][@digest], lower-case path.
const IMAGE_REF = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@[a-z0-9]+(\+[a-z0-9]+)*:[a-fA-F0-9]{32,})?$/;

/**
 * Validates an image whose scripts the library runs: a well-formed reference, and not one of the
 * images known to lay Kafka out differently (it would crash-loop on the first command).
 * `needs` says what the construct runs, for the message.
 */
export function validateKafkaImage(scope: IConstruct, field: string, image: string, needs: string): string {
  if (typeof image !== 'string' || !IMAGE_REF.test(image)) {
    fail(scope, field, image, 'a container image reference: [registry/]repository[:tag][@digest], repository in lower case, no whitespace',
      `e.g. "${KafkaImages.KAFKA}"`);
  }
  const foreign = FOREIGN_LAYOUTS.find(f => f.repository.test(imageRepository(image)));
  if (foreign) {
    fail(scope, field, image, `an image with ${needs} (${foreign.layout})`,
      `use the official "apache/kafka" image (e.g. "${KafkaImages.KAFKA}"), or an image built FROM it`);
  }
  return image;
}
