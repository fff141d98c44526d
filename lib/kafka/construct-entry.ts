import { IConstruct } from 'constructs';
import { fail } from './errors';
import { installUniqueObjectsCheck } from './unique-objects';

/**
 * What every public construct of the library does first with its props:
 * - refuses `undefined`/`null` items in arrays (a TypeError deep inside, or `{}` rendered into a
 *   manifest, otherwise), naming the index;
 * - installs the duplicate-object check on the app (any cdk8s App, not only StagedApp).
 */
export function enterConstruct(scope: IConstruct, props: unknown): void {
  refuseArrayHoles(scope, props);
  installUniqueObjectsCheck(scope);
}

/**
 * Walks the plain objects and arrays of `props` (not constructs or class instances, which
 * validate themselves) and refuses an array item that is `undefined` or `null`.
 */
export function refuseArrayHoles(scope: IConstruct, props: unknown, field = ''): void {
  walk(scope, props, field, new Set(), 0);
}

function walk(scope: IConstruct, value: unknown, field: string, seen: Set<unknown>, depth: number): void {
  if (value === null || typeof value !== 'object' || seen.has(value) || depth > 20) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const at = `${field}[${i}]`;
      if (item === undefined || item === null) {
        fail(scope, at, item, `a value (the items of ${field || 'the list'} cannot be ${item === null ? 'null' : 'undefined'})`,
          `remove ${at} from the list, or give it a value`);
      }
      walk(scope, item, at, seen, depth + 1);
    }
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return;
  for (const [k, v] of Object.entries(value)) walk(scope, v, field ? `${field}.${k}` : k, seen, depth + 1);
}
