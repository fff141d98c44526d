// What an operator release refuses of the resources it watches in the same app, checked at synth.
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ClusterFlavour, fail } from '../kafka';
import { IStrimziCluster } from './strimzi-cluster-props';
import { StrimziApiVersion, StrimziVersion } from './strimzi-version';

/** The operator as the check needs it. */
export interface WatchingOperator {
  readonly node: IConstruct['node'];
  readonly namespace: string;
  readonly version: StrimziVersion;
  /** Namespaces watched besides its own; `['*']` for all. */
  readonly watchedNamespaces: readonly string[];
}

const GROUP = 'kafka.strimzi.io/';

function isStrimziCluster(c: IConstruct): c is IConstruct & IStrimziCluster {
  const k = c as Partial<IStrimziCluster>;
  return k.flavour === ClusterFlavour.STRIMZI && k.strimziVersion instanceof StrimziVersion && typeof k.kafkaVersion === 'string';
}

/**
 * Fails like every other refusal (a KafkaConfigError naming the resource's construct path) when
 * a Strimzi resource of the app that `operator` watches uses an API version its CRDs do not
 * serve, or a cluster needs what the release no longer has (a Kafka version, ZooKeeper).
 */
export function checkWatchedResources(operator: WatchingOperator): void {
  const release = operator.version;
  const watches = (ns: string | undefined) => operator.watchedNamespaces.includes('*') || ns === operator.namespace || (ns !== undefined && operator.watchedNamespaces.includes(ns));
  const who = `StrimziOperator ${operator.node.path} (Strimzi ${release.version})`;
  for (const c of operator.node.root.node.findAll()) {
    if (isStrimziCluster(c) && watches(c.namespace)) checkCluster(c, release, who);
    if (!ApiObject.isApiObject(c) || !c.apiVersion.startsWith(GROUP)) continue;
    const ns = c.metadata.namespace ?? Chart.of(c).namespace;
    if (!watches(ns) || (release.servedApiVersions as readonly string[]).includes(c.apiVersion)) continue;
    fail(c, 'apiVersion', c.apiVersion, `an API version ${who} serves (${release.servedApiVersions.join(', ')})`,
      c.apiVersion === StrimziApiVersion.V1
        ? `render ${c.kind} as v1beta2 until the operator runs 0.49 or later (version: ${release}), then switch to v1 (docs/upgrade.md)`
        : 'convert every resource to v1 on Strimzi 0.49-0.51 before the operator moves to 1.x (version: StrimziVersion.V0_51_0.withApiVersion(StrimziApiVersion.V1), then the conversion tool\'s crd-upgrade; docs/upgrade.md)');
  }
}

function checkCluster(c: IConstruct & IStrimziCluster, release: StrimziVersion, who: string): void {
  if (c.usesZookeeper && !release.supportsZookeeper) {
    fail(c, 'zookeeper', 'a ZooKeeper cluster', `a KRaft cluster: ${who} has no ZooKeeper (0.45 is the last release with it)`,
      'keep the operator at StrimziVersion.V0_45_2 and migrate the cluster to KRaft first (kraftMigration phases, docs/upgrade.md)');
  }
  if (!release.kafkaVersions.includes(c.kafkaVersion)) {
    const both = c.strimziVersion.kafkaVersions.filter(v => release.kafkaVersions.includes(v));
    fail(c, 'kafkaVersion', c.kafkaVersion, `a Kafka version ${who} supports (${release.kafkaVersions.join(', ')})`,
      both.length
        ? `first move the cluster to a Kafka version both Strimzi ${c.strimziVersion.version} and ${release.version} support (${both.join(', ')}), then upgrade the operator`
        : `no Kafka version is supported by both Strimzi ${c.strimziVersion.version} and ${release.version}: step through a release in between (docs/upgrade.md)`);
  }
}
