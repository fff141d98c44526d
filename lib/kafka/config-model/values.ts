import { ModelKey, ModelValidator } from './model';

/** Why a value is refused: what Kafka allows for the key, and how to fix the value. */
export interface ValueProblem {
  readonly allowed: string;
  readonly fix: string;
}

type Scalar = string | number | boolean;

const INTEGER_BITS: { readonly [type: string]: [bigint, bigint, string] } = {
  short: [-(2n ** 15n), 2n ** 15n - 1n, 'a short (16-bit integer)'],
  int: [-(2n ** 31n), 2n ** 31n - 1n, 'an int (32-bit integer)'],
  long: [-(2n ** 63n), 2n ** 63n - 1n, 'a long (64-bit integer)'],
};
// What Java's Double.parseDouble reads in config files (no hex, no NaN/Infinity: they are never a setting).
const JAVA_DOUBLE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const JAVA_CLASS = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/**
 * Checks a value the way Kafka's ConfigDef (and the Strimzi operator's model of it) would: type,
 * range, enum, list items. Booleans must be `true`/`false` exactly and numbers carry no spaces:
 * Strimzi refuses anything else, and Kafka's looser parsing gains nothing.
 */
export function checkValue(key: string, def: ModelKey, value: Scalar, kafkaVersion?: string): ValueProblem | undefined {
  const text = String(value);
  const versions = apiVersions(def.valid);
  if (versions) return checkApiVersion(key, versions, text, kafkaVersion);
  switch (def.type) {
    case 'boolean':
      return text === 'true' || text === 'false' ? undefined
        : { allowed: 'a boolean: true or false', fix: `give ${key} true or false` };
    case 'short':
    case 'int':
    case 'long':
      return checkInteger(key, def, value, text);
    case 'double':
      if (typeof value === 'boolean' || !JAVA_DOUBLE.test(text)) {
        return { allowed: `a double${rangeText(def.valid)}`, fix: `give ${key} a decimal number, e.g. ${def.default ?? '0.5'}` };
      }
      return outOfRange(def.valid, Number(text)) ? { allowed: `a double${rangeText(def.valid)}`, fix: `give ${key} a number in that range` } : undefined;
    case 'class':
      return JAVA_CLASS.test(text) ? undefined
        : { allowed: 'a fully qualified Java class name', fix: `give ${key} a class name, e.g. org.apache.kafka.common.security.auth.DefaultPrincipalBuilder` };
    case 'list':
      return checkList(key, def.valid, text);
    default:
      // string and password
      return checkString(key, def.valid, text);
  }
}

/** The versions of Kafka's ApiVersionValidator (inter.broker.protocol.version, message format), from its description. */
function apiVersions(valid: ModelValidator | undefined): string[] | undefined {
  const other = validators(valid).find(v => v.other?.startsWith('[0.8.0, '))?.other;
  return other?.slice(1, -1).split(', ');
}

/**
 * A version Kafka knows and the Strimzi operator accepts: a listed version (`3.9-IV0`), or its
 * `major.minor` with optional patch digits (`3.9`, `3.9.1`), not above the cluster's Kafka version.
 */
function checkApiVersion(key: string, versions: readonly string[], text: string, kafkaVersion?: string): ValueProblem | undefined {
  const numbers = (v: string) => v.split('-')[0].split('.').map(Number);
  const notAbove = (v: string) => {
    if (!kafkaVersion) return true;
    const [a, b] = [numbers(v), numbers(kafkaVersion)];
    for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
    return true;
  };
  const known = versions.filter(notAbove);
  const ok = known.includes(text) || known.some(v => new RegExp(`^${v.split('-')[0].replace(/\./g, '\\.')}(\\.[0-9]+)*$`).test(text));
  return ok ? undefined : {
    allowed: `a Kafka version up to ${kafkaVersion ?? known[known.length - 1]}: ${known[0]} to ${known[known.length - 1]}, or its major.minor such as ${numbers(known[known.length - 1]).slice(0, 2).join('.')}`,
    fix: `give ${key} the version the cluster runs or upgrades from, e.g. "${numbers(known[known.length - 1]).slice(0, 2).join('.')}"`,
  };
}

