/**
 * A Strimzi release the library targets: decides the API version of every custom resource,
 * whether ZooKeeper exists, and the Kafka versions the operator accepts.
 * Use the static instances.
 *
 * Kafka versions and their default KRaft metadata versions follow Strimzi's
 * `kafka-versions.yaml` of each release (4.2.x → `4.2-IV1`, 4.3.x → `4.3-IV0`,
 * 3.9.x → `3.9-IV0`, 3.8.x → `3.8-IV0`); images are `quay.io/strimzi/kafka:<strimzi>-kafka-<kafka>`.
 */
export class StrimziVersion {
  /** Strimzi 1.2.0: serves only `kafka.strimzi.io/v1`, KRaft only, node pools required. */
  public static readonly V1_2_0 = new StrimziVersion('1.2.0', 'kafka.strimzi.io/v1', false,
    ['4.2.0', '4.3.0', '4.3.1'], '4.3.1', { '4.2': '4.2-IV1', '4.3': '4.3-IV0' });
  /** Strimzi 0.45.2: `kafka.strimzi.io/v1beta2`, the last release with ZooKeeper. */
  public static readonly V0_45_2 = new StrimziVersion('0.45.2', 'kafka.strimzi.io/v1beta2', true,
    ['3.8.0', '3.8.1', '3.9.0', '3.9.1', '3.9.2'], '3.9.2', { '3.8': '3.8-IV0', '3.9': '3.9-IV0' });

  private constructor(
    /** Strimzi release (= operator Helm chart version). */
    public readonly version: string,
    /** apiVersion of every Strimzi custom resource for this release. */
    public readonly apiVersion: string,
    /** Whether `spec.zookeeper` (ZooKeeper-based clusters) is supported. */
    public readonly supportsZookeeper: boolean,
    /** Kafka versions this release supports. */
    public readonly kafkaVersions: readonly string[],
    /** Default Kafka version. */
    public readonly defaultKafkaVersion: string,
    /** Default KRaft metadata version per Kafka minor version (`major.minor`). */
    private readonly metadataVersions: { readonly [minor: string]: string },
  ) {}

  /** Default KRaft metadata version for the default Kafka version. */
  public get defaultMetadataVersion(): string {
    return this.metadataVersionFor(this.defaultKafkaVersion);
  }

  /** True for Strimzi 1.x (`v1` API). */
  public get isV1(): boolean {
    return this.apiVersion.endsWith('/v1');
  }

  /**
   * Whether KRaft clusters need the `strimzi.io/node-pools` and `strimzi.io/kraft`
   * annotations (Strimzi 0.45–0.47; ignored from 0.48 and gone in 1.x).
   */
  public get needsKraftAnnotations(): boolean {
    return !this.isV1;
  }

  /** Default KRaft metadata version of a supported Kafka version. */
  public metadataVersionFor(kafkaVersion: string): string {
    return this.metadataVersions[minorOf(kafkaVersion)];
  }

  /** Strimzi's Kafka image for a supported Kafka version (holds the Kafka CLIs in /opt/kafka/bin). */
  public kafkaImage(kafkaVersion: string): string {
    return `quay.io/strimzi/kafka:${this.version}-kafka-${kafkaVersion}`;
  }
}

/** `major.minor` of a Kafka version or metadata version (`4.3.1` → `4.3`, `4.3-IV0` → `4.3`). */
export function minorOf(version: string): string {
  return String(version).split(/[.-]/).slice(0, 2).join('.');
}
