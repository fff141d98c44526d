/**
 * cdk8s-kafka public API. Re-exports only: constructs, their props, enums, and the cluster
 * interface. Generated L1 classes (imports/) and internal helpers are not part of it.
 * @packageDocumentation
 */

// Shared Kafka model (lib/kafka): the vocabulary both flavours use. Validation helpers stay internal.
export { KafkaConfigError } from './kafka/errors';
export { ClusterFlavour } from './kafka/cluster';
export type { IKafkaCluster, IKafkaTopic, IKafkaUser, KafkaTopicOptions, KafkaUserCredentials, KafkaUserOptions } from './kafka/cluster';
export type { KafkaClusterProps, KafkaControllerOptions } from './kafka/cluster-props';
export { AclOperation, AclPatternType, AclPermission, AclResourceType, KafkaAcl } from './kafka/acl';
export type { AclOptions } from './kafka/acl';
export type { KafkaConfigMap, KafkaConfigValue } from './kafka/config';
export { KafkaImages } from './kafka/images';
export { KafkaLabels } from './kafka/labels';
export { ListenerAuthentication, ListenerType } from './kafka/listeners';
export type { KafkaClientListener, KafkaListenerOptions } from './kafka/listeners';
export { KafkaPorts } from './kafka/ports';
export type { ReplicationOptions, ReplicationSettings } from './kafka/replication';
export type { ResourceSpec } from './kafka/resources';
export { KafkaStorage, StorageType } from './kafka/storage';
export type { EphemeralStorageOptions, PersistentStorageOptions } from './kafka/storage';
export { TopicCleanupPolicy, TopicCompression } from './kafka/topic-settings';
export type { TopicSettings } from './kafka/topic-settings';
export type {
  LabelSelector, LabelSelectorRequirement, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodAffinity, PodAffinityRules,
  PodAffinityTerm, PodToleration, PreferredSchedulingTerm, TopologySpreadConstraint, WeightedPodAffinityTerm,
} from './kafka/pod-placement';

// Any workload as a client: the cluster (and user) as a Service Binding directory and env.
export { KafkaClientBinding } from './clients/kafka-client-binding';
export type { KafkaClientBindingOptions, KafkaClientBindingProps } from './clients/kafka-client-binding';
export { ClientWorkloadKind, KafkaClientWorkload } from './clients/kafka-client-workload';
export type { KafkaClientWorkloadProps } from './clients/kafka-client-workload';

// Sample workload for any cluster.
export { SampleApp, SampleRole } from './sample-app';
export type { SampleAppProps } from './sample-app';

// Raw flavour: Kafka and ZooKeeper as StatefulSets (no operator).
export * from './raw';

// Strimzi flavour: custom resources for the Strimzi operator.
export * from './strimzi';
export { StrimziChartRepository, StrimziOperator } from './strimzi/strimzi-operator';
export type { StrimziOperatorProps } from './strimzi/strimzi-operator';
export { StrimziCrdUpgradeJob } from './strimzi/strimzi-crd-upgrade-job';
export type { StrimziCrdUpgradeJobProps } from './strimzi/strimzi-crd-upgrade-job';

// GitOps: kubectl-ordered output and Flux stage folders.
export * from './gitops';
