import { fail } from '../kafka/errors';

/** An API version of the `kafka.strimzi.io` custom resources. */
export enum StrimziApiVersion {
  /** `kafka.strimzi.io/v1beta2`: served up to Strimzi 0.51 (stored version up to the `crd-upgrade`). */
  V1BETA2 = 'kafka.strimzi.io/v1beta2',
  /** `kafka.strimzi.io/v1`: served from Strimzi 0.49, the only version from 1.0. */
  V1 = 'kafka.strimzi.io/v1',
}

/** What a release is, from its `kafka-versions.yaml`, CRDs, CHANGELOG and documentation. */
interface ReleaseFacts {
  readonly served: readonly StrimziApiVersion[];
  readonly zookeeper: boolean;
  readonly kafka: readonly string[];
  readonly defaultKafka: string;
  /** Versions its kafka-versions.yaml knows (upgrades start only from these); undefined: any (Strimzi >= 1.0). */
  readonly knownKafka?: readonly string[];
  readonly kubernetes: string;
}

/** Default KRaft metadata version of each Kafka minor, as Strimzi resolves its `metadata` entry (Kafka's MetadataVersion). */
const METADATA_VERSIONS: { readonly [minor: string]: string } = {
  '3.8': '3.8-IV0', '3.9': '3.9-IV0', '4.0': '4.0-IV3', '4.1': '4.1-IV1', '4.2': '4.2-IV1', '4.3': '4.3-IV0',
};

const V1BETA2_ONLY = [StrimziApiVersion.V1BETA2];
const BOTH = [StrimziApiVersion.V1BETA2, StrimziApiVersion.V1];
const V1_ONLY = [StrimziApiVersion.V1];
const KNOWN_046 = ['3.8.0', '3.8.1', '3.9.0', '4.0.0'];
const KNOWN_047 = ['3.8.0', '3.8.1', '3.9.0', '3.9.1', '4.0.0'];
const KNOWN_049 = [...KNOWN_047, '4.0.1', '4.1.0', '4.1.1'];

/** One instance per release and API version (so that instances compare with `===`); filled by the static instances. */
const REGISTRY = new Map<string, StrimziVersion>();

/**
 * A Strimzi release the library targets: decides the API version of every custom resource,
 * whether ZooKeeper exists, and the Kafka versions the operator accepts.
 * Use the static instances.
 *
 * 0.45.2 and 1.2.0 are the two ends of the upgrade path (their CRDs are vendored and their
 * schemas generate the typed classes). The releases between exist to walk that path with
 * `StrimziOperator` (docs/upgrade.md): on them the library renders what it renders for one
 * end — `v1beta2` as for 0.45.2 (KRaft only), or, where the release serves it, `v1` as for 1.2.0.
 *
 * Kafka versions follow Strimzi's `kafka-versions.yaml` of each release; default KRaft
 * metadata versions are Kafka's for the minor (3.9 → `3.9-IV0`, 4.0 → `4.0-IV3`, 4.1 → `4.1-IV1`,
 * 4.2 → `4.2-IV1`, 4.3 → `4.3-IV0`); images are `quay.io/strimzi/kafka:<strimzi>-kafka-<kafka>`.
 * Kafka 4.2.1 (Strimzi 1.1.0, 1.2.0) is left out: broker configs are checked against Kafka's
 * ConfigDef model, which has no 4.2.1 (docs/upgrade.md).
 */
