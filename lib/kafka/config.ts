import { IConstruct } from 'constructs';
import { checkConfigModel, ConfigModelOptions } from './config-model';
import { fail } from './errors';

/** A Kafka configuration value; rendered as its string form in properties files. */
export type KafkaConfigValue = string | number | boolean;

/** A map of Kafka configuration properties (`server.properties` keys). */
export type KafkaConfigMap = { readonly [key: string]: KafkaConfigValue };

const CONFIG_KEY = /^[a-z0-9][a-z0-9._-]*$/;

// C0 controls, DEL, C1 controls (U+0085 is a line break to Java's readers) and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Options of {@link validateConfigMap} beyond the config model. */
export interface ConfigMapOptions {
  /**
   * The values end up in a file this library writes and escapes itself (raw server.properties):
   * control characters are then data, not structure. Otherwise (Strimzi resources, topic
   * configs, client overrides) a line break would end the property, or add keys, wherever the
   * operator or a CLI writes it, and no Kafka setting needs one: refused.
   * @default false
   */
  readonly escapedByLibrary?: boolean;
}

/**
 * Validates config keys and value types; with `model`, also against Kafka's own ConfigDef of that
 * kind and version (unknown or removed keys, types, ranges, enums: see docs/kafka-config-model.md).
 * Returns a copy with sorted keys (deterministic output).
 */
export function validateConfigMap(scope: IConstruct, field: string, config: KafkaConfigMap | undefined, model?: ConfigModelOptions,
  options: ConfigMapOptions = {}): Record<string, KafkaConfigValue> {
  const out: Record<string, KafkaConfigValue> = {};
  for (const key of Object.keys(config ?? {}).sort()) {
    const value = config![key];
    if (!CONFIG_KEY.test(key)) {
      fail(scope, `${field}["${key}"]`, key, 'a Kafka property name: lower-case letters, digits, ".", "_" and "-"', 'use the property name as documented by Kafka, e.g. "log.retention.hours"');
    }
    if (!['string', 'number', 'boolean'].includes(typeof value) || (typeof value === 'number' && !Number.isFinite(value))) {
      fail(scope, `${field}["${key}"]`, value, 'a string, finite number or boolean', `give ${key} a scalar value`);
    }
    if (typeof value === 'string' && !options.escapedByLibrary && CONTROL.test(value)) {
      fail(scope, `${field}["${key}"]`, value,
        'a value without line breaks, tabs or other control characters (the operator or CLI that writes it into a properties file or request does not escape them: a line break would end the value or add keys)',
        `write ${key} on one line; a list setting is comma-separated`);
    }
    out[key] = value;
  }
  if (model) checkConfigModel(scope, field, out, model);
  return out;
}

/**
 * Keys managed by the construct itself (listeners, ids, quorum…). Setting them in a free
 * config map would silently break the cluster, so raw brokers reject them.
 */
export const RAW_MANAGED_KEYS: readonly string[] = [
  'advertised.listeners', 'broker.id', 'node.id', 'listeners', 'listener.security.protocol.map',
  'inter.broker.listener.name', 'controller.listener.names', 'controller.quorum.voters',
  'controller.quorum.bootstrap.servers', 'process.roles', 'zookeeper.connect', 'log.dirs', 'log.dir',
];

/** Rejects keys the construct manages itself. */
export function rejectManagedKeys(scope: IConstruct, field: string, config: KafkaConfigMap, managed: readonly string[], fix: string): void {
  for (const key of Object.keys(config).sort()) {
    if (managed.includes(key)) {
      fail(scope, `${field}["${key}"]`, key, `any key except the ones this construct manages (${managed.join(', ')})`, fix);
    }
  }
}

/**
 * Config prefixes the Strimzi operator forbids in `spec.kafka.config` (it manages them).
 * From Strimzi's KafkaClusterSpec FORBIDDEN_PREFIXES / FORBIDDEN_PREFIX_EXCEPTIONS.
 */
