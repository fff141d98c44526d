import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ClusterFlavour } from '../cluster';
import { KafkaControllerOptions } from '../cluster-props';
import { KafkaConfigMap, validateConfigMap } from '../config';
import { fail } from '../errors';
import { KafkaLabels } from '../labels';
import { KafkaClientListener, KafkaListenerOptions, ListenerAuthentication, ListenerType, securityProtocolOf, validateListeners } from '../listeners';
import { isDns1123Subdomain, validateDnsLabel } from '../names';
import { checkNodePorts } from '../ports';
import { ReplicationOptions, replicationConfig, resolveReplication, safeBrokerDisruptions, validateInteger } from '../replication';
import { defaultHeap, resolveResources, ResourceSpec, validateHeap } from '../resources';
import { KafkaStorage, refuseLoneEphemeral } from '../storage';
import { FlavourRules } from './flavour-rules';
import { MAX_BROKERS, NODE_ID_RANGES } from './node-ids';
import { quorumMaxUnavailable, validateVoterCount, VoterKind } from './quorum';
import { ClusterModel, MetadataMode, NodePoolModel, NodeRef, NodeRole, PoolKey, QuorumModel, ResolvedListener } from './types';

/** Longest cluster name: leaves room for the suffixes both flavours append (e.g. `-kafka-bootstrap`, `-controller-0`). */
export const MAX_CLUSTER_NAME_LENGTH = 40;

/** What `resolveClusterModel` reads: the shared props plus what the flavour construct decided. */
export interface ClusterModelInput {
  readonly clusterName?: string;
  readonly namespace?: string;
  readonly clusterDomain?: string;
  readonly brokers?: number;
  readonly listeners?: readonly KafkaListenerOptions[];
  readonly storage?: KafkaStorage;
  readonly resources?: ResourceSpec;
  readonly heap?: string;
  readonly replication?: ReplicationOptions;
  readonly config?: KafkaConfigMap;
  readonly controllers?: KafkaControllerOptions;
  readonly networkPolicies?: boolean;
  /** Decided by the construct (raw: `mode`/`zookeeper`; Strimzi: `zookeeper`). */
  readonly mode: MetadataMode;
  /** Decided by the construct (image tag or Strimzi release). */
  readonly kafkaVersion: string;
}

/** The cluster name of `KafkaClusterProps.clusterName`: given, else the construct id lower-cased; validated. */
export function resolveClusterName(scope: IConstruct, clusterName: string | undefined): string {
  return validateDnsLabel(scope, 'clusterName', clusterName ?? scope.node.id.toLowerCase(), MAX_CLUSTER_NAME_LENGTH);
}

/** The namespace of a cluster construct: given, else the chart's, else `default`. */
export function resolveNamespace(scope: IConstruct, namespace: string | undefined): string {
  return validateDnsLabel(scope, 'namespace', namespace ?? Chart.of(scope).namespace ?? 'default');
}

/** The cluster DNS domain (`cluster.local` unless the Kubernetes cluster was set up otherwise). */
export function resolveClusterDomain(scope: IConstruct, domain: string | undefined): string {
  const d = domain ?? 'cluster.local';
  if (typeof d !== 'string' || !isDns1123Subdomain(d)) {
    fail(scope, 'clusterDomain', d, "a DNS domain: lower-case letters, digits, '-' and '.'", 'use the domain your cluster DNS serves, e.g. "cluster.local"');
  }
  return d;
}

/**
 * Validates the shared cluster props once and resolves everything both back ends derive from
 * them: names, node pools with their node ids, the quorum, listeners, replication, config and
 * disruption budgets. Flavour differences come in as {@link FlavourRules}.
 */