export class StrimziVersion {
  /** Strimzi 1.2.0: serves only `kafka.strimzi.io/v1`, KRaft only, node pools required. Kubernetes 1.30+. */
  public static readonly V1_2_0 = StrimziVersion.release('1.2.0', { served: V1_ONLY, zookeeper: false, kafka: ['4.2.0', '4.3.0', '4.3.1'], defaultKafka: '4.3.1', kubernetes: '1.30' });
  /** Strimzi 1.1.0: `v1` only. Kafka 4.2.0, 4.3.0 (and 4.2.1, not offered here). Kubernetes 1.30+. */
  public static readonly V1_1_0 = StrimziVersion.release('1.1.0', { served: V1_ONLY, zookeeper: false, kafka: ['4.2.0', '4.3.0'], defaultKafka: '4.3.0', kubernetes: '1.30' });
  /** Strimzi 1.0.1: the first line that serves and stores only `v1`. Kafka 4.1.0–4.1.2, 4.2.0. Kubernetes 1.30+. */
  public static readonly V1_0_1 = StrimziVersion.release('1.0.1', { served: V1_ONLY, zookeeper: false, kafka: ['4.1.0', '4.1.1', '4.1.2', '4.2.0'], defaultKafka: '4.2.0', kubernetes: '1.30' });
  /** Strimzi 0.51.0: serves `v1beta2` (stored) and `v1`; the last release before `v1` only. Kafka 4.1.0, 4.1.1, 4.2.0. Kubernetes 1.30+. */
  public static readonly V0_51_0 = StrimziVersion.release('0.51.0', { served: BOTH, zookeeper: false, kafka: ['4.1.0', '4.1.1', '4.2.0'], defaultKafka: '4.2.0', knownKafka: [...KNOWN_049, '4.2.0'], kubernetes: '1.30' });
  /** Strimzi 0.50.1: serves `v1beta2` (stored) and `v1`. Kafka 4.0.0, 4.0.1, 4.1.0, 4.1.1. Kubernetes 1.27+. */
  public static readonly V0_50_1 = StrimziVersion.release('0.50.1', { served: BOTH, zookeeper: false, kafka: ['4.0.0', '4.0.1', '4.1.0', '4.1.1'], defaultKafka: '4.1.1', knownKafka: KNOWN_049, kubernetes: '1.27' });
  /** Strimzi 0.49.1: the first release serving `v1` (besides `v1beta2`, still stored). Kafka 4.0.0, 4.0.1, 4.1.0, 4.1.1. Kubernetes 1.27+. */
  public static readonly V0_49_1 = StrimziVersion.release('0.49.1', { served: BOTH, zookeeper: false, kafka: ['4.0.0', '4.0.1', '4.1.0', '4.1.1'], defaultKafka: '4.1.1', knownKafka: KNOWN_049, kubernetes: '1.27' });
  /** Strimzi 0.48.0: `v1beta2`; the KRaft annotations are ignored from here. Kafka 4.0.0, 4.1.0. Kubernetes 1.27+. */
  public static readonly V0_48_0 = StrimziVersion.release('0.48.0', { served: V1BETA2_ONLY, zookeeper: false, kafka: ['4.0.0', '4.1.0'], defaultKafka: '4.1.0', knownKafka: [...KNOWN_047, '4.1.0'], kubernetes: '1.27' });
  /** Strimzi 0.47.0: `v1beta2`, KRaft only. Kafka 3.9.0, 3.9.1, 4.0.0. Kubernetes 1.25+. */
  public static readonly V0_47_0 = StrimziVersion.release('0.47.0', { served: V1BETA2_ONLY, zookeeper: false, kafka: ['3.9.0', '3.9.1', '4.0.0'], defaultKafka: '4.0.0', knownKafka: KNOWN_047, kubernetes: '1.25' });
  /** Strimzi 0.46.1: `v1beta2`, the first release without ZooKeeper. Kafka 3.9.0, 4.0.0. Kubernetes 1.25+. */
  public static readonly V0_46_1 = StrimziVersion.release('0.46.1', { served: V1BETA2_ONLY, zookeeper: false, kafka: ['3.9.0', '4.0.0'], defaultKafka: '4.0.0', knownKafka: KNOWN_046, kubernetes: '1.25' });
  /** Strimzi 0.45.2: `kafka.strimzi.io/v1beta2`, the last release with ZooKeeper. Kubernetes 1.25+. */
  public static readonly V0_45_2 = StrimziVersion.release('0.45.2', { served: V1BETA2_ONLY, zookeeper: true, kafka: ['3.8.0', '3.8.1', '3.9.0', '3.9.1', '3.9.2'], defaultKafka: '3.9.2', knownKafka: ['3.8.0', '3.8.1', '3.9.0', '3.9.1', '3.9.2'], kubernetes: '1.25' });

  /** Every release the library knows, oldest first. */
  public static all(): StrimziVersion[] {
    return [...REGISTRY.values()].filter(v => v.apiVersion === v.servedApiVersions[0]).sort((a, b) => compareReleases(a.version, b.version));
  }

  /** The release `version` (e.g. `'0.47.0'`, a Helm chart version), or undefined when the library does not know it. */
  public static of(version: string): StrimziVersion | undefined {
    return StrimziVersion.all().find(v => v.version === version);
  }

  private static release(version: string, facts: ReleaseFacts): StrimziVersion {
    return StrimziVersion.variant(version, facts, facts.served[0]);
  }

  private static variant(version: string, facts: ReleaseFacts, api: StrimziApiVersion): StrimziVersion {
    const key = `${version} ${api}`;
    let v = REGISTRY.get(key);
    if (!v) {
      v = new StrimziVersion(version, api, facts);
      REGISTRY.set(key, v);
    }
    return v;
  }

