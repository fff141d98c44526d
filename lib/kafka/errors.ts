import { IConstruct } from 'constructs';

/**
 * Thrown at synth time when a construct is given input that Kubernetes, Kafka or the
 * Strimzi operator would reject (or that would silently lose data).
 *
 * The message always names the construct path, the field, the value given, what is
 * allowed and how to fix it, so a user can act on it without reading the source.
 */
export class KafkaConfigError extends Error {
  /** Construct path of the offending construct. */
  public readonly constructPath: string;
  /** The property (dotted path) that is wrong. */
  public readonly field: string;

  constructor(constructPath: string, field: string, given: unknown, allowed: string, fix: string) {
    super(`${constructPath}: invalid ${field}: got ${describeValue(given)}; allowed: ${allowed}. Fix: ${fix}`);
    this.name = 'KafkaConfigError';
    this.constructPath = constructPath;
    this.field = field;
  }
}

/** Throws a {@link KafkaConfigError} for `scope`. */
export function fail(scope: IConstruct | string, field: string, given: unknown, allowed: string, fix: string): never {
  const path = typeof scope === 'string' ? scope : scope.node.path;
  throw new KafkaConfigError(path, field, given, allowed, fix);
}

/** Marks values JSON cannot show (it writes NaN and Infinity as `null`, drops `undefined`). */
const RAW = '\u0000raw:';

/**
 * The value as the user wrote it: JSON, except that NaN, Infinity and `undefined` array items
 * stay visible (JSON.stringify would print `null` and hide why the value is wrong).
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  try {
    const json = JSON.stringify(value, function (this: unknown, _key: string, v: unknown) {
      if (typeof v === 'number' && !Number.isFinite(v)) return `${RAW}${v}`;
      if (typeof v === 'bigint') return `${RAW}${v}n`;
      if (v === undefined && Array.isArray(this)) return `${RAW}undefined`;
      return v;
    });
    if (json === undefined) return String(value);
    return json.replace(/"\\u0000raw:([^"]*)"/g, '$1');
  } catch {
    return String(value);
  }
}
