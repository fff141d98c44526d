// One pod run as the kubelet would: a podman pod (shared network, IPC and UTS namespaces, the
// pod's hostname), volumes on the host, init containers in order, then the main containers with
// their probes, restarts with CrashLoopBackOff delays, and graceful termination.
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../lib/exec';
import { podman, removePod } from '../lib/podman';
import { quantity } from './model';
import { ContainerProbes, ProbeEvent, ProbeKind, probeDefaults, restartBackoffSeconds } from './probes';
import { ConfigError, ImageConfig, Lookup, PodFacts, resolveArgv, resolveEnv, resolvePort, resolveSecurity, securityArgs } from './podspec';
import { applyFsGroup, ensureClaimDir, projectedFiles, projectedVolumeFiles, usedBytes, writeAtomic } from './volumes';

/** What a pod needs from the cluster around it. */
export interface PodHost {
  readonly runId: string;
  readonly network: string;
  readonly workDir: string;
  lookup(namespace: string): Lookup;
  imageConfig(image: string): Promise<ImageConfig>;
  claimDir(namespace: string, claim: string): string;
  /** Called when readiness, IP or phase change (DNS and controllers react). */
  changed(): void;
  log(line: string): void;
}

export interface PodInit {
  readonly name: string;
  readonly namespace: string;
  readonly labels: { [k: string]: string };
  readonly annotations?: { [k: string]: string };
  readonly spec: any;
  readonly owner: { kind: string; name: string };
  /** Claim name per volume name (StatefulSet volumeClaimTemplates). */
  readonly claims?: { [volume: string]: string };
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

interface Ctr {
  readonly spec: any;
  readonly init: boolean;
  restarts: number;
  attempt: number;
  state: 'waiting' | 'starting' | 'running' | 'exited';
  exitCode?: number;
  startedAt?: number;
  nextStartAt: number;
  reason?: string;
  probes?: ContainerProbes;
  killing?: boolean;
  done?: boolean;
}

let uidCounter = 0;

export class PodRuntime {
  public readonly name: string;
  public readonly namespace: string;
  public readonly labels: { [k: string]: string };
  public readonly spec: any;
  public readonly owner: { kind: string; name: string };
  public readonly uid = `e2e-${Date.now().toString(36)}-${++uidCounter}`;
  public readonly hostname: string;
  public readonly subdomain?: string;
  public phase: PodPhase = 'Pending';
  public ready = false;
  public terminating = false;
  public deleted = false;
  public reason?: string;
  public ip?: string;
  public readonly createdAt = Date.now();
  public readonly dir: string;
  public readonly podmanName: string;
  private infraPid?: number;
  private readonly lastProbe = new Map<string, boolean>();
  private readonly ctrs: Ctr[];
  private startedInfra = false;
  private readonly claims: { [volume: string]: string };

  constructor(private readonly host: PodHost, init: PodInit) {
    this.name = init.name;
    this.namespace = init.namespace;
    this.labels = init.labels;
    this.spec = init.spec;
    this.owner = init.owner;
    this.claims = init.claims ?? {};
    this.hostname = (init.spec.hostname ?? init.name).slice(0, 63);
    this.subdomain = init.spec.subdomain;
    this.podmanName = `${host.runId}-${init.namespace}-${init.name}`;
    this.dir = path.join(host.workDir, 'pods', `${init.namespace}-${init.name}-${this.uid}`);
    const now = Date.now();
    this.ctrs = [
      ...(init.spec.initContainers ?? []).map((s: any) => ({ spec: s, init: true, restarts: 0, attempt: 0, state: 'waiting' as const, nextStartAt: now })),
      ...init.spec.containers.map((s: any) => ({ spec: s, init: false, restarts: 0, attempt: 0, state: 'waiting' as const, nextStartAt: now })),
    ];
  }

  /** Restart counts per container (as `kubectl get pod` shows them). */
  public restartCounts(): { [container: string]: number } {
    return Object.fromEntries(this.ctrs.map(c => [c.spec.name, c.restarts]));
  }

  public containerName(container: string): string {
    return `${this.podmanName}-${container}`;
  }

  /** Log files of a container, oldest attempt first (`kubectl logs` and `--previous`). */
  public logFiles(container: string): string[] {
    const d = path.join(this.host.workDir, 'logs', `${this.namespace}-${this.name}-${this.uid}`);
    if (!fs.existsSync(d)) return [];
    return fs.readdirSync(d).filter(f => f.startsWith(`${container}.`)).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).map(f => path.join(d, f));
  }