  /** apiVersion of every Strimzi custom resource rendered for this release. */
  public readonly apiVersion: string;
  /** Whether `spec.zookeeper` (ZooKeeper-based clusters) is supported. */
  public readonly supportsZookeeper: boolean;
  /** Default Kafka version. */
  public readonly defaultKafkaVersion: string;
  /** Oldest Kubernetes version the release supports (its documentation's `KubernetesVersion`). */
  public readonly minimumKubernetesVersion: string;

  private constructor(
    /** Strimzi release (= operator Helm chart version). */
    public readonly version: string,
    api: StrimziApiVersion,
    private readonly facts: ReleaseFacts,
  ) {
    this.apiVersion = api;
    this.supportsZookeeper = facts.zookeeper;
    this.defaultKafkaVersion = facts.defaultKafka;
    this.minimumKubernetesVersion = facts.kubernetes;
  }

  /**
   * The same release rendering `api`: Strimzi 0.49–0.51 serve `v1beta2` and `v1`, and every
   * resource must be converted to `v1` on one of them before the operator moves to 1.x.
   */
  public withApiVersion(api: StrimziApiVersion): StrimziVersion {
    if (!this.facts.served.includes(api)) {
      fail(`StrimziVersion ${this.version}`, 'withApiVersion', api, `an API version Strimzi ${this.version} serves (${this.facts.served.join(', ')})`,
        api === StrimziApiVersion.V1 ? 'v1 is served from Strimzi 0.49: upgrade the operator to 0.49.1, 0.50.1 or 0.51.0 first (docs/upgrade.md)'
          : 'Strimzi 1.x serves only v1: render v1 (the default of 1.x releases)');
    }
    return StrimziVersion.variant(this.version, this.facts, api);
  }

  /** API versions the release's CRDs serve (a copy: changing it changes nothing). */
  public get servedApiVersions(): StrimziApiVersion[] {
    return [...this.facts.served];
  }

  /** Kafka versions this release supports (a copy). */
  public get kafkaVersions(): string[] {
    return [...this.facts.kafka];
  }

  /** True when the resources are rendered as `kafka.strimzi.io/v1`. */
  public get isV1(): boolean {
    return this.apiVersion === StrimziApiVersion.V1;
  }

  /**
   * Whether KRaft clusters carry the `strimzi.io/node-pools` and `strimzi.io/kraft` annotations:
   * on every `v1beta2` rendering. Strimzi 0.45–0.47 need them; 0.48+ ignore them, and keeping
   * them until the switch to `v1` means an operator step from 0.47 to 0.48 never removes them
   * while the 0.47 operator (which refuses a cluster without them) still runs.
   */
  public get needsKraftAnnotations(): boolean {
    return !this.isV1;
  }

  /**
   * Whether this operator can roll a running cluster from `kafkaVersion` to one of its own:
   * Strimzi before 1.0 refuses to upgrade from a Kafka version its kafka-versions.yaml does not
   * list (e.g. 0.46–0.51 from 3.9.2, which only 0.45.2 knows); 1.0+ upgrades from any version.
   */
  public canUpgradeFromKafka(kafkaVersion: string): boolean {
    return this.facts.knownKafka === undefined || this.facts.knownKafka.includes(kafkaVersion);
  }

  /** Default KRaft metadata version for the default Kafka version. */
  public get defaultMetadataVersion(): string {
    return this.metadataVersionFor(this.defaultKafkaVersion);
  }

  /** Default KRaft metadata version of a supported Kafka version. */
  public metadataVersionFor(kafkaVersion: string): string {
    return METADATA_VERSIONS[minorOf(kafkaVersion)];
  }

  /** Strimzi's Kafka image for a supported Kafka version (holds the Kafka CLIs in /opt/kafka/bin). */
  public kafkaImage(kafkaVersion: string): string {
    return `quay.io/strimzi/kafka:${this.version}-kafka-${kafkaVersion}`;
  }

  /** Name of the static instance (`StrimziVersion.V0_47_0`), with `.withApiVersion(...)` when not the release's default. */
  public toString(): string {
    const base = `StrimziVersion.V${this.version.replace(/\./g, '_')}`;
    return this.apiVersion === this.facts.served[0] ? base : `${base}.withApiVersion(StrimziApiVersion.V1)`;
  }
}

/** `major.minor` of a Kafka version or metadata version (`4.3.1` → `4.3`, `4.3-IV0` → `4.3`). */
export function minorOf(version: string): string {
  return String(version).split(/[.-]/).slice(0, 2).join('.');
}

/** Orders dotted release numbers (`0.49.1` < `0.51.0` < `1.0.1`). */
function compareReleases(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
}
