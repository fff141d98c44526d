import { IConstruct } from 'constructs';
import { fail } from '../errors';
import { didYouMean, editDistance, typoDistance } from './did-you-mean';
import { DEPRECATED_ALIASES, freeFormPrefixes, isFreeForm, nestedKey, REMOVAL_HINTS } from './free-form';
import { KafkaConfigKind, keysOf, modelKey, resolveModelVersion, versionsWithKey } from './model';
import { checkValue } from './values';

/** Which of Kafka's ConfigDefs a config map is checked against. */
export interface ConfigModelOptions {
  /** The kind of settings (broker, topic, producer, …). */
  readonly kind: KafkaConfigKind;
  /** The Kafka version that reads them (the cluster's, or the client's). */
  readonly kafkaVersion: string;
}

const KIND_NAMES: { readonly [kind in KafkaConfigKind]: string } = {
  'broker': 'brokers and controllers',
  'topic': 'topics',
  'producer': 'producers',
  'consumer': 'consumers',
  'admin': 'admin clients',
  'connect': 'Connect workers',
  'mirrormaker': 'MirrorMaker 2 (standalone)',
  'mirror-source': 'the MirrorSourceConnector',
  'mirror-checkpoint': 'the MirrorCheckpointConnector',
  'mirror-heartbeat': 'the MirrorHeartbeatConnector',
};

/**
 * Checks every key and value of `config` against Kafka's own ConfigDef of `kind` in `kafkaVersion`
 * (see docs/kafka-config-model.md). A version outside the modelled Kafka lines is not checked.
 */
export function checkConfigModel(scope: IConstruct | string, field: string, config: { readonly [key: string]: string | number | boolean }, options: ConfigModelOptions): void {
  const version = resolveModelVersion(options.kafkaVersion);
  if (!version) return;
  const extra = options.kind === 'broker'
    ? ['remote.log.storage.manager.impl.prefix', 'remote.log.metadata.manager.impl.prefix'].map(k => config[k]).filter((p): p is string => typeof p === 'string' && p.length > 0)
    : [];
  for (const key of Object.keys(config).sort()) {
    checkKey(scope, `${field}["${key}"]`, options.kind, version, options.kafkaVersion, key, config[key], extra);
  }
}

function checkKey(scope: IConstruct | string, field: string, kind: KafkaConfigKind, version: string, shown: string, key: string,
  value: string | number | boolean, extraPrefixes: readonly string[]): void {
  const where = `Kafka ${shown} (${KIND_NAMES[kind]})`;
  const def = modelKey(kind, version, key);
  const alias = DEPRECATED_ALIASES[kind]?.[key];
  if (def && alias) {
    fail(scope, field, key, `keys that are not deprecated aliases in ${where}: ${(def.deprecated ?? `${key} is an alias of ${alias}`).replace(/\.$/, '')}`, `use ${alias} instead`);
  }
  if (def) {
    const problem = checkValue(key, def, value, shown);
    if (problem) fail(scope, field, value, `${problem.allowed} (Kafka ${shown}, ${KIND_NAMES[kind]})`, problem.fix);
    return;
  }
  const nested = nestedKey(kind, key);
  if (nested) return checkKey(scope, field, nested[0], version, shown, nested[1], value, []);
  if (isFreeForm(kind, key, extraPrefixes)) return;

  const known = keysOf(kind, version);
  const elsewhere = versionsWithKey(kind, key);
  if (elsewhere.length > 0) {
    const older = elsewhere.filter(v => compareVersions(v, version) < 0);
    const last = modelKey(kind, elsewhere[elsewhere.length - 1], key);
    if (older.length > 0) {
      fail(scope, field, key,
        `a key of ${where}: ${key} is only in Kafka ${span(elsewhere)}${last?.deprecated ? ` (deprecated there: ${last.deprecated.replace(/\.$/, '')})` : ''}`,
        REMOVAL_HINTS[key] ?? (DEPRECATED_ALIASES[kind]?.[key] ? `use ${DEPRECATED_ALIASES[kind][key]} instead` : 'remove it (Kafka would ignore it)'));
    }
    fail(scope, field, key, `a key of ${where}: ${key} exists from Kafka ${elsewhere[0]} on`, `remove it, or run Kafka ${elsewhere[0]} or later`);
  }
  // A key of another kind is a classic slip: a topic key in a broker config, a producer key in a worker config.
  const owner = OTHER_KINDS.find(k => k !== kind && modelKey(k, version, key));
  if (owner) {
    const suggestions = didYouMean(key, known);
    fail(scope, field, key, `a key of ${where}: ${key} is a key of ${KIND_NAMES[owner]}, not of ${KIND_NAMES[kind]}`,
      suggestions.length ? `did you mean ${suggestions.map(s => JSON.stringify(s)).join(' or ')}?` : 'remove it, or set it where it belongs');
  }
  const typo = known.some(k => editDistance(key, k, typoDistance(key)) <= typoDistance(key));
  // A plugin's own keys live in a namespace Kafka does not use (opa., strimzi., schema.registry.…);
  // an unknown key in one of Kafka's namespaces, or close to a Kafka key, is a mistake.
  const namespace = key.split('.')[0];
  const kafkaNamespace = known.some(k => k.split('.')[0] === namespace);
  if (kind !== 'topic' && !typo && !kafkaNamespace) return;
  const suggestions = didYouMean(key, known);
  const prefixes = freeFormPrefixes(kind);
  fail(scope, field, key,
    `a key Kafka ${shown} defines for ${KIND_NAMES[kind]} (its ConfigDef)${kind === 'topic' ? '' : `, a plugin key outside Kafka's namespaces${prefixes.length ? `, or a key under ${prefixes.join(', ')}` : ''}`}`,
    suggestions.length ? `did you mean ${suggestions.map(s => JSON.stringify(s)).join(' or ')}?` : 'remove it, or use the name from Kafka\'s configuration reference');
}

const OTHER_KINDS: readonly KafkaConfigKind[] = ['topic', 'broker', 'producer', 'consumer', 'admin', 'connect'];

function span(versions: readonly string[]): string {
  return versions.length === 1 ? versions[0] : `${versions[0]} to ${versions[versions.length - 1]}`;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
