import { KafkaConfigKind } from './model';

/**
 * Keys that Kafka's ConfigDefs do not list but Kafka (or a plugin it loads) reads all the same.
 * A key under a `prefix` is free-form; one under a `nested` prefix is checked as a key of that
 * other kind (a Connect worker's `producer.` overrides are producer keys).
 */
interface FreeForm {
  readonly prefixes: readonly string[];
  readonly exact: readonly string[];
  readonly nested: readonly (readonly [string, KafkaConfigKind])[];
}

// Read by AbstractConfig itself for every kind (KIP-297 config providers), and by JmxReporter.
const COMMON = ['config.providers.', 'metrics.jmx.'];
// Connector-level converter, transformation and predicate settings (keyed by the plugin or alias).
const CONNECTOR = ['key.converter.', 'value.converter.', 'header.converter.', 'transforms.', 'predicates.',
  'topic.creation.', 'producer.override.', 'consumer.override.', 'admin.override.'];
// MirrorMaker 2 connectors: client settings per cluster and for the offset-syncs clients (MirrorConnectorConfig).
const MIRROR = [...CONNECTOR, 'source.cluster.', 'target.cluster.', 'offset-syncs.source.', 'offset-syncs.target.'];

const FREE_FORM: { readonly [kind in KafkaConfigKind]: FreeForm } = {
  broker: {
    prefixes: [...COMMON,
      'listener.name.', // per-listener overrides (raw brokers refuse them: the construct sets listeners)
      'rsm.config.', 'rlmm.config.', // default prefixes of tiered storage plugin settings
      'client.quota.callback.static.', 'cruise.control.metrics.', 'prometheus.metrics.reporter.', // Strimzi's broker plugins
    ],
    // Read by the authorizers (StandardAuthorizer, AclAuthorizer) from the broker config, outside the ConfigDef.
    exact: ['super.users', 'allow.everyone.if.no.acl.found', 'config.providers'],
    nested: [],
  },
  // The broker refuses an unknown topic config name: nothing is free-form.
  topic: { prefixes: [], exact: [], nested: [] },
  producer: { prefixes: COMMON, exact: ['config.providers'], nested: [] },
  consumer: { prefixes: COMMON, exact: ['config.providers'], nested: [] },
  admin: { prefixes: COMMON, exact: ['config.providers'], nested: [] },
  connect: {
    // Worker-level converter settings, the HTTPS settings of the REST listeners, and the worker's clients.
    prefixes: [...COMMON, 'key.converter.', 'value.converter.', 'header.converter.', 'listeners.https.', 'admin.listeners.https.'],
    exact: ['config.providers'],
    nested: [['producer.', 'producer'], ['consumer.', 'consumer'], ['admin.', 'admin']],
  },
  // Standalone MirrorMaker 2 (connect-mirror-maker.sh): cluster aliases prefix every client and connector key.
  'mirrormaker': { prefixes: [], exact: [], nested: [] },
  'mirror-source': { prefixes: [...COMMON, ...MIRROR], exact: ['config.providers'], nested: [] },
  'mirror-checkpoint': { prefixes: [...COMMON, ...MIRROR], exact: ['config.providers'], nested: [] },
  'mirror-heartbeat': { prefixes: [...COMMON, ...MIRROR], exact: ['config.providers'], nested: [] },
};

/** Whether `key` is free-form for `kind` (a plugin's or a prefixed override Kafka passes on). */
export function isFreeForm(kind: KafkaConfigKind, key: string, extraPrefixes: readonly string[] = []): boolean {
  const f = FREE_FORM[kind];
  return f.exact.includes(key) || [...f.prefixes, ...extraPrefixes].some(p => key.startsWith(p) && key.length > p.length);
}

/** The kind and key a nested prefix stands for (`producer.acks` of a worker → producer `acks`). */
export function nestedKey(kind: KafkaConfigKind, key: string): [KafkaConfigKind, string, string] | undefined {
  const hit = FREE_FORM[kind].nested.find(([p]) => key.startsWith(p) && key.length > p.length);
  return hit ? [hit[1], key.slice(hit[0].length), hit[0]] : undefined;
}

/** The prefixes documented as free-form for `kind`, for error messages. */
export function freeFormPrefixes(kind: KafkaConfigKind): readonly string[] {
  return [...FREE_FORM[kind].prefixes, ...FREE_FORM[kind].nested.map(([p]) => p)];
}

/**
 * Deprecated keys that are only aliases of a newer key: refused with the new name, which works in
 * every modelled version and survives the upgrade that removes the alias. Other deprecated keys
 * still change what Kafka does and have no drop-in replacement: they stay allowed (their removal,
 * when a version no longer has them, is refused as an unknown key of that version).
 */
export const DEPRECATED_ALIASES: { readonly [kind: string]: { readonly [key: string]: string } } = {
  'broker': { 'delegation.token.master.key': 'delegation.token.secret.key' },
  'mirror-source': { 'topics.blacklist': 'topics.exclude', 'config.properties.blacklist': 'config.properties.exclude' },
  'mirror-checkpoint': { 'topics.blacklist': 'topics.exclude', 'groups.blacklist': 'groups.exclude' },
};

/**
 * Settings that Kafka removed, with what to do instead (the message for a key a version no longer
 * has names the versions that had it; these add the replacement).
 */
export const REMOVAL_HINTS: { readonly [key: string]: string } = {
  'log.message.format.version': 'Kafka 4 always writes the v2 record format: remove it',
  'message.format.version': 'Kafka 4 always writes the v2 record format: remove it',
  'inter.broker.protocol.version': 'KRaft clusters use the metadata version (kafka-features.sh, or metadataVersion on Strimzi): remove it',
  'auto.include.jmx.reporter': 'add org.apache.kafka.common.metrics.JmxReporter to metric.reporters instead',
  'log.message.timestamp.difference.max.ms': 'use log.message.timestamp.before.max.ms and log.message.timestamp.after.max.ms',
  'message.timestamp.difference.max.ms': 'use message.timestamp.before.max.ms and message.timestamp.after.max.ms',
  'log.message.downconversion.enable': 'Kafka 4 never down-converts: remove it',
  'message.downconversion.enable': 'Kafka 4 never down-converts: remove it',
};