export function resolveClusterModel(scope: IConstruct, input: ClusterModelInput, rules: FlavourRules): ClusterModel {
  const clusterName = resolveClusterName(scope, input.clusterName);
  const namespace = resolveNamespace(scope, input.namespace);
  const clusterDomain = resolveClusterDomain(scope, input.clusterDomain);
  const kraft = input.mode === 'kraft';
  const brokerCount = validateInteger(scope, 'brokers', input.brokers ?? 3, 1, MAX_BROKERS);
  if (!kraft && input.controllers !== undefined) {
    fail(scope, 'controllers', input.controllers, 'no controllers in ZooKeeper mode (controllers are a KRaft concept)', 'remove controllers, or use KRaft');
  }
  const controllerCount = kraft && input.controllers
    ? validateVoterCount(scope, 'controllers.replicas', input.controllers.replicas, VoterKind.CONTROLLERS)
    : 0;
  // One quorum rule, whatever makes the voters: combined nodes (every broker votes) follow it too.
  if (kraft && controllerCount === 0) validateVoterCount(scope, 'brokers', brokerCount, VoterKind.COMBINED);

  // Listeners: validated against the flavour's rules, every default resolved here once.
  const declared = input.listeners ?? rules.defaultListeners;
  validateListeners(scope, 'listeners', declared, { types: rules.listenerTypes, authentications: rules.authentications, takenPorts: rules.takenPorts });
  declared.forEach((l, i) => rules.validateListener(scope, `listeners[${i}]`, l, brokerCount));
  checkNodePorts(scope, declared.flatMap((l, i) => rules.nodePorts(`listeners[${i}]`, l, brokerCount)));
  const listeners = declared.map(l => resolveListener(l, rules, clusterName, namespace, clusterDomain));

  const replication = resolveReplication(scope, brokerCount, input.replication);
  // Raw brokers write server.properties themselves, escaped; Strimzi's operator writes the config.
  const config = validateConfigMap(scope, 'config', input.config, { kind: 'broker', kafkaVersion: input.kafkaVersion },
    { escapedByLibrary: rules.flavour === ClusterFlavour.RAW });
  rules.rejectManagedConfig(scope, 'config', config);
  for (const key of Object.keys(config)) {
    if (key in replicationConfig(replication)) {
      fail(scope, `config["${key}"]`, key, 'no replication keys in config (they are derived from the broker count and checked)',
        `remove it and set replication.${REPLICATION_PROPS[key]} instead`);
    }
  }

  // Pools and node ids.
  const brokerPoolKey: PoolKey = kraft && controllerCount === 0 ? 'dual-role' : 'broker';
  const brokerRoles: NodeRole[] = !kraft ? ['broker'] : controllerCount === 0 ? ['controller', 'broker'] : ['broker'];
  const brokerDisruptions = safeBrokerDisruptions(replication);
  const pool = (key: PoolKey, roles: NodeRole[], replicas: number, range: { first: number; last: number }, o: {
    storage?: KafkaStorage; storageField: string; resources?: ResourceSpec; resourcesField: string; heap?: string; heapField: string; defaults: { resources: ResourceSpec; storageSize: string };
  }): NodePoolModel => {
    refuseLoneEphemeral(scope, o.storageField, replicas, o.storage, key === 'controller' ? 'controller' : 'broker');
    const resources = resolveResources(scope, o.resourcesField, o.resources, o.defaults.resources);
    const heap = o.heap ?? defaultHeap(resources.limits.memory);
    validateHeap(scope, o.heapField, heap, resources.limits.memory);
    const nodes: NodeRef[] = Array.from({ length: replicas }, (_, index) => ({ id: range.first + index, pool: key, index, roles }));
    const voters = roles.includes('controller') ? quorumMaxUnavailable(replicas) : Infinity;
    const brokersDown = roles.includes('broker') ? brokerDisruptions : Infinity;
    return {
      key, name: rules.poolName(clusterName, key), roles, replicas, firstId: range.first, lastId: range.last, nodes,
      storage: o.storage ?? KafkaStorage.persistent({ size: o.defaults.storageSize }), storageField: o.storageField, defaultSize: o.defaults.storageSize,
      resources, heap, maxUnavailable: Math.min(voters, brokersDown),
    };
  };
  // The broker pool first: the cluster's main pool.
  const pools: NodePoolModel[] = [pool(brokerPoolKey, brokerRoles, brokerCount, NODE_ID_RANGES.broker, {
    storage: input.storage, storageField: 'storage', resources: input.resources, resourcesField: 'resources',
    heap: input.heap, heapField: 'heap', defaults: rules.brokers,
  })];
  if (controllerCount > 0) {
    const c = input.controllers!;
    pools.push(pool('controller', ['controller'], controllerCount, NODE_ID_RANGES.controller, {
      storage: c.storage, storageField: 'controllers.storage', resources: c.resources, resourcesField: 'controllers.resources',
      heap: c.heap, heapField: 'controllers.heap', defaults: rules.controllers,
    }));
  }
  if (rules.singleDisruptionBudget) {
    const shared = Math.min(...pools.map(p => p.maxUnavailable));
    pools.splice(0, pools.length, ...pools.map(p => ({ ...p, maxUnavailable: shared })));
  }

  let quorum: QuorumModel | undefined;
  if (kraft) {
    const voterPool = pools.find(p => p.roles.includes('controller'))!;
    quorum = { voterPool: voterPool.key, voters: voterPool.nodes };
  }

  return {
    clusterName, namespace, clusterDomain, kafkaVersion: input.kafkaVersion, mode: input.mode, brokerCount,
    pools, quorum, listeners, replication, config,
    clientLabels: { [KafkaLabels.CLIENT_OF]: clusterName },
    networkPolicies: input.networkPolicies ?? true,
  };
}

