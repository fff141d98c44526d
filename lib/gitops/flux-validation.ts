import { IConstruct } from 'constructs';
import { fail } from '../kafka/errors';

/** Go duration as the Flux CRDs accept it (`^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$`), e.g. `10m`, `1h30m`. */
const FLUX_DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** Validates a Flux `interval`/`timeout` value. */
export function validateFluxDuration(scope: IConstruct, field: string, value: string): string {
  if (typeof value !== 'string' || !FLUX_DURATION.test(value)) {
    fail(scope, field, value, 'a Go duration made of numbers with ms, s, m or h units (e.g. "30s", "10m", "1h30m")',
      'write the duration with explicit units, e.g. "10m"');
  }
  return value;
}

/**
 * Validates a path inside a Flux source: relative to the source root, without `..`, forward
 * slashes only (Flux resolves it inside the artifact and refuses to leave it).
 */
export function validateSourcePath(scope: IConstruct, field: string, value: string): string {
  const segments = typeof value === 'string' ? value.split('/') : [];
  if (typeof value !== 'string' || value === '' || value.startsWith('/') || value.includes('\\')
    || segments.includes('..') || /\s/.test(value)) {
    fail(scope, field, value, 'a relative path inside the Git/OCI source, such as "./dist" or "./clusters/prod/kafka" (no leading "/", no "..", no spaces)',
      'give the folder path as seen from the repository root, starting with "./"');
  }
  return value;
}

/** Joins a source path prefix and a folder, keeping the "./" style. */
export function joinSourcePath(prefix: string, folder: string): string {
  const p = prefix.replace(/\/+$/, '');
  return p === '' || p === '.' ? `./${folder}` : `${p}/${folder}`;
}
