// The runner: `apply(dir)` takes synthesized YAML as `kubectl apply -f DIR` and a reconcile loop
// plays the controllers, the kubelet and cluster DNS on podman (see e2e/README.md for what is and
// is not emulated). Every podman object carries the label e2e.run=<runId> and a name with the prefix.
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../lib/exec';
import { PREFIX, podman, podmanOk } from '../lib/podman';
import { ControllerState, forbiddenPodChanges, reconcileDeployment, reconcileJob, reconcileStatefulSet } from './controllers';
import { DnsPod, clusterEntries, renderHosts } from './dns';
import { K8sObject, keyOf, loadManifests, matches, namespaceOf, refuseUnsupported } from './model';
import { PodHost, PodInit, PodRuntime } from './pod';
import { ImageConfig, Lookup } from './podspec';
import { forbiddenStatefulSetChanges } from './statefulset';

export interface ClusterOptions {
  /** Names every podman object: `e2e-<id>`. */
  readonly id: string;
  readonly workDir: string;
  readonly log?: (line: string) => void;
  readonly domain?: string;
}

/** A change `kubectl apply` would be refused for by the API server. */
export class ApplyRefused extends Error {}

export class Cluster implements PodHost {
  public readonly runId: string;
  public readonly network: string;
  public readonly workDir: string;
  public readonly domain: string;
  public readonly objects = new Map<string, K8sObject>();
  public pods: PodRuntime[] = [];
  private readonly state = new Map<string, ControllerState>();
  private readonly images = new Map<string, Promise<ImageConfig>>();
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private dirty = true;
  private lastSlowCheck = 0;
  private readonly logFn: (line: string) => void;
  private failure?: Error;
  private unusedIp?: string;

  constructor(opts: ClusterOptions) {
    this.runId = `${PREFIX}${opts.id}`;
    this.network = this.runId;
    this.workDir = opts.workDir;
    this.domain = opts.domain ?? 'cluster.local';
    this.logFn = opts.log ?? (() => undefined);
  }

  public log(line: string): void { this.logFn(line); }
  public changed(): void { this.dirty = true; }

  /** Creates the pod network (internal: no route out of the machine) and starts the loop. */
  public async start(): Promise<void> {
    fs.mkdirSync(this.workDir, { recursive: true });
    await podman(['network', 'rm', '-f', this.network]);
    await podmanOk(['network', 'create', '--internal', '--disable-dns', '--label', `e2e.run=${this.runId}`, this.network]);
    const subnet: string = JSON.parse(await podmanOk(['network', 'inspect', this.network]))[0].subnets[0].subnet;
    // podman hands out addresses from .2 upwards; .254 of the /24 is never a pod's.
    this.unusedIp = subnet.replace(/\.\d+\/24$/, '.254');
    this.timer = setInterval(() => void this.tick(), 1000);
  }

  // --- kubectl apply ---------------------------------------------------------------------------
  /** Applies every object of the folder; throws ApplyRefused for changes the API server refuses. */
  public async apply(dir: string): Promise<void> {
    const objects = loadManifests(dir);
    refuseUnsupported(objects);
    for (const o of objects) this.checkUpdate(o);
    for (const o of objects) {
      this.objects.set(keyOf(o), o);
      if (o.kind === 'Pod' && !this.pods.some(p => p.owner.kind === 'Pod' && p.name === o.metadata.name && !p.deleted)) {
        this.createPod({ name: o.metadata.name, namespace: namespaceOf(o), labels: o.metadata.labels ?? {}, spec: o.spec, owner: { kind: 'Pod', name: o.metadata.name } });
      }
    }
    this.dirty = true;
  }

  private checkUpdate(o: K8sObject): void {
    const old = this.objects.get(keyOf(o));
    if (!old) return;
    const refuse = (what: string) => { throw new ApplyRefused(`${keyOf(o)}: the API server refuses this change: ${what}`); };
    if (o.kind === 'StatefulSet') {
      const fields = forbiddenStatefulSetChanges(old.spec, o.spec);
      if (fields.length) refuse(`spec.${fields.join(', spec.')}: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden`);
    }
    if (o.kind === 'Job' && JSON.stringify(old.spec?.template) !== JSON.stringify(o.spec?.template)) refuse('spec.template: field is immutable');
    if (o.kind === 'Deployment' && JSON.stringify(old.spec?.selector) !== JSON.stringify(o.spec?.selector)) refuse('spec.selector: field is immutable');
    if (o.kind === 'Pod' && forbiddenPodChanges(old.spec, o.spec)) refuse('spec: Forbidden: pod updates may not change fields other than image, activeDeadlineSeconds and tolerations');
  }

