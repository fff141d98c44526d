/**
 * A Strimzi release the library targets: decides the API version of every custom resource,
 * whether ZooKeeper exists, and the Kafka versions the operator accepts.
 * Use the static instances.
 */
export class StrimziVersion {
  /** Strimzi 1.2.0: serves only `kafka.strimzi.io/v1`, KRaft only, node pools required. */
  public static readonly V1_2_0 = new StrimziVersion('1.2.0', 'kafka.strimzi.io/v1', false, ['4.2.0', '4.3.0', '4.3.1'], '4.3.1', '4.3-IV0');
  /** Strimzi 0.45.2: `kafka.strimzi.io/v1beta2`, the last release with ZooKeeper. */
  public static readonly V0_45_2 = new StrimziVersion('0.45.2', 'kafka.strimzi.io/v1beta2', true, ['3.8.0', '3.8.1', '3.9.0', '3.9.1', '3.9.2'], '3.9.2', '3.9-IV0');

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
    /** Default KRaft metadata version for the default Kafka version. */
    public readonly defaultMetadataVersion: string,
  ) {}

  /** True for Strimzi 1.x (`v1` API). */
  public get isV1(): boolean {
    return this.apiVersion.endsWith('/v1');
  }
}
