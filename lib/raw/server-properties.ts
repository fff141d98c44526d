// The static server.properties of raw brokers and controllers, built from the cluster model
// (per-pod keys such as node.id and advertised.listeners are added by the start script).
import { ClusterModel, KafkaConfigValue, KafkaPorts, ListenerAuthentication, replicationConfig, ResolvedListener } from '../kafka';
import { RawLayout } from './raw-layout';

/** Where the data volume is mounted; the log dir is a subdirectory because a fresh volume has lost+found. */
export const DATA_MOUNT = '/var/lib/kafka/data';
export const LOG_DIRS = `${DATA_MOUNT}/logs`;
/** Kafka's replica selector that serves fetches from a replica in the consumer's `client.rack`. */
export const RACK_AWARE_REPLICA_SELECTOR = 'org.apache.kafka.common.replica.RackAwareReplicaSelector';
const SCRAM_JAAS = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';

/** Raw settings that reach server.properties besides the model's. */
export interface RawPropertiesOptions {
  /** Typed broker props (auto.create.topics.enable, num.partitions, ...), already validated. */
  readonly typed: { readonly [key: string]: KafkaConfigValue };
  /** ZooKeeper connect string (ZooKeeper mode). */
  readonly zookeeperConnect?: string;
  /** Rack-aware layout (zones): the rack-aware replica selector unless the user chose one. */
  readonly rackAware: boolean;
}

/** The internal listeners of a broker: `[kafka name, port, security protocol]`, client listeners first. */
export function brokerListenerEntries(model: ClusterModel): [string, number, string][] {
  const combined = model.quorum?.voterPool === 'dual-role';
  return [
    ...model.listeners.map(l => [l.kafkaName, l.port, l.securityProtocol] as [string, number, string]),
    ['REPLICATION', KafkaPorts.REPLICATION, 'PLAINTEXT'],
    ...(combined ? [['CONTROLLER', KafkaPorts.CONTROLLER, 'PLAINTEXT'] as [string, number, string]] : []),
  ];
}

/** Properties shared by brokers and controllers: replication, typed props, the user's config. */
function sharedProperties(model: ClusterModel, o: RawPropertiesOptions): Record<string, KafkaConfigValue> {
  return { ...replicationConfig(model.replication), ...o.typed, ...model.config };
}

/** server.properties of the broker pool (combined nodes included). */
export function brokerProperties(model: ClusterModel, layout: RawLayout, o: RawPropertiesOptions): Record<string, KafkaConfigValue> {
  const kraft = model.mode === 'kraft';
  const dedicated = kraft && model.quorum?.voterPool === 'controller';
  const entries = brokerListenerEntries(model);
  const protocolMap = [...entries.map(([n, , p]) => `${n}:${p}`), ...(dedicated ? ['CONTROLLER:PLAINTEXT'] : [])];
  const props: Record<string, KafkaConfigValue> = {
    ...sharedProperties(model, o),
    'listeners': entries.map(([n, p]) => `${n}://:${p}`).join(','),
    'listener.security.protocol.map': protocolMap.join(','),
    'inter.broker.listener.name': 'REPLICATION',
    'log.dirs': LOG_DIRS,
  };
  for (const l of model.listeners) Object.assign(props, saslProperties(l));
  if (o.rackAware && !('replica.selector.class' in model.config)) {
    // Lets consumers that set client.rack fetch from a replica in their own zone (KIP-392).
    props['replica.selector.class'] = RACK_AWARE_REPLICA_SELECTOR;
  }
  if (kraft) {
    props['process.roles'] = dedicated ? 'broker' : 'broker,controller';
    props['controller.listener.names'] = 'CONTROLLER';
    props['controller.quorum.voters'] = layout.quorumVoters!;
  } else {
    props['zookeeper.connect'] = o.zookeeperConnect!;
  }
  return sortKeys(props);
}

/** server.properties of dedicated controllers. */
export function controllerProperties(model: ClusterModel, layout: RawLayout, o: RawPropertiesOptions): Record<string, KafkaConfigValue> {
  return sortKeys({
    ...sharedProperties(model, o),
    'process.roles': 'controller',
    'listeners': `CONTROLLER://:${KafkaPorts.CONTROLLER}`,
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'controller.quorum.voters': layout.quorumVoters!,
    'log.dirs': LOG_DIRS,
  });
}

function saslProperties(l: ResolvedListener): Record<string, string> {
  if (l.authentication !== ListenerAuthentication.SCRAM_SHA_512) return {};
  return {
    [`listener.name.${l.name}.sasl.enabled.mechanisms`]: 'SCRAM-SHA-512',
    [`listener.name.${l.name}.scram-sha-512.sasl.jaas.config`]: SCRAM_JAAS,
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map(k => [k, o[k]]));
}
