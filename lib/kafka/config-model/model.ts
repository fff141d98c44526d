/**
 * Kafka's own configuration model, generated from the ConfigDefs in the real Kafka jars
 * (tools/kafka-config-model, `npm run config-model`) and committed as data. Loaded on first use only.
 */

/** The config kinds the model knows: one Kafka ConfigDef each. */
export type KafkaConfigKind =
  | 'broker' | 'topic' | 'producer' | 'consumer' | 'admin' | 'connect'
  | 'mirrormaker' | 'mirror-source' | 'mirror-checkpoint' | 'mirror-heartbeat';

/** What Kafka's validator of a key allows, as dumped from the jars. */
export interface ModelValidator {
  /** ConfigDef.Range: inclusive bounds, null for open; beyond 2^53 as a decimal string. */
  readonly range?: readonly (number | string | null)[];
  /** ValidString / CaseInsensitiveValidString. */
  readonly enum?: readonly string[];
  readonly caseInsensitive?: boolean;
  /** ValidList: the allowed items (absent: any item). */
  readonly items?: readonly string[];
  /** ValidList of Kafka 4.2+: duplicates refused. */
  readonly unique?: boolean;
  /** NonEmptyString, or a ValidList that refuses an empty list. */
  readonly nonEmpty?: boolean;
  readonly nonNull?: boolean;
  /** CompositeValidator: every one applies. */
  readonly all?: readonly ModelValidator[];
  /** A validator with no data form (checked by Kafka at start only): Kafka's description. */
  readonly other?: string;
}

/** One key's definition in one Kafka version. */
export interface ModelKey {
  readonly type: 'boolean' | 'string' | 'int' | 'short' | 'long' | 'double' | 'list' | 'class' | 'password';
  readonly default?: string | null;
  readonly required?: boolean;
  readonly importance: 'high' | 'medium' | 'low';
  readonly internal?: boolean;
  readonly valid?: ModelValidator;
  /** The sentences of Kafka's documentation that deprecate the key. */
  readonly deprecated?: string;
}

interface Variant extends ModelKey {
  /** Indexes into `versions` that have this definition: "0-4,7". */
  readonly in: string;
}

interface ModelFile {
  readonly versions: readonly string[];
  readonly kinds: { readonly [kind: string]: { readonly [key: string]: readonly Variant[] } };
}

let data: ModelFile | undefined;
const keyLists = new Map<string, readonly string[]>();

function model(): ModelFile {
  // Lazy: the JSON (~170 KB) is parsed only by an app that checks a config map.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  data ??= require('./kafka-config-model.json') as ModelFile;
  return data;
}

function has(ranges: string, index: number): boolean {
  return ranges.split(',').some(r => {
    const [a, b] = r.split('-').map(Number);
    return index >= a && index <= (b ?? a);
  });
}

/** The Kafka versions in the model, oldest first. */
export function modelVersions(): readonly string[] {
  return model().versions;
}

/**
 * The model version that stands for `kafkaVersion`: itself, else the newest modelled patch of the
 * same major.minor (patch releases do not change config keys); undefined for another line.
 */
export function resolveModelVersion(kafkaVersion: string): string | undefined {
  const versions = model().versions;
  if (versions.includes(kafkaVersion)) return kafkaVersion;
  const minor = String(kafkaVersion).split('.').slice(0, 2).join('.');
  return [...versions].reverse().find(v => v.split('.').slice(0, 2).join('.') === minor);
}

/** The definition of `key` in `version` (a modelled version), or undefined when that version has no such key. */
export function modelKey(kind: KafkaConfigKind, version: string, key: string): ModelKey | undefined {
  const index = model().versions.indexOf(version);
  const variants = model().kinds[kind]?.[key];
  return variants?.find(v => has(v.in, index));
}

/** The modelled versions that have `key` (any definition), oldest first. */
export function versionsWithKey(kind: KafkaConfigKind, key: string): string[] {
  const variants = model().kinds[kind]?.[key] ?? [];
  return model().versions.filter((_, i) => variants.some(v => has(v.in, i)));
}

/** Every key of `kind` in `version`, sorted. */
export function keysOf(kind: KafkaConfigKind, version: string): readonly string[] {
  const id = `${kind}@${version}`;
  let keys = keyLists.get(id);
  if (!keys) {
    const index = model().versions.indexOf(version);
    const all = model().kinds[kind] ?? {};
    keys = Object.keys(all).filter(k => all[k].some(v => has(v.in, index))).sort();
    keyLists.set(id, keys);
  }
  return keys;
}
