// Pod spec → what to run, as the kubelet computes it: argv from command/args and the image,
// env (fieldRef, secretKeyRef, configMapKeyRef, envFrom, $(VAR) expansion), security settings.
// Pure: lookups of Secrets, ConfigMaps and images are passed in.
import { K8sObject, quantity } from './model';

/** What the pod's own fields give fieldRef env vars. */
export interface PodFacts {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly podIP: string;
  readonly hostIP: string;
  readonly nodeName: string;
  readonly serviceAccountName: string;
  readonly labels: { [k: string]: string };
  readonly annotations: { [k: string]: string };
}

/** Finds ConfigMaps and Secrets of the pod's namespace by name. */
export interface Lookup {
  configMap(name: string): K8sObject | undefined;
  secret(name: string): K8sObject | undefined;
}

/** The image's own config (`podman image inspect`). */
export interface ImageConfig {
  readonly entrypoint: string[];
  readonly cmd: string[];
  readonly user: string;
  readonly workingDir: string;
}

/** A container that cannot be created yet (the kubelet's CreateContainerConfigError). */
export class ConfigError extends Error {}

/** Expands $(VAR) references as the kubelet does ($$ escapes; unknown references stay as written). */
export function expand(value: string, vars: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name) => {
    if (m === '$$') return '$';
    return vars.has(name) ? vars.get(name)! : m;
  });
}

function fieldRef(path: string, pod: PodFacts): string {
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
  if (label) return pod.labels[label[1]] ?? '';
  const annotation = /^metadata\.annotations\['(.+)'\]$/.exec(path);
  if (annotation) return pod.annotations[annotation[1]] ?? '';
  const values: { [p: string]: string } = {
    'metadata.name': pod.name,
    'metadata.namespace': pod.namespace,
    'metadata.uid': pod.uid,
    'spec.nodeName': pod.nodeName,
    'spec.serviceAccountName': pod.serviceAccountName,
    'status.podIP': pod.podIP,
    'status.podIPs': pod.podIP,
    'status.hostIP': pod.hostIP,
    'status.hostIPs': pod.hostIP,
  };
  if (!(path in values)) throw new ConfigError(`fieldRef ${path} is not supported`);
  return values[path];
}

/** The decoded data of a Secret (data is base64, stringData plain and wins) or ConfigMap. */
export function objectData(o: K8sObject): { [key: string]: string } {
  if (o.kind === 'Secret') {
    const out: { [key: string]: string } = {};
    for (const [k, v] of Object.entries(o.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
    return { ...out, ...(o.stringData ?? {}) };
  }
  const bin: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(o.binaryData ?? {})) bin[k] = Buffer.from(v, 'base64').toString('latin1');
  return { ...(o.data ?? {}), ...bin };
}

function keyRef(kind: 'Secret' | 'ConfigMap', ref: any, lookup: Lookup, what: string): string | undefined {
  const o = kind === 'Secret' ? lookup.secret(ref.name) : lookup.configMap(ref.name);
  const data = o ? objectData(o) : undefined;
  if (data && ref.key in data) return data[ref.key];
  if (ref.optional) return undefined;
  throw new ConfigError(`${what}: ${kind.toLowerCase()} "${ref.name}"${o ? ` has no key "${ref.key}"` : ' not found'}`);
}

/** The environment of a container, in the kubelet's order: envFrom, then env (later wins). */
export function resolveEnv(container: any, pod: PodFacts, lookup: Lookup): [string, string][] {
  const vars = new Map<string, string>();
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const o = kind === 'Secret' ? lookup.secret(ref.name) : lookup.configMap(ref.name);
    if (!o) {
      if (ref.optional) continue;
      throw new ConfigError(`envFrom: ${kind.toLowerCase()} "${ref.name}" not found`);
    }
    for (const [k, v] of Object.entries(objectData(o))) vars.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of container.env ?? []) {
    let value: string | undefined;
    if (e.valueFrom?.fieldRef) value = fieldRef(e.valueFrom.fieldRef.fieldPath, pod);
    else if (e.valueFrom?.secretKeyRef) value = keyRef('Secret', e.valueFrom.secretKeyRef, lookup, `env ${e.name}`);
    else if (e.valueFrom?.configMapKeyRef) value = keyRef('ConfigMap', e.valueFrom.configMapKeyRef, lookup, `env ${e.name}`);
    else if (e.valueFrom?.resourceFieldRef) throw new ConfigError(`env ${e.name}: resourceFieldRef is not supported`);
    else value = expand(String(e.value ?? ''), vars);
    if (value !== undefined) vars.set(e.name, value);
  }
  return [...vars.entries()];
}

