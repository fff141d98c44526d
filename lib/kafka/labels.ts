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