function checkInteger(key: string, def: ModelKey, value: Scalar, text: string): ValueProblem | undefined {
  const [lo, hi, name] = INTEGER_BITS[def.type];
  const allowed = `${name}${rangeText(def.valid)}`;
  if (typeof value === 'boolean' || !/^-?\d+$/.test(text) || (typeof value === 'number' && !Number.isSafeInteger(value))) {
    return { allowed, fix: `give ${key} a whole number${def.default ? `, e.g. ${def.default} (Kafka's default)` : ''}` };
  }
  const n = BigInt(text);
  if (n < lo || n > hi || outOfRange(def.valid, n)) return { allowed, fix: `give ${key} a whole number in that range` };
  return undefined;
}

function checkString(key: string, valid: ModelValidator | undefined, text: string): ValueProblem | undefined {
  for (const v of validators(valid)) {
    if (v.nonEmpty && text.trim() === '') return { allowed: 'a non-empty string', fix: `give ${key} a value, or remove it to keep Kafka's default` };
    if (v.enum) {
      // Kafka upper-cases both sides of a case-insensitive check.
      const ok = v.caseInsensitive ? v.enum.includes(text.toUpperCase()) : v.enum.includes(text);
      if (!ok) {
        return { allowed: `one of ${v.enum.join(', ')}${v.caseInsensitive ? ' (any case)' : ''}`, fix: `give ${key} one of these values` };
      }
    }
  }
  return undefined;
}

function checkList(key: string, valid: ModelValidator | undefined, text: string): ValueProblem | undefined {
  // Kafka trims the value and splits it on commas with optional spaces around them.
  const items = text.trim() === '' ? [] : text.trim().split(/\s*,\s*/);
  for (const v of validators(valid)) {
    if (v.nonEmpty && items.length === 0) return { allowed: 'a non-empty comma-separated list', fix: `list at least one item in ${key}, or remove it` };
    if (v.unique && new Set(items).size !== items.length) return { allowed: 'a comma-separated list without duplicates', fix: `list each item of ${key} once` };
    const bad = v.items ? items.filter(i => !v.items!.includes(i)) : [];
    if (bad.length > 0) {
      return { allowed: `a comma-separated list of ${v.items!.join(', ')} (${bad.map(b => JSON.stringify(b)).join(', ')} is not one)`, fix: `keep only those items in ${key}` };
    }
  }
  return undefined;
}

function validators(valid: ModelValidator | undefined): ModelValidator[] {
  if (!valid) return [];
  return valid.all ? valid.all.flatMap(v => validators(v)) : [valid];
}

function bounds(valid: ModelValidator | undefined): [string | number | null, string | number | null] | undefined {
  const range = validators(valid).find(v => v.range)?.range;
  return range ? [range[0] ?? null, range[1] ?? null] : undefined;
}

function outOfRange(valid: ModelValidator | undefined, n: number | bigint): boolean {
  const b = bounds(valid);
  if (!b) return false;
  const cmp = (bound: string | number, x: number | bigint) => (typeof x === 'bigint' && Number.isInteger(Number(bound)) ? Number(BigInt(bound) - x) : Number(bound) - Number(x));
  return (b[0] !== null && cmp(b[0], n) > 0) || (b[1] !== null && cmp(b[1], n) < 0);
}

function rangeText(valid: ModelValidator | undefined): string {
  const b = bounds(valid);
  if (!b) return '';
  if (b[0] !== null && b[1] !== null) return ` from ${b[0]} to ${b[1]}`;
  return b[0] !== null ? ` of at least ${b[0]}` : ` of at most ${b[1]}`;
}