/** argv as Kubernetes runs it: command replaces ENTRYPOINT (and drops CMD), args replace CMD. */
export function resolveArgv(container: any, image: ImageConfig, env: [string, string][]): string[] {
  const vars = new Map(env);
  const command: string[] | undefined = container.command?.map((c: string) => expand(c, vars));
  const args: string[] | undefined = container.args?.map((a: string) => expand(a, vars));
  const argv = command
    ? [...command, ...(args ?? [])]
    : [...image.entrypoint, ...(args ?? image.cmd)];
  if (argv.length === 0) throw new ConfigError('no command: neither the container nor the image gives one');
  return argv;
}

/** Security settings of a container after merging the pod's securityContext. */
export interface SecurityPlan {
  readonly user?: number;
  readonly group?: number;
  readonly supplementalGroups: number[];
  readonly fsGroup?: number;
  readonly fsGroupChangePolicy: 'Always' | 'OnRootMismatch';
  readonly readOnlyRootFilesystem: boolean;
  readonly noNewPrivileges: boolean;
  readonly privileged: boolean;
  readonly capAdd: string[];
  readonly capDrop: string[];
  readonly seccompUnconfined: boolean;
}

export function resolveSecurity(podSpec: any, container: any, image: ImageConfig): SecurityPlan {
  const p = podSpec.securityContext ?? {};
  const c = container.securityContext ?? {};
  const user: number | undefined = c.runAsUser ?? p.runAsUser;
  const group: number | undefined = c.runAsGroup ?? p.runAsGroup;
  const nonRoot: boolean = c.runAsNonRoot ?? p.runAsNonRoot ?? false;
  if (nonRoot) {
    const imageUser = image.user.split(':')[0];
    if (user === undefined && imageUser !== '' && !/^\d+$/.test(imageUser)) {
      throw new ConfigError(`container has runAsNonRoot and image has non-numeric user (${imageUser}), cannot verify user is non-root`);
    }
    const effective = user ?? (imageUser === '' ? 0 : Number(imageUser));
    if (effective === 0) throw new ConfigError('container has runAsNonRoot and image will run as root');
  }
  const seccomp = c.seccompProfile?.type ?? p.seccompProfile?.type;
  if (seccomp === 'Localhost') throw new ConfigError('seccompProfile Localhost is not supported');
  if (p.sysctls?.length) throw new ConfigError('pod sysctls are not supported');
  return {
    user,
    group,
    supplementalGroups: [...(p.supplementalGroups ?? []), ...(p.fsGroup !== undefined ? [p.fsGroup] : [])],
    fsGroup: p.fsGroup,
    fsGroupChangePolicy: p.fsGroupChangePolicy ?? 'Always',
    readOnlyRootFilesystem: c.readOnlyRootFilesystem ?? false,
    // allowPrivilegeEscalation=false is the runtime's no_new_privs bit.
    noNewPrivileges: c.allowPrivilegeEscalation === false,
    privileged: c.privileged ?? false,
    capAdd: c.capabilities?.add ?? [],
    capDrop: c.capabilities?.drop ?? [],
    seccompUnconfined: seccomp === 'Unconfined',
  };
}

/** podman flags of a security plan and a memory limit. */
export function securityArgs(s: SecurityPlan, memoryLimit?: string | number): string[] {
  const a: string[] = [];
  if (s.user !== undefined) a.push('--user', s.group !== undefined ? `${s.user}:${s.group}` : `${s.user}`);
  else if (s.group !== undefined) throw new ConfigError('runAsGroup without runAsUser is not supported by the runner');
  for (const g of s.supplementalGroups) a.push('--group-add', String(g));
  // podman's --read-only adds tmpfs on /tmp, /run and /var/tmp; a Kubernetes pod gets none of them.
  if (s.readOnlyRootFilesystem) a.push('--read-only', '--read-only-tmpfs=false');
  if (s.noNewPrivileges) a.push('--security-opt', 'no-new-privileges');
  if (s.privileged) a.push('--privileged');
  for (const c of s.capDrop) a.push('--cap-drop', c);
  for (const c of s.capAdd) a.push('--cap-add', c);
  if (s.seccompUnconfined) a.push('--security-opt', 'seccomp=unconfined');
  const mem = quantity(memoryLimit);
  if (mem !== undefined) a.push('--memory', `${mem}b`, '--memory-swap', `${mem}b`);
  return a;
}

/** Resolves a probe or Service port given by name through the container's ports. */
export function resolvePort(port: number | string, container: any): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const p = (container.ports ?? []).find((x: any) => x.name === port);
  if (!p) throw new ConfigError(`port "${port}" is not a named port of container ${container.name}`);
  return p.containerPort;
}
