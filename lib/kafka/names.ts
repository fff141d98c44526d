import { IConstruct } from 'constructs';
import { fail } from './errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True when `value` is a DNS-1123 label (Service, Namespace and StatefulSet pod names). */
export function isDns1123Label(value: string, maxLength = 63): boolean {
  return value.length <= maxLength && DNS1123_LABEL.test(value);
}

/** True when `value` is a DNS-1123 subdomain (most object names). */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/**
 * Validates a name that becomes part of Kubernetes object names or DNS labels.
 * `maxLength` leaves room for suffixes the construct appends (e.g. `-headless`, `-0`).
 */
export function validateDnsLabel(scope: IConstruct, field: string, value: string, maxLength = 63): string {
  if (typeof value !== 'string' || !isDns1123Label(value, maxLength)) {
    fail(scope, field, value,
      `a DNS-1123 label of at most ${maxLength} characters: lower-case letters, digits and '-', starting and ending with a letter or digit`,
      `rename it, e.g. "${suggestName(String(value ?? ''), maxLength)}"`);
  }
  return value;
}

/** Validates a DNS-1123 subdomain name (ConfigMaps, Secrets, custom resources). */
export function validateDnsSubdomain(scope: IConstruct, field: string, value: string): string {
  if (typeof value !== 'string' || !isDns1123Subdomain(value)) {
    fail(scope, field, value,
      "a DNS-1123 subdomain of at most 253 characters: lower-case letters, digits, '-' and '.'",
      `rename it, e.g. "${suggestName(String(value ?? ''), 63)}"`);
  }
  return value;
}

/** Validates a Kubernetes label key (`[prefix/]name`), e.g. a node label used as a topology key. */
export function validateLabelKey(scope: IConstruct, field: string, key: string): void {
  const parts = String(key).split('/');
  const name = parts[parts.length - 1];
  const okName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name) && name.length <= 63;
  if (parts.length > 2 || !okName) {
    fail(scope, field, key, 'a label key: [prefix/]name, name up to 63 characters of letters, digits, "-", "_", "."', 'use a node label key such as "topology.kubernetes.io/zone"');
  }
  if (parts.length === 2) validateDnsSubdomain(scope, field, parts[0]);
}

function suggestName(value: string, maxLength: number): string {
  const s = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, maxLength).replace(/-+$/, '');
  return s || 'my-kafka';
}