function resolveListener(l: KafkaListenerOptions, rules: FlavourRules, clusterName: string, namespace: string, domain: string): ResolvedListener {
  const type = l.type ?? ListenerType.INTERNAL;
  const authentication = l.authentication ?? ListenerAuthentication.NONE;
  const tls = !!l.tls;
  const bootstrapService = rules.bootstrapService(clusterName, { name: l.name, type });
  const saslMechanism = authentication === ListenerAuthentication.SCRAM_SHA_512 ? 'SCRAM-SHA-512'
    : authentication === ListenerAuthentication.OAUTH ? 'OAUTHBEARER' : undefined;
  return {
    name: l.name,
    kafkaName: l.name.toUpperCase(),
    port: l.port,
    type,
    tls,
    authentication,
    external: type !== ListenerType.INTERNAL && type !== ListenerType.CLUSTER_IP,
    bootstrapService,
    bootstrapServers: `${serviceDns(bootstrapService, namespace, domain)}:${l.port}`,
    securityProtocol: securityProtocolOf(tls, authentication),
    ...(saslMechanism ? { saslMechanism } : {}),
  };
}

/** What clients see of a resolved listener (the public `KafkaClientListener` view). */
export function clientView(l: ResolvedListener): KafkaClientListener {
  return {
    name: l.name, port: l.port, type: l.type, tls: l.tls, authentication: l.authentication,
    bootstrapServers: l.bootstrapServers, securityProtocol: l.securityProtocol, ...(l.saslMechanism ? { saslMechanism: l.saslMechanism } : {}),
  };
}

/** The in-cluster DNS name of a Service: `<svc>.<ns>.svc.<domain>`, the same in both flavours. */
export function serviceDns(service: string, namespace: string, domain: string): string {
  return `${service}.${namespace}.svc.${domain}`;
}

/** The replication prop of each replication key (for the fix of a refused config key). */
const REPLICATION_PROPS: Record<string, string> = {
  'default.replication.factor': 'defaultReplicationFactor',
  'min.insync.replicas': 'minInsyncReplicas',
  'offsets.topic.replication.factor': 'offsetsTopicReplicationFactor',
  'transaction.state.log.replication.factor': 'transactionStateLogReplicationFactor',
  'transaction.state.log.min.isr': 'transactionStateLogMinIsr',
};
