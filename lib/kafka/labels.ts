/** Label keys used by every flavour. */
export const KafkaLabels = {
  NAME: 'app.kubernetes.io/name',
  INSTANCE: 'app.kubernetes.io/instance',
  COMPONENT: 'app.kubernetes.io/component',
  PART_OF: 'app.kubernetes.io/part-of',
  MANAGED_BY: 'app.kubernetes.io/managed-by',
  /**
   * Carried by pods that are clients of a cluster (value: the cluster name). NetworkPolicies
   * (raw) and `networkPolicyPeers` (Strimzi) admit pods with this label.
   */
  CLIENT_OF: 'kafka.cdk8s.io/client-of',
  /** Strimzi's binding label for topics, users, node pools and connectors. */
  STRIMZI_CLUSTER: 'strimzi.io/cluster',
} as const;

/** Annotation keys used by every flavour. */
export const KafkaAnnotations = {
  /**
   * Flux's prune switch: `disabled` keeps an object when it leaves the Git source or its
   * Kustomization is deleted. Set on everything that holds data (Namespaces, Kafka and ZooKeeper
   * StatefulSets, Strimzi Kafka, KafkaNodePool and KafkaTopic resources).
   */
  FLUX_PRUNE: 'kustomize.toolkit.fluxcd.io/prune',
} as const;

/** Annotations that keep a data-holding object out of Flux's garbage collection. */
export function keepOnPrune(): { [key: string]: string } {
  return { [KafkaAnnotations.FLUX_PRUNE]: 'disabled' };
}

/** Standard labels of an object of `component` in cluster `instance`. */
export function standardLabels(name: string, instance: string, component: string): { [key: string]: string } {
  return {
    [KafkaLabels.NAME]: name,
    [KafkaLabels.INSTANCE]: instance,
    [KafkaLabels.COMPONENT]: component,
    [KafkaLabels.PART_OF]: 'kafka',
    [KafkaLabels.MANAGED_BY]: 'cdk8s-kafka',
  };
}

/** The selector subset of {@link standardLabels} (stable across upgrades: no version labels). */
export function selectorLabels(name: string, instance: string, component: string): { [key: string]: string } {
  return { [KafkaLabels.NAME]: name, [KafkaLabels.INSTANCE]: instance, [KafkaLabels.COMPONENT]: component };
}