export const STRIMZI_FORBIDDEN_PREFIXES: readonly string[] = [
  'listeners', 'advertised.', 'broker.', 'listener.', 'host.name', 'port', 'inter.broker.listener.name',
  'sasl.', 'ssl.', 'security.', 'password.', 'log.dir', 'zookeeper.connect', 'zookeeper.set.acl',
  'zookeeper.ssl', 'zookeeper.clientCnxnSocket', 'authorizer.', 'super.user', 'cruise.control.metrics.topic',
  'cruise.control.metrics.reporter.bootstrap.servers', 'node.id', 'process.roles', 'controller.',
  'metadata.log.dir', 'zookeeper.metadata.migration.enable', 'client.quota.callback.static.kafka.admin.',
  'client.quota.callback.static.produce', 'client.quota.callback.static.fetch',
  'client.quota.callback.static.storage.per.volume.limit.min.available.', 'client.quota.callback.static.excluded.principal.name.list',
];

/** Exceptions to {@link STRIMZI_FORBIDDEN_PREFIXES} that Strimzi allows. */
export const STRIMZI_FORBIDDEN_EXCEPTIONS: readonly string[] = [
  'zookeeper.connection.timeout.ms', 'sasl.server.max.receive.size', 'ssl.cipher.suites', 'ssl.protocol',
  'ssl.enabled.protocols', 'ssl.secure.random.implementation', 'cruise.control.metrics.topic.num.partitions',
  'cruise.control.metrics.topic.replication.factor', 'cruise.control.metrics.topic.retention.ms',
  'cruise.control.metrics.topic.auto.create.retries', 'cruise.control.metrics.topic.auto.create.timeout.ms',
  'cruise.control.metrics.topic.min.insync.replicas', 'controller.quorum.election.backoff.max.ms',
  'controller.quorum.election.timeout.ms', 'controller.quorum.fetch.timeout.ms',
];

/** Rejects keys Strimzi forbids (the operator would ignore them and report a warning only after apply). */
export function rejectStrimziForbiddenKeys(scope: IConstruct, field: string, config: KafkaConfigMap): void {
  for (const key of Object.keys(config).sort()) {
    if (STRIMZI_FORBIDDEN_EXCEPTIONS.includes(key)) continue;
    const prefix = STRIMZI_FORBIDDEN_PREFIXES.find(p => key.startsWith(p));
    if (prefix) {
      fail(scope, `${field}["${key}"]`, key,
        `keys not starting with a prefix the Strimzi operator manages (${prefix} is one; see STRIMZI_FORBIDDEN_PREFIXES)`,
        'remove it and use the typed prop instead (listeners, authorization, storage, rack…)');
    }
  }
}

/**
 * Escapes a key or a value for a Java properties file as `java.util.Properties.load` reads it, and
 * Kafka reads server.properties (Utils.loadProps: an InputStream, so ISO-8859-1): backslashes,
 * line breaks, tabs and form feeds as escapes; in a key also `=`, `:`, `#`, `!` and spaces (they
 * would end the key or start a comment; after the `=` that ends the key they are plain text); a
 * space at the start of a value (load skips leading whitespace); everything outside printable
 * ASCII as `\uXXXX` UTF-16 units, so the file is ASCII and survives any byte encoding.
 */
export function escapeProperty(text: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const code = text.charCodeAt(i);
    if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\f') out += '\\f';
    else if (c === ' ') out += isKey || i === 0 ? '\\ ' : ' ';
    else if (isKey && '=:#!'.includes(c)) out += `\\${c}`;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

/** One `key=value` line of a properties file, both escaped (see {@link escapeProperty}). */
export function propertiesLine(key: string, value: KafkaConfigValue): string {
  return `${escapeProperty(key, true)}=${escapeProperty(String(value), false)}`;
}

/** Renders a config map as escaped `key=value` lines, sorted (deterministic). */
export function toProperties(config: { readonly [key: string]: KafkaConfigValue }): string {
  return Object.keys(config).sort().map(k => propertiesLine(k, config[k])).join('\n') + '\n';
}
