import { IConstruct } from 'constructs';
import { fail } from './errors';

/** CPU and memory for one container, as Kubernetes quantities (e.g. `500m`, `2Gi`). */
export interface ResourceSpec {
  /** CPU request. @default construct-specific */
  readonly cpuRequest?: string;
  /** CPU limit. @default no CPU limit (avoids CFS throttling of the JVM) */
  readonly cpuLimit?: string;
  /** Memory request. @default construct-specific */
  readonly memoryRequest?: string;
  /** Memory limit. @default the memory request */
  readonly memoryLimit?: string;
}

/** Resolved resources in the shape of a Kubernetes ResourceRequirements. */
export interface ResolvedResources {
  readonly requests: { [k: string]: string };
  readonly limits: { [k: string]: string };
}

const QUANTITY = /^([0-9]+(\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const FACTORS: Record<string, number> = {
  '': 1, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 1024, 'Mi': 1024 ** 2, 'Gi': 1024 ** 3, 'Ti': 1024 ** 4, 'Pi': 1024 ** 5, 'Ei': 1024 ** 6,
};

/** Parses a Kubernetes quantity into a number (bytes for memory, cores for CPU); undefined when malformed. */
export function parseQuantity(q: string): number | undefined {
  const m = QUANTITY.exec(String(q));
  return m ? parseFloat(m[1]) * FACTORS[m[3] ?? ''] : undefined;
}

/**
 * Largest quantity the library writes: Kubernetes compares and schedules with a quantity's
 * MilliValue, an int64, so 2^63-1 thousandths (about 8Pi, or 9.2e15 cores).
 */
export const MAX_QUANTITY = (2 ** 63 - 1) / 1000;

/** Validates a Kubernetes quantity string. */
export function validateQuantity(scope: IConstruct, field: string, q: string, example: string): number {
  const n = parseQuantity(q);
  if (n === undefined || n <= 0) {
    fail(scope, field, q, 'a positive Kubernetes quantity (e.g. "500m", "2Gi", "512Mi")', `write it as a quantity, e.g. "${example}"`);
  }
  if (!Number.isFinite(n) || n > MAX_QUANTITY) {
    fail(scope, field, q, 'a quantity of at most 8Pi (9.2e15 bytes or cores: Kubernetes keeps quantities as int64 thousandths)', `write it as a quantity, e.g. "${example}"`);
  }
  return n;
}

/** Merges user resources over defaults and validates them (requests ≤ limits). */
export function resolveResources(scope: IConstruct, field: string, user: ResourceSpec | undefined, defaults: ResourceSpec): ResolvedResources {
  const r = { ...defaults, ...(user ?? {}) };
  const requests: { [k: string]: string } = {};
  const limits: { [k: string]: string } = {};
  if (r.cpuRequest) { validateQuantity(scope, `${field}.cpuRequest`, r.cpuRequest, '500m'); requests.cpu = r.cpuRequest; }
  if (r.memoryRequest) { validateQuantity(scope, `${field}.memoryRequest`, r.memoryRequest, '2Gi'); requests.memory = r.memoryRequest; }
  if (r.cpuLimit) { validateQuantity(scope, `${field}.cpuLimit`, r.cpuLimit, '2'); limits.cpu = r.cpuLimit; }
  const memLimit = user?.memoryLimit ?? (user?.memoryRequest ? user.memoryRequest : r.memoryLimit ?? r.memoryRequest);
  if (memLimit) { validateQuantity(scope, `${field}.memoryLimit`, memLimit, '2Gi'); limits.memory = memLimit; }
  for (const kind of ['cpu', 'memory'] as const) {
    if (requests[kind] && limits[kind] && parseQuantity(requests[kind])! > parseQuantity(limits[kind])!) {
      const req = kind === 'cpu' ? 'cpuRequest' : 'memoryRequest';
      fail(scope, `${field}.${req}`, requests[kind], `at most the ${kind} limit (${limits[kind]})`, `lower ${req} or raise the ${kind} limit`);
    }
  }
  return { requests, limits };
}

/**
 * Checks a JVM heap (`-Xmx` form such as `1g`, `512m`) against the container memory limit.
 * The heap must leave room for off-heap memory, page cache is outside the limit anyway:
 * heap ≥ limit means the container is OOM-killed under load.
 */
export function validateHeap(scope: IConstruct, field: string, heap: string, memoryLimit: string | undefined): number {
  const m = /^([0-9]+)([kKmMgG])$/.exec(String(heap));
  if (!m) {
    fail(scope, field, heap, 'a JVM size with unit k, m or g (e.g. "1g", "512m")', 'write the heap as for -Xmx, e.g. "1g"');
  }
  const bytes = parseInt(m[1], 10) * ({ k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2].toLowerCase()];
  if (memoryLimit !== undefined) {
    const limit = parseQuantity(memoryLimit)!;
    if (bytes >= limit) {
      fail(scope, field, heap, `less than the container memory limit (${memoryLimit}); leave ~25% for off-heap memory`,
        `lower the heap to about ${Math.floor((limit * 0.75) / 1024 ** 2)}m or raise resources.memoryLimit`);
    }
  }
  return bytes;
}

/** A default heap: half the memory limit (Kafka relies on page cache, not heap), in whole MiB. */
export function defaultHeap(memoryLimit: string): string {
  return `${Math.max(128, Math.floor(parseQuantity(memoryLimit)! / 2 / 1024 ** 2))}m`;
}
