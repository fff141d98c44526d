// Cluster DNS as hosts files: one /etc/hosts per pod, rewritten in place whenever an endpoint
// changes (glibc reads /etc/hosts at every lookup). Pure rendering; see e2e/README.md for why not
// podman network aliases.
import { K8sObject, matches, namespaceOf } from './model';

/** A pod as DNS sees it. */
export interface DnsPod {
  readonly name: string;
  readonly namespace: string;
  readonly ip?: string;
  readonly hostname: string;
  readonly subdomain?: string;
  readonly labels: { [k: string]: string };
  readonly ready: boolean;
  readonly terminating: boolean;
}

/** The search-path forms of a Service name in namespace `ns`, as a pod of `fromNs` can type them. */
export function serviceNames(svc: string, ns: string, domain: string, fromNs: string): string[] {
  const names = [`${svc}.${ns}`, `${svc}.${ns}.svc`, `${svc}.${ns}.svc.${domain}`];
  return fromNs === ns ? [svc, ...names] : names;
}

/** Pods behind a Service: selector match, an IP, Ready (or any state with publishNotReadyAddresses). */
export function endpoints(svc: K8sObject, pods: readonly DnsPod[]): DnsPod[] {
  const ns = namespaceOf(svc);
  const all = svc.spec?.publishNotReadyAddresses === true;
  return pods.filter(p => p.namespace === ns && p.ip && matches(svc.spec?.selector, p.labels) && (all || (p.ready && !p.terminating)));
}

/**
 * Hosts file entries (ip → names) every pod of `fromNs` sees: Services and per-pod names under
 * headless Services. A Service with a cluster IP resolves even without endpoints (to its virtual
 * IP, in Kubernetes): here to `noEndpointsIp`, an address no pod has, so clients retry as they would.
 */
export function clusterEntries(services: readonly K8sObject[], pods: readonly DnsPod[], domain: string, fromNs: string, noEndpointsIp?: string): [string, string[]][] {
  const lines: [string, string[]][] = [];
  for (const svc of services) {
    const ns = namespaceOf(svc);
    const name = svc.metadata.name;
    const eps = endpoints(svc, pods);
    for (const p of eps) lines.push([p.ip!, serviceNames(name, ns, domain, fromNs)]);
    if (eps.length === 0 && svc.spec?.clusterIP !== 'None' && noEndpointsIp) lines.push([noEndpointsIp, serviceNames(name, ns, domain, fromNs)]);
    if (svc.spec?.clusterIP === 'None') {
      for (const p of eps.filter(e => e.subdomain === name)) {
        lines.push([p.ip!, serviceNames(name, ns, domain, fromNs).map(n => `${p.hostname}.${n}`)]);
      }
    }
  }
  return lines;
}

/** The /etc/hosts of one pod: localhost, its own name (as the kubelet writes it), then the cluster entries. */
export function renderHosts(pod: DnsPod, entries: readonly [string, string[]][], domain: string): string {
  const own = pod.subdomain
    ? [`${pod.hostname}.${pod.subdomain}.${pod.namespace}.svc.${domain}`, pod.hostname]
    : [pod.hostname];
  const out = [
    '# Managed by the cdk8s-kafka e2e runner (cluster DNS emulation).',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    ...(pod.ip ? [`${pod.ip}\t${own.join(' ')}`] : []),
    ...entries.map(([ip, names]) => `${ip}\t${names.join(' ')}`),
  ];
  return `${out.join('\n')}\n`;
}