  // --- PodHost -----------------------------------------------------------------------------------
  public lookup(namespace: string): Lookup {
    return {
      configMap: name => this.objects.get(`ConfigMap/${namespace}/${name}`),
      secret: name => this.objects.get(`Secret/${namespace}/${name}`),
    };
  }

  public imageConfig(image: string): Promise<ImageConfig> {
    if (!this.images.has(image)) {
      this.images.set(image, podmanOk(['image', 'inspect', image, '--format', 'json']).then(out => {
        const c = JSON.parse(out)[0].Config ?? {};
        return { entrypoint: c.Entrypoint ?? [], cmd: c.Cmd ?? [], user: c.User ?? '', workingDir: c.WorkingDir ?? '' };
      }));
    }
    return this.images.get(image)!;
  }

  public claimDir(namespace: string, claim: string): string {
    return path.join(this.workDir, 'claims', namespace, claim);
  }

  // --- controller host ---------------------------------------------------------------------------
  public podsOf(kind: string, name: string, namespace: string): PodRuntime[] {
    return this.pods.filter(p => !p.deleted && p.owner.kind === kind && p.owner.name === name && p.namespace === namespace);
  }

  public createPod(init: PodInit): PodRuntime {
    const pod = new PodRuntime(this, init);
    this.pods.push(pod);
    this.log(`pod ${pod.name}: created`);
    this.dirty = true;
    return pod;
  }

  public deletePod(pod: PodRuntime, graceSeconds?: number): void {
    void pod.delete(graceSeconds).catch(e => this.log(`pod ${pod.name}: delete failed: ${e}`));
  }

