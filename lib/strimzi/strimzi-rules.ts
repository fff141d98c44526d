import { IConstruct } from 'constructs';
import {
  ClusterFlavour, fail, FlavourRules, KafkaListenerOptions, KafkaPorts, NodePortUse, ListenerAuthentication, ListenerType, rejectStrimziForbiddenKeys, validateInteger,
} from '../kafka';
import { StrimziNodePoolNames } from './strimzi-cluster-props';
import { StrimziListenerOptions } from './strimzi-listener';
import { StrimziVersion } from './strimzi-version';

/** Listener types exposed outside the Kubernetes cluster (Strimzi creates per-broker Services, Ingresses or Routes). */
export const EXTERNAL_TYPES: readonly ListenerType[] = [ListenerType.NODE_PORT, ListenerType.LOAD_BALANCER, ListenerType.INGRESS, ListenerType.ROUTE];

/** The Strimzi back end's rules for the shared cluster model. */
export function strimziRules(version: StrimziVersion, poolNames: Required<StrimziNodePoolNames>, zookeeper: boolean): FlavourRules {
  return {
    flavour: ClusterFlavour.STRIMZI,
    listenerTypes: [ListenerType.INTERNAL, ListenerType.CLUSTER_IP, ListenerType.NODE_PORT, ListenerType.LOAD_BALANCER, ListenerType.INGRESS, ListenerType.ROUTE],
    authentications: version.isV1
      ? [ListenerAuthentication.NONE, ListenerAuthentication.TLS, ListenerAuthentication.SCRAM_SHA_512, ListenerAuthentication.CUSTOM]
      : [ListenerAuthentication.NONE, ListenerAuthentication.TLS, ListenerAuthentication.SCRAM_SHA_512, ListenerAuthentication.CUSTOM, ListenerAuthentication.OAUTH],
    takenPorts: { 9090: 'Strimzi control plane listener', 9091: 'Strimzi replication listener' },
    defaultListeners: [
      { name: 'plain', port: KafkaPorts.CLIENT },
      { name: 'tls', port: KafkaPorts.TLS_CLIENT, tls: true },
    ],
    brokers: { resources: { cpuRequest: '500m', memoryRequest: '2Gi' }, storageSize: '100Gi' },
    controllers: { resources: { cpuRequest: '250m', memoryRequest: '1Gi' }, storageSize: '20Gi' },
    // Strimzi renders one PodDisruptionBudget over the pods of every node pool.
    singleDisruptionBudget: true,
    validateListener: validateStrimziListener,
    nodePorts: strimziNodePorts,
    rejectManagedConfig: rejectStrimziForbiddenKeys,
    poolName: (cluster, key) => (zookeeper ? `${cluster}-kafka` : key === 'dual-role' ? poolNames.dualRole : key === 'controller' ? poolNames.controller : poolNames.broker),
    bootstrapService: (cluster, l) => (l.type === ListenerType.INTERNAL ? `${cluster}-kafka-bootstrap` : `${cluster}-kafka-${l.name}-bootstrap`),
  };
}

/** The nodePorts a Strimzi listener sets explicitly (bootstrap, then per broker); Kubernetes assigns the others. */
function strimziNodePorts(f: string, listener: KafkaListenerOptions): NodePortUse[] {
  const l = listener as StrimziListenerOptions;
  return [
    ...(l.bootstrap?.nodePort !== undefined ? [{ port: l.bootstrap.nodePort, field: `${f}.bootstrap.nodePort` }] : []),
    ...(l.brokers ?? []).flatMap((b, j) => (b.nodePort !== undefined ? [{ port: b.nodePort, field: `${f}.brokers[${j}].nodePort` }] : [])),
  ];
}

function validateStrimziListener(scope: IConstruct, f: string, listener: KafkaListenerOptions, brokerCount: number): void {
  const l = listener as StrimziListenerOptions;
  const type = l.type ?? ListenerType.INTERNAL;
  const external = EXTERNAL_TYPES.includes(type);
  const maxId = brokerCount - 1;
  if (!external && (l.brokers || l.bootstrap)) {
    fail(scope, `${f}.brokers`, type, `bootstrap/brokers settings only on external listener types (${EXTERNAL_TYPES.join(', ')})`,
      `remove bootstrap/brokers from listener "${l.name}" or change its type`);
  }
  const nodePorts = [l.bootstrap?.nodePort, ...(l.brokers ?? []).map(b => b.nodePort)].filter(p => p !== undefined);
  if (type !== ListenerType.NODE_PORT && nodePorts.length) {
    fail(scope, `${f}.type`, type, 'bootstrap.nodePort and brokers[].nodePort only on nodeport listeners (Strimzi ignores them otherwise)',
      `remove the nodePorts from listener "${l.name}" or set type: ListenerType.NODE_PORT`);
  }
  const brokerIds = new Set<number>();
  (l.brokers ?? []).forEach((b, j) => {
    validateInteger(scope, `${f}.brokers[${j}].broker`, b.broker, 0, maxId, `use a broker id from 0 to ${maxId}`);
    if (brokerIds.has(b.broker)) {
      fail(scope, `${f}.brokers[${j}].broker`, b.broker, 'each broker id once', 'merge the settings of this broker into one entry');
    }
    brokerIds.add(b.broker);
  });
  if (type === ListenerType.INGRESS) {
    if (!l.bootstrap?.host) {
      fail(scope, `${f}.bootstrap.host`, l.bootstrap?.host, 'a host name for the bootstrap Ingress (required for ingress listeners)', `set bootstrap: { host: "bootstrap.example.com" } on listener "${l.name}"`);
    }
    for (let b = 0; b < brokerCount; b++) {
      if (!l.brokers?.find(x => x.broker === b)?.host) {
        fail(scope, `${f}.brokers`, l.brokers?.map(x => x.broker) ?? [], `a host for every broker 0..${maxId} (required for ingress listeners)`,
          `add { broker: ${b}, host: "broker-${b}.example.com" } to listener "${l.name}"`);
      }
    }
  }
  if (l.customAuthentication && l.authentication !== ListenerAuthentication.CUSTOM) {
    fail(scope, `${f}.customAuthentication`, l.authentication ?? 'none', 'customAuthentication only with authentication: ListenerAuthentication.CUSTOM',
      'remove customAuthentication or set authentication to CUSTOM');
  }
}
