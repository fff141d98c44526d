import { IConstruct } from 'constructs';
import {
  ClusterFlavour, fail, FlavourRules, isDns1123Subdomain, KafkaConfigValue, KafkaListenerOptions, KafkaPorts, ListenerAuthentication,
  ListenerType, RAW_MANAGED_KEYS, rejectManagedKeys,
} from '../kafka';

/** Listener names the raw brokers use themselves. */
const RESERVED_LISTENER_NAMES = ['controller', 'replication'];

/** Settings only raw external listeners have (see `KafkaBrokersListener`). */
interface RawExternalSettings {
  readonly nodePortBase?: number;
  readonly advertisedHosts?: string[];
}

/** The raw back end's rules for the shared cluster model. */
export function rawRules(kraft: boolean): FlavourRules {
  return {
    flavour: ClusterFlavour.RAW,
    listenerTypes: [ListenerType.INTERNAL, ListenerType.NODE_PORT, ListenerType.LOAD_BALANCER],
    authentications: [ListenerAuthentication.NONE, ListenerAuthentication.SCRAM_SHA_512],
    takenPorts: Object.fromEntries([
      [KafkaPorts.REPLICATION, 'replication listener'],
      ...(kraft ? [[KafkaPorts.CONTROLLER, 'KRaft controller listener']] : []),
    ]),
    defaultListeners: [{ name: 'plain', port: KafkaPorts.CLIENT }],
    brokers: { resources: { cpuRequest: '500m', memoryRequest: '2Gi' }, storageSize: '100Gi' },
    controllers: { resources: { cpuRequest: '250m', memoryRequest: '1Gi' }, storageSize: '10Gi' },
    singleDisruptionBudget: false,
    validateListener: validateRawListener,
    // Broker i of a NODE_PORT listener takes nodePortBase + i (range checked by validateRawListener).
    nodePorts: (f, l, brokerCount) => {
      const base = (l as RawExternalSettings).nodePortBase;
      return base === undefined ? [] : Array.from({ length: brokerCount }, (_, i) => ({ port: base + i, field: `${f}.nodePortBase` }));
    },
    rejectManagedConfig: rejectRawManagedConfig,
    poolName: (cluster, key) => (key === 'controller' ? `${cluster}-controller` : `${cluster}-kafka`),
    // Every listener of raw brokers is on the one bootstrap Service (external ones too, for in-cluster clients).
    bootstrapService: cluster => `${cluster}-kafka-bootstrap`,
  };
}

function validateRawListener(scope: IConstruct, f: string, listener: KafkaListenerOptions, brokerCount: number): void {
  const l = listener as KafkaListenerOptions & RawExternalSettings;
  if (RESERVED_LISTENER_NAMES.includes(l.name) || !/[a-z]/.test(l.name)) {
    fail(scope, `${f}.name`, l.name, `a name with at least one letter, other than ${RESERVED_LISTENER_NAMES.join(' and ')} (used by the construct)`,
      'rename the listener, e.g. "plain" or "external"');
  }
  if (l.tls) {
    fail(scope, `${f}.tls`, l.tls, 'false: raw brokers have no certificate management', 'remove tls, or use the Strimzi flavour (StrimziCluster) for TLS listeners');
  }
  const type = l.type ?? ListenerType.INTERNAL;
  if (type === ListenerType.INTERNAL) {
    if (l.nodePortBase !== undefined || l.advertisedHosts !== undefined) {
      fail(scope, `${f}.type`, type, 'nodePortBase and advertisedHosts only on NODE_PORT or LOAD_BALANCER listeners', `remove them or set type on listener "${l.name}"`);
    }
    return;
  }
  if (type === ListenerType.NODE_PORT) {
    const max = 32767 - (brokerCount - 1);
    if (l.nodePortBase === undefined || !Number.isInteger(l.nodePortBase) || l.nodePortBase < 30000 || l.nodePortBase > max) {
      fail(scope, `${f}.nodePortBase`, l.nodePortBase, `an integer from 30000 to ${max} (broker i uses nodePortBase + i, within 30000-32767)`,
        'set nodePortBase, e.g. 31090');
    }
  } else if (l.nodePortBase !== undefined) {
    fail(scope, `${f}.nodePortBase`, l.nodePortBase, 'nodePortBase only on NODE_PORT listeners', 'remove nodePortBase');
  }
  if (type === ListenerType.LOAD_BALANCER && l.advertisedHosts === undefined) {
    fail(scope, `${f}.advertisedHosts`, undefined, `one host per broker (${brokerCount}) for a LOAD_BALANCER listener (the balancer address is only known after apply)`,
      'list the DNS names you point at the per-broker load balancers');
  }
  if (l.advertisedHosts !== undefined) {
    if (l.advertisedHosts.length < brokerCount) {
      fail(scope, `${f}.advertisedHosts`, l.advertisedHosts, `one host per broker (${brokerCount})`, `list ${brokerCount} hosts, index = broker ordinal`);
    }
    l.advertisedHosts.forEach((h, j) => {
      if (typeof h !== 'string' || !(isDns1123Subdomain(h) || /^\d{1,3}(\.\d{1,3}){3}$/.test(h))) {
        fail(scope, `${f}.advertisedHosts[${j}]`, h, 'a DNS name or an IPv4 address', 'give the host clients use to reach this broker, e.g. "kafka-0.example.com"');
      }
    });
  }
}

function rejectRawManagedConfig(scope: IConstruct, field: string, config: { readonly [key: string]: KafkaConfigValue }): void {
  rejectManagedKeys(scope, field, config, RAW_MANAGED_KEYS,
    'remove it: listeners, ids, the quorum and log dirs are set by KafkaBrokers from its typed props');
  for (const key of Object.keys(config)) {
    if (key.startsWith('listener.name.') || key === 'sasl.enabled.mechanisms') {
      fail(scope, `${field}["${key}"]`, key, 'no listener or SASL keys (KafkaBrokers sets them from the listeners prop)', 'declare the listener with authentication: ListenerAuthentication.SCRAM_SHA_512 instead');
    }
  }
}