  // --- the loop ------------------------------------------------------------------------------------
  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = Date.now();
      const states = await this.containerStates();
      for (const p of this.pods) p.tick(states, now);
      this.pods = this.pods.filter(p => !p.deleted || p.owner.kind === 'Job');
      for (const o of this.objects.values()) {
        const st = this.state.get(keyOf(o)) ?? {};
        this.state.set(keyOf(o), st);
        if (o.kind === 'StatefulSet') reconcileStatefulSet(o, st, this);
        else if (o.kind === 'Deployment') reconcileDeployment(o, this);
        else if (o.kind === 'Job') reconcileJob(o, st, this, now);
      }
      if (this.dirty) { this.dirty = false; this.writeDns(); }
      if (now - this.lastSlowCheck > 10_000) {
        this.lastSlowCheck = now;
        for (const p of this.pods.filter(x => x.phase === 'Running' && !x.terminating)) {
          // The kubelet's periodic volume sync: ConfigMap and Secret changes reach running pods.
          p.syncProjectedVolumes();
          const over = p.overSizeLimit();
          if (over) void p.evict(over);
        }
      }
    } catch (e) {
      this.failure = e as Error;
      this.log(`runner: ${(e as Error).stack ?? e}`);
    } finally {
      this.ticking = false;
    }
  }

  private async containerStates(): Promise<Map<string, { running: boolean; exitCode: number }>> {
    const r = await podman(['ps', '-a', '--filter', `label=e2e.run=${this.runId}`, '--format', 'json']);
    const m = new Map<string, { running: boolean; exitCode: number }>();
    if (r.code !== 0) return m;
    for (const c of JSON.parse(r.stdout || '[]') as { Names: string[]; State: string; ExitCode: number }[]) {
      m.set(c.Names[0], { running: ['running', 'created', 'paused', 'configured', 'initialized', 'stopping'].includes(c.State), exitCode: c.ExitCode });
    }
    return m;
  }

  private writeDns(): void {
    const dnsPods: DnsPod[] = this.pods.filter(p => !p.deleted).map(p => ({
      name: p.name, namespace: p.namespace, ip: p.ip, hostname: p.hostname, subdomain: p.subdomain, labels: p.labels,
      ready: p.ready && p.phase === 'Running', terminating: p.terminating,
    }));
    const services = [...this.objects.values()].filter(o => o.kind === 'Service');
    const byNs = new Map<string, [string, string[]][]>();
    for (const p of dnsPods) {
      if (!p.ip) continue;
      if (!byNs.has(p.namespace)) byNs.set(p.namespace, clusterEntries(services, dnsPods, this.domain, p.namespace, this.unusedIp));
      const file = this.pods.find(x => x.name === p.name && x.namespace === p.namespace && !x.deleted)!.hostsFile;
      if (!fs.existsSync(path.dirname(file))) continue;
      const content = renderHosts(p, byNs.get(p.namespace)!, this.domain);
      // In place (same inode): the file is bind-mounted into the pod's containers.
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content) fs.writeFileSync(file, content);
    }
  }

  // --- what tests use (kubectl get/exec/logs, kill) ------------------------------------------------
  public throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  public pod(name: string, namespace?: string): PodRuntime | undefined {
    return this.pods.find(p => p.name === name && !p.deleted && (namespace === undefined || p.namespace === namespace));
  }

  public podsMatching(selector: { [k: string]: string }): PodRuntime[] {
    return this.pods.filter(p => !p.deleted && matches(selector, p.labels));
  }

  public jobStatus(name: string, namespace: string): ControllerState | undefined {
    return this.state.get(`Job/${namespace}/${name}`);
  }

  /** `kubectl exec POD -c CONTAINER -- argv`. */
  public async exec(pod: PodRuntime, container: string, argv: string[], timeoutMs = 120_000) {
    return podman(['exec', pod.containerName(container), ...argv], { timeoutMs });
  }

  /** `kubectl logs` (all attempts when `previous`), as text lines. */
  public logs(pod: PodRuntime, container: string, previous = true): string[] {
    const files = pod.logFiles(container);
    const out: string[] = [];
    let partial = '';
    for (const f of previous ? files : files.slice(-1)) {
      for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
        const m = /^\S+ (stdout|stderr) ([PF]) (.*)$/.exec(line);
        if (!m) continue;
        partial += m[3];
        if (m[2] === 'F') { out.push(partial); partial = ''; }
      }
    }
    return out;
  }

  /** Sends a signal to a container's processes (the container runtime, not the API: `kill -9` on the node). */
  public async kill(pod: PodRuntime, container: string, signal = 'KILL'): Promise<void> {
    await podmanOk(['kill', '--signal', signal, pod.containerName(container)]);
  }

  /** Waits until `check` returns true; fails with `describe()` after `timeoutMs`. */
  public async waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, describe?: () => string): Promise<number> {
    const started = Date.now();
    for (;;) {
      this.throwIfFailed();
      if (await check()) return Date.now() - started;
      if (Date.now() - started > timeoutMs) {
        throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${describe ? `:\n${describe()}` : ''}`);
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  public describePods(): string {
    return this.pods.filter(p => !p.deleted).map(p => `  ${p.describe()}`).join('\n');
  }

  /** Stops the loop and removes every pod, container and the network of this run (claims stay unless `purge`). */
  public async shutdown(purge = true): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    while (this.ticking) await new Promise(r => setTimeout(r, 100));
    await removeRun(this.runId);
    if (purge) fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** Removes every pod, container and network labelled with `runId` (or with any e2e run when undefined). */
export async function removeRun(runId?: string): Promise<void> {
  const filter = runId ? `label=e2e.run=${runId}` : 'label=e2e.run';
  const ids = (await podman(['ps', '-a', '-q', '--filter', filter])).stdout.split('\n').filter(Boolean);
  if (ids.length) await podman(['rm', '-f', '-v', '-t', '0', ...ids], { timeoutMs: 120_000 });
  const podIds = (await podman(['pod', 'ps', '-q', '--filter', filter])).stdout.split('\n').filter(Boolean);
  if (podIds.length) await podman(['pod', 'rm', '-f', ...podIds], { timeoutMs: 120_000 });
  const nets = (await podman(['network', 'ls', '-q', '--filter', filter])).stdout.split('\n').filter(Boolean);
  if (nets.length) await podman(['network', 'rm', '-f', ...nets]);
  void run;
}
