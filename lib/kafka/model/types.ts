import { KafkaConfigValue } from '../config';
import { KafkaClientListener, ListenerAuthentication, ListenerType } from '../listeners';
import { ReplicationSettings } from '../replication';
import { ResolvedResources } from '../resources';
import { KafkaStorage } from '../storage';

/** KRaft process roles of a node. */
export type NodeRole = 'broker' | 'controller';

/** How a cluster keeps its metadata. */
export type MetadataMode = 'kraft' | 'zookeeper';

/** Which pool a node belongs to: combined nodes, dedicated controllers or (with controllers / ZooKeeper) brokers. */
export type PoolKey = 'dual-role' | 'controller' | 'broker';

/** One node of the cluster: its id and roles, and where it runs. */
export interface NodeRef {
  /** `node.id` (KRaft) or `broker.id` (ZooKeeper). */
  readonly id: number;
  /** The pool the node belongs to. */
  readonly pool: PoolKey;
  /** Index of the node within its pool (raw: the StatefulSet ordinal without zones). */
  readonly index: number;
  /** KRaft roles. */
  readonly roles: readonly NodeRole[];
}

/** A group of identical nodes: a raw StatefulSet (or one per zone), a Strimzi KafkaNodePool. */
export interface NodePoolModel {
  readonly key: PoolKey;
  /** Object name (raw StatefulSet, Strimzi KafkaNodePool). */
  readonly name: string;
  readonly roles: readonly NodeRole[];
  readonly replicas: number;
  /** First node id; node i of the pool has id `firstId + i`. */
  readonly firstId: number;
  /** Last node id the range allows (Strimzi `next-node-ids`). */
  readonly lastId: number;
  readonly nodes: readonly NodeRef[];
  readonly storage: KafkaStorage;
  /** Storage field name in error messages (`storage`, `controllers.storage`). */
  readonly storageField: string;
  /** Default size of a persistent volume without one. */
  readonly defaultSize: string;
  readonly resources: ResolvedResources;
  /** JVM heap (-Xms/-Xmx), checked against the memory limit. */
  readonly heap: string;
  /** PodDisruptionBudget maxUnavailable of the pool's pods. */
  readonly maxUnavailable: number;
}

/** A listener resolved once: every default filled in, as both renderers and every client see it. */
export interface ResolvedListener extends KafkaClientListener {
  /** Kafka listener name in `listeners`/`advertised.listeners` (upper case, e.g. PLAIN). */
  readonly kafkaName: string;
  /** Whether the listener is reachable from outside the Kubernetes cluster. */
  readonly external: boolean;
  /** Name of the Service whose address is `bootstrapServers`. */
  readonly bootstrapService: string;
}

/** The KRaft quorum (undefined in ZooKeeper mode). */
export interface QuorumModel {
  /** The pool whose nodes vote. */
  readonly voterPool: PoolKey;
  /** The voting nodes. */
  readonly voters: readonly NodeRef[];
}

/**
 * Everything both back ends know about a cluster once its props are validated: names, node
 * pools and node ids, listeners, replication, quorum and the user's config. Raw and Strimzi
 * renderers read it; nothing renders from the props directly.
 */
export interface ClusterModel {
  readonly clusterName: string;
  readonly namespace: string;
  readonly clusterDomain: string;
  readonly kafkaVersion: string;
  readonly mode: MetadataMode;
  readonly brokerCount: number;
  readonly pools: readonly NodePoolModel[];
  readonly quorum?: QuorumModel;
  readonly listeners: readonly ResolvedListener[];
  readonly replication: ReplicationSettings;
  /** Validated user config (sorted, managed and replication keys refused). */
  readonly config: { readonly [key: string]: KafkaConfigValue };
  /** Labels a client pod carries so that the cluster's network policies admit it. */
  readonly clientLabels: { readonly [key: string]: string };
  /** Whether the cluster restricts who reaches the internal listeners. */
  readonly networkPolicies: boolean;
}

/** A listener of the model by its type and authentication (small helper for renderers). */
export function isAuthenticating(l: { readonly authentication: ListenerAuthentication }): boolean {
  return l.authentication !== ListenerAuthentication.NONE;
}

/** Internal listener types (reachable only inside the Kubernetes cluster). */
export const INTERNAL_TYPES: readonly ListenerType[] = [ListenerType.INTERNAL, ListenerType.CLUSTER_IP];