  public get hostsFile(): string { return path.join(this.dir, 'hosts'); }

  // --- volumes -------------------------------------------------------------------------------
  private volumeDir(name: string): string { return path.join(this.dir, 'volumes', name); }

  /** Writes ConfigMap/Secret volumes (again: the kubelet's periodic sync); false when a source is missing. */
  public syncProjectedVolumes(): boolean {
    const fsGroup = this.spec.securityContext?.fsGroup;
    for (const v of this.spec.volumes ?? []) {
      if (!v.configMap && !v.secret && !v.projected) continue;
      const lookup = this.host.lookup(this.namespace);
      const files = v.projected
        ? projectedVolumeFiles(v, (kind, name) => (kind === 'ConfigMap' ? lookup.configMap(name) : lookup.secret(name)), fsGroup)
        : projectedFiles(v, v.configMap ? lookup.configMap(v.configMap.name) : lookup.secret(v.secret.secretName), fsGroup);
      if (!files) { this.reason = `volume ${v.name}: ${v.configMap ? 'configmap' : v.secret ? 'secret' : 'a projected source'} missing`; return false; }
      const dir = this.volumeDir(v.name);
      const current = fs.existsSync(path.join(dir, '..data')) ? this.readTree(dir, Object.keys(files)) : undefined;
      const want = JSON.stringify(Object.entries(files).sort());
      if (current !== want) writeAtomic(dir, files, fsGroup);
    }
    return true;
  }

  private readTree(dir: string, keys: string[]): string | undefined {
    try {
      const entries = keys.map(k => [k, { content: fs.readFileSync(path.join(dir, k), 'utf8'), mode: fs.statSync(path.join(dir, k)).mode & 0o7777 }]);
      const present = fs.readdirSync(dir).filter(e => !e.startsWith('..')).length;
      return present === keys.length ? JSON.stringify(entries.sort()) : undefined;
    } catch { return undefined; }
  }

  private prepareVolumes(): void {
    const sc = this.spec.securityContext ?? {};
    for (const v of this.spec.volumes ?? []) {
      if (v.emptyDir) {
        const dir = v.emptyDir.medium === 'Memory' ? path.join('/dev/shm', `${this.podmanName}-${v.name}`) : this.volumeDir(v.name);
        fs.mkdirSync(dir, { recursive: true, mode: 0o777 });
        fs.chmodSync(dir, 0o777);
        if (sc.fsGroup !== undefined) applyFsGroup(dir, sc.fsGroup, 'Always');
      } else if (v.persistentVolumeClaim) {
        this.claims[v.name] = v.persistentVolumeClaim.claimName;
      } else if (v.projected) {
        const kinds = (v.projected.sources ?? []).flatMap((src: any) => Object.keys(src)).filter((k: string) => k !== 'configMap' && k !== 'secret');
        if (kinds.length) throw new ConfigError(`volume ${v.name}: projected ${kinds.join(', ')} sources are not run (configMap and secret are)`);
      } else if (!v.configMap && !v.secret) {
        throw new ConfigError(`volume ${v.name}: only configMap, secret, projected, emptyDir and persistentVolumeClaim volumes are run`);
      }
    }
    for (const claim of Object.values(this.claims)) {
      const dir = this.host.claimDir(this.namespace, claim);
      ensureClaimDir(dir);
      if (sc.fsGroup !== undefined) applyFsGroup(dir, sc.fsGroup, sc.fsGroupChangePolicy ?? 'Always');
    }
  }

  private mountArgs(container: any): string[] {
    const args: string[] = ['-v', `${this.hostsFile}:/etc/hosts:ro`, '-v', `${path.join(this.dir, 'resolv.conf')}:/etc/resolv.conf:ro`];
    for (const m of container.volumeMounts ?? []) {
      const v = (this.spec.volumes ?? []).find((x: any) => x.name === m.name);
      if (!v && !this.claims[m.name]) throw new ConfigError(`volumeMount ${m.name}: no such volume`);
      let src: string;
      let ro = m.readOnly === true;
      if (this.claims[m.name]) src = this.host.claimDir(this.namespace, this.claims[m.name]);
      else if (v.emptyDir) src = v.emptyDir.medium === 'Memory' ? path.join('/dev/shm', `${this.podmanName}-${v.name}`) : this.volumeDir(v.name);
      else { src = this.volumeDir(v.name); ro = true; }
      if (m.subPath) {
        src = path.join(src, m.subPath);
        if (!fs.existsSync(src)) fs.mkdirSync(src, { recursive: true });
      }
      args.push('-v', `${src}:${m.mountPath}${ro ? ':ro' : ''}`);
    }
    return args;
  }

