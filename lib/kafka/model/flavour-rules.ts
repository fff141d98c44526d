import { IConstruct } from 'constructs';
import { ClusterFlavour } from '../cluster';
import { KafkaConfigValue } from '../config';
import { KafkaListenerOptions, ListenerAuthentication, ListenerType } from '../listeners';
import { NodePortUse } from '../ports';
import { ResourceSpec } from '../resources';
import { PoolKey } from './types';

/** Defaults of one kind of node, by flavour. */
export interface NodeDefaults {
  readonly resources: ResourceSpec;
  /** Size of a persistent volume without one. */
  readonly storageSize: string;
}

/**
 * What differs between the back ends, as data: which listener types and authentications they
 * offer, the ports and names they keep for themselves, the config keys they manage, defaults,
 * and how they name pools and bootstrap Services. `resolveClusterModel` applies the rules;
 * everything else about a cluster is the same for both.
 */
export interface FlavourRules {
  readonly flavour: ClusterFlavour;
  readonly listenerTypes: readonly ListenerType[];
  readonly authentications: readonly ListenerAuthentication[];
  /** Ports the back end uses itself, with their use (for messages). */
  readonly takenPorts: { readonly [port: number]: string };
  /**
   * Flavour checks of one declared listener, after the shared ones (name pattern, ports,
   * types, authentications): reserved names, TLS support, external settings.
   */
  validateListener(scope: IConstruct, field: string, listener: KafkaListenerOptions, brokerCount: number): void;
  /** The NodePorts a declared listener takes (checked for range and uniqueness across all listeners). */
  nodePorts(field: string, listener: KafkaListenerOptions, brokerCount: number): NodePortUse[];
  /** Listeners of a cluster declaring none. */
  readonly defaultListeners: readonly KafkaListenerOptions[];
  readonly brokers: NodeDefaults;
  readonly controllers: NodeDefaults;
  /** Refuses config keys the back end manages (after the shared key/value checks). */
  rejectManagedConfig(scope: IConstruct, field: string, config: { readonly [key: string]: KafkaConfigValue }): void;
  /** Name of a pool's objects (raw StatefulSet, Strimzi KafkaNodePool). */
  poolName(clusterName: string, key: PoolKey): string;
  /** Name of the Service a listener's in-cluster clients bootstrap from. */
  bootstrapService(clusterName: string, listener: { readonly name: string; readonly type: ListenerType }): string;
  /**
   * Whether the back end renders one PodDisruptionBudget over every pool (Strimzi) rather than
   * one per pool (raw): the budget then has to satisfy every pool at once.
   */
  readonly singleDisruptionBudget: boolean;
}