  /** emptyDir volumes over their sizeLimit (the kubelet evicts the pod). */
  public overSizeLimit(): string | undefined {
    for (const v of this.spec.volumes ?? []) {
      const limit = quantity(v.emptyDir?.sizeLimit);
      if (limit === undefined) continue;
      const used = usedBytes(v.emptyDir.medium === 'Memory' ? path.join('/dev/shm', `${this.podmanName}-${v.name}`) : this.volumeDir(v.name));
      if (used > limit) return `emptyDir ${v.name} uses ${used} bytes, over its sizeLimit ${v.emptyDir.sizeLimit}`;
    }
    return undefined;
  }

  // --- sandbox -------------------------------------------------------------------------------
  private async startSandbox(): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    this.prepareVolumes();
    fs.writeFileSync(path.join(this.dir, 'resolv.conf'),
      // No cluster DNS server: names resolve from /etc/hosts; anything else fails at once on the pod's own loopback.
      `search ${this.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 127.0.0.1\noptions ndots:5 attempts:1 timeout:1\n`);
    fs.writeFileSync(this.hostsFile, '127.0.0.1\tlocalhost\n');
    await removePod(this.podmanName);
    const created = await podman(['pod', 'create', '--name', this.podmanName, '--hostname', this.hostname, '--network', this.host.network,
      '--share', 'net,ipc,uts', '--label', `e2e.run=${this.host.runId}`]);
    if (created.code !== 0) throw new Error(`pod create ${this.podmanName}: ${created.stderr.trim()}`);
    const started = await podman(['pod', 'start', this.podmanName]);
    if (started.code !== 0) throw new Error(`pod start ${this.podmanName}: ${started.stderr.trim()}`);
    const infra = (await podman(['pod', 'inspect', this.podmanName, '--format', '{{.InfraContainerID}}'])).stdout.trim();
    const info = (await podman(['inspect', infra, '--format', '{{.State.Pid}} {{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}'])).stdout.trim().split(' ');
    this.infraPid = Number(info[0]);
    this.ip = info[1];
    this.startedInfra = true;
    this.host.changed();
  }

  // --- containers ----------------------------------------------------------------------------
  private facts(): PodFacts {
    return {
      name: this.name, namespace: this.namespace, uid: this.uid, podIP: this.ip ?? '', hostIP: '127.0.0.1', nodeName: 'e2e-node',
      serviceAccountName: this.spec.serviceAccountName ?? 'default', labels: this.labels, annotations: {},
    };
  }

  private async startContainer(c: Ctr): Promise<void> {
    c.state = 'starting';
    try {
      const image = await this.host.imageConfig(c.spec.image);
      const env = resolveEnv(c.spec, this.facts(), this.host.lookup(this.namespace));
      const argv = resolveArgv(c.spec, image, env);
      const security = resolveSecurity(this.spec, c.spec, image);
      const name = this.containerName(c.spec.name);
      c.attempt++;
      const logDir = path.join(this.host.workDir, 'logs', `${this.namespace}-${this.name}-${this.uid}`);
      fs.mkdirSync(logDir, { recursive: true });
      await podman(['rm', '-f', '-v', name]);
      const args = ['run', '-d', '--pull=never', '--pod', this.podmanName, '--name', name, '--label', `e2e.run=${this.host.runId}`,
        '--log-driver', 'k8s-file', '--log-opt', `path=${path.join(logDir, `${c.spec.name}.${c.attempt}.log`)}`,
        ...securityArgs(security, c.spec.resources?.limits?.memory),
        ...this.mountArgs(c.spec),
        ...(c.spec.workingDir ? ['--workdir', c.spec.workingDir] : []),
        ...env.flatMap(([k, v]) => ['--env', `${k}=${v}`]),
        '--entrypoint', JSON.stringify([argv[0]]), c.spec.image, ...argv.slice(1)];
      const r = await podman(args);
      if (r.code !== 0) throw new Error(`podman run ${name}: ${r.stderr.trim()}`);
      c.state = 'running';
      c.startedAt = Date.now();
      c.reason = undefined;
      if (!c.init) c.probes = new ContainerProbes({ startup: c.spec.startupProbe, readiness: c.spec.readinessProbe, liveness: c.spec.livenessProbe }, c.startedAt);
    } catch (e) {
      // CreateContainerConfigError (missing Secret…) is retried; anything else fails loudly.
      if (!(e instanceof ConfigError)) throw e;
      c.state = 'waiting';
      c.reason = `CreateContainerConfigError: ${e.message}`;
      c.nextStartAt = Date.now() + 2000;
    }
    this.host.changed();
  }

  /** A container exited (seen in podman's state): restart per restartPolicy, or finish. */
  private exited(c: Ctr, code: number): void {
    c.state = 'exited';
    c.exitCode = code;
    c.killing = false;
    c.probes = undefined;
    const policy = this.spec.restartPolicy ?? 'Always';
    const restart = !this.terminating && (c.init ? code !== 0 && policy !== 'Never' : policy === 'Always' || (policy === 'OnFailure' && code !== 0));
    if (restart) {
      // A container that ran 10 minutes without trouble starts its backoff again.
      if (c.startedAt && Date.now() - c.startedAt > 600_000) c.restarts = 0;
      c.restarts++;
      c.nextStartAt = Date.now() + restartBackoffSeconds(c.restarts) * 1000;
      c.state = 'waiting';
      c.reason = restartBackoffSeconds(c.restarts) > 0 ? 'CrashLoopBackOff' : undefined;
      this.host.log(`pod ${this.name}: container ${c.spec.name} exited ${code}; restart ${c.restarts} in ${restartBackoffSeconds(c.restarts)} s`);
    } else {
      c.done = true;
      if (c.init && code !== 0) { this.phase = 'Failed'; this.reason = `init container ${c.spec.name} exited ${code}`; }
    }
    this.host.changed();
  }

  private async probe(c: Ctr, kind: ProbeKind): Promise<void> {
    const p = c.probes!;
    const spec = p.spec(kind);
    const timeout = probeDefaults(spec).timeout;
    p.begin(kind);
    let ok = false;
    if (spec.exec) {
      const r = await podman(['exec', this.containerName(c.spec.name), ...spec.exec.command], { timeoutMs: timeout });
      ok = r.code === 0 && !r.timedOut;
    } else if (spec.tcpSocket || spec.httpGet) {
      // From the pod's network namespace to the pod IP: the packets the kubelet sends from the node.
      const port = resolvePort((spec.tcpSocket ?? spec.httpGet)!.port, c.spec);
      const target = spec.tcpSocket?.host ?? spec.httpGet?.host ?? this.ip;
      const cmd = spec.tcpSocket
        ? ['bash', '-c', `exec 3<>/dev/tcp/${target}/${port}`]
        : ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', `${(spec.httpGet!.scheme ?? 'HTTP').toLowerCase()}://${target}:${port}${spec.httpGet!.path ?? '/'}`, '-k'];
      const r = await run(['nsenter', '-t', String(this.infraPid), '-n', 'timeout', String(timeout / 1000), ...cmd]);
      ok = r.code === 0 && (!spec.httpGet || (Number(r.stdout) >= 200 && Number(r.stdout) < 400));
    }
    if (c.state !== 'running' || c.probes !== p) return;
    // E2E_TRACE_PROBES=1: every probe result that differs from the previous one of its kind, in the run log.
    const key = `${c.spec.name}/${kind}`;
    if (process.env.E2E_TRACE_PROBES && this.lastProbe.get(key) !== ok) this.host.log(`pod ${this.name}: ${key} probe ${ok ? 'succeeded' : 'failed'}`);
    this.lastProbe.set(key, ok);
    this.onProbeEvents(c, p.record(kind, ok, Date.now()));
  }

  private onProbeEvents(c: Ctr, events: ProbeEvent[]): void {
    for (const e of events) {
      if (e === 'restart' && !c.killing) {
        c.killing = true;
        this.host.log(`pod ${this.name}: container ${c.spec.name} failed its ${c.probes?.started ? 'liveness' : 'startup'} probe; restarting`);
        void podman(['stop', '-t', String(this.grace()), this.containerName(c.spec.name)]);
      }
    }
    if (events.length) this.host.changed();
  }

  private grace(): number {
    return this.spec.terminationGracePeriodSeconds ?? 30;
  }

  /** One step of the pod's life; `states` is podman's view of every container (name → state, exit code). */
  public tick(states: Map<string, { running: boolean; exitCode: number }>, now: number): void {
    if (this.deleted || this.phase === 'Failed' || this.phase === 'Succeeded') {
      if (this.phase !== 'Pending') this.ready = false;
      return;
    }
    if (!this.startedInfra) {
      if (!(this as any).sandboxing) {
        if (!this.syncProjectedVolumes()) return;
        (this as any).sandboxing = true;
        this.startSandbox().catch(e => { this.phase = 'Failed'; this.reason = String(e); this.host.log(`pod ${this.name}: ${e}`); });
      }
      return;
    }
    for (const c of this.ctrs) {
      if (c.state !== 'running') continue;
      const s = states.get(this.containerName(c.spec.name));
      if (s && !s.running) this.exited(c, s.exitCode);
    }
    if (this.terminating) return;
    const inits = this.ctrs.filter(c => c.init);
    const pendingInit = inits.find(c => !c.done);
    if (pendingInit) {
      if (pendingInit.state === 'waiting' && now >= pendingInit.nextStartAt) void this.startContainer(pendingInit).catch(e => this.fail(e));
      return;
    }
    const mains = this.ctrs.filter(c => !c.init);
    for (const c of mains) {
      if (c.state === 'waiting' && !c.done && now >= c.nextStartAt) void this.startContainer(c).catch(e => this.fail(e));
      if (c.state === 'running' && c.probes) for (const kind of c.probes.due(now)) void this.probe(c, kind);
    }
    if (mains.every(c => c.done)) {
      this.phase = mains.every(c => c.exitCode === 0) ? 'Succeeded' : 'Failed';
      this.ready = false;
      this.host.changed();
      return;
    }
    if (mains.some(c => c.state === 'running')) this.phase = 'Running';
    const ready = mains.every(c => c.state === 'running' && c.probes?.started && c.probes.ready);
    if (ready !== this.ready) { this.ready = ready; this.host.changed(); }
  }

  private fail(e: unknown): void {
    this.phase = 'Failed';
    this.reason = String(e);
    this.host.log(`pod ${this.name}: ${e}`);
    this.host.changed();
  }

  /** Why the pod is not running yet (for timeouts and reports). */
  public describe(): string {
    const cs = this.ctrs.map(c => `${c.spec.name}${c.init ? '(init)' : ''}=${c.state}${c.exitCode !== undefined ? `:${c.exitCode}` : ''}${c.restarts ? ` restarts=${c.restarts}` : ''}${c.reason ? ` (${c.reason})` : ''}`);
    return `${this.name} ${this.phase}${this.ready ? ' Ready' : ''}${this.terminating ? ' Terminating' : ''}${this.reason ? ` [${this.reason}]` : ''}: ${cs.join(', ')}`;
  }

  /** Marks the pod Failed with `reason` and kills it at once (kubelet eviction). */
  public async evict(reason: string): Promise<void> {
    this.host.log(`pod ${this.name}: evicted: ${reason}`);
    this.phase = 'Failed';
    this.reason = `Evicted: ${reason}`;
    this.ready = false;
    this.host.changed();
    await this.stopAll(0);
  }

  private async stopAll(grace: number): Promise<void> {
    await Promise.all(this.ctrs.map(c => podman(['stop', '-t', String(grace), this.containerName(c.spec.name)], { timeoutMs: (grace + 30) * 1000 })));
  }

  /** Deletes the pod: SIGTERM, SIGKILL after the grace period, then the sandbox and its emptyDirs (claims stay). */
  public async delete(graceSeconds?: number): Promise<void> {
    if (this.terminating) return;
    this.terminating = true;
    this.ready = false;
    this.host.changed();
    await this.stopAll(graceSeconds ?? this.grace());
    await removePod(this.podmanName);
    for (const v of this.spec.volumes ?? []) {
      if (v.emptyDir?.medium === 'Memory') fs.rmSync(path.join('/dev/shm', `${this.podmanName}-${v.name}`), { recursive: true, force: true });
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
    this.deleted = true;
    this.host.changed();
  }
}
