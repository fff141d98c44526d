// What the day-2 scenarios watch while a change rolls out: an acks=all producer that runs until
// stopped, a quorum sampler (kafka-metadata-quorum describe --status in a loop), and a tracker of
// the order in which a StatefulSet's pods are replaced. All act as a user does (`kubectl exec`
// into the test client, `kubectl get pods -w`).
import { planFolders } from '../../tools/plan/plan';
import { Cluster } from '../runner/cluster';
import { PodRuntime } from '../runner/pod';
import { CheckFailed, expect, parseVerifiableProducer } from './checks';

/** A JVM CLI that starts fast and small: the test client also runs the producer. */
const SMALL_JVM = 'KAFKA_HEAP_OPTS=-Xmx64m KAFKA_JVM_PERFORMANCE_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"';

/** An acks=all verifiable producer without a message limit; `stop()` ends it with SIGTERM (it flushes and closes) and returns its output. */
export class RunningProducer {
  private readonly done: Promise<{ code: number; stdout: string; stderr: string }>;
  private failed?: Error;

  constructor(private readonly cluster: Cluster, private readonly client: PodRuntime, bootstrap: string, topic: string, perSecond: number) {
    const producer = `/opt/kafka/bin/kafka-verifiable-producer.sh --bootstrap-server ${bootstrap} --topic ${topic} --max-messages -1 --throughput ${perSecond} --acks -1 --value-prefix 1 --producer.config /tmp/e2e-producer.properties`;
    // The verifiable producer sets retries=0 (it reports every error); its --producer.config is
    // applied over that, so this is a producer with the client defaults every application has
    // (retries until delivery.timeout.ms, idempotence), which is what a roll must not fail.
    const config = 'printf "retries=2147483647\\nenable.idempotence=true\\n" > /tmp/e2e-producer.properties';
    const script = `${config}; rm -f /tmp/e2e-producer.out; (echo $BASHPID > /tmp/e2e-producer.pid; export KAFKA_HEAP_OPTS=-Xmx128m; exec ${producer}) > /tmp/e2e-producer.out 2>/tmp/e2e-producer.err; echo "exit=$?"`;
    this.done = cluster.exec(client, client.spec.containers[0].name, ['bash', '-c', script], 1_800_000);
    this.done.then(r => { if (!/exit=(0|143)\b/.test(r.stdout)) this.failed = new CheckFailed(`the producer ended on its own (${r.stdout.trim()} ${r.stderr.trim()})`); }, e => { this.failed = e; });
  }

  private async out(file: string): Promise<string> {
    return (await this.cluster.exec(this.client, this.client.spec.containers[0].name, ['bash', '-c', `cat ${file} 2>/dev/null || true`])).stdout;
  }

  /** Acknowledged sends so far. */
  public async acked(): Promise<number> {
    if (this.failed) throw this.failed;
    const r = await this.cluster.exec(this.client, this.client.spec.containers[0].name, ['bash', '-c', 'grep -c producer_send_success /tmp/e2e-producer.out || true']);
    return Number(r.stdout.trim());
  }

  public async waitAcked(n: number, timeoutMs = 180_000): Promise<void> {
    await this.cluster.waitFor(`${n} acknowledged sends`, async () => (await this.acked()) >= n, timeoutMs);
  }

  public async stop(): Promise<ReturnType<typeof parseVerifiableProducer> & { output: string }> {
    if (this.failed) throw this.failed;
    await this.cluster.exec(this.client, this.client.spec.containers[0].name, ['bash', '-c', 'kill -TERM "$(cat /tmp/e2e-producer.pid)"']);
    const r = await this.done;
    if (this.failed) throw this.failed;
    const output = await this.out('/tmp/e2e-producer.out');
    expect(/shutdown_complete/.test(output) || /exit=0\b/.test(r.stdout), `the producer did not shut down cleanly (${r.stdout.trim()}):\n${(await this.out('/tmp/e2e-producer.err')).slice(-2000)}`);
    return { ...parseVerifiableProducer(output), output };
  }
}

export interface QuorumSample { at: number; ok: boolean; leader?: number; error?: string }

/** `kafka-metadata-quorum describe --status` in a loop in the test client until stopped. */
export class QuorumSampler {
  private readonly done: Promise<{ stdout: string }>;

  constructor(private readonly cluster: Cluster, private readonly client: PodRuntime, bootstrap: string) {
    const describe = `${SMALL_JVM} timeout 90 /opt/kafka/bin/kafka-metadata-quorum.sh --bootstrap-server ${bootstrap} describe --status`;
    const script = [
      'rm -f /tmp/e2e-quorum.stop',
      'while [ ! -f /tmp/e2e-quorum.stop ]; do',
      `  out=$(${describe} 2>&1); rc=$?`,
      '  leader=$(printf "%s\\n" "$out" | sed -n "s/^LeaderId:[[:space:]]*//p")',
      '  echo "SAMPLE $(date +%s%3N) rc=$rc leader=${leader:-none}"',
      '  [ "$rc" = 0 ] || printf "%s\\n" "$out" | grep -v "^\\s*at " | tail -3 | sed "s/^/ERR /"',
      '  sleep 1',
      'done',
    ].join('\n');
    this.done = cluster.exec(client, client.spec.containers[0].name, ['bash', '-c', script], 1_800_000);
  }

  public async stop(): Promise<QuorumSample[]> {
    await this.cluster.exec(this.client, this.client.spec.containers[0].name, ['touch', '/tmp/e2e-quorum.stop']);
    const r = await this.done;
    const samples: QuorumSample[] = [];
    for (const line of r.stdout.split('\n')) {
      const m = /^SAMPLE (\d+) rc=(\d+) leader=(\S+)/.exec(line);
      if (m) samples.push({ at: Number(m[1]), ok: m[2] === '0' && /^\d+$/.test(m[3]), leader: /^\d+$/.test(m[3]) ? Number(m[3]) : undefined });
      else if (line.startsWith('ERR ') && samples.length) samples[samples.length - 1].error = `${samples[samples.length - 1].error ?? ''}${line.slice(4)}\n`;
    }
    return samples;
  }
}

/** Every sample answered, with a leader among the voters; at least `min` samples during [from, to]. */
export function checkQuorumSamples(samples: QuorumSample[], voters: number[], from: number, to: number, notes: string[], min = 5): void {
  const bad = samples.filter(s => !s.ok || s.leader === undefined || !voters.includes(s.leader));
  expect(bad.length === 0, `${bad.length} of ${samples.length} quorum samples without a leader among ${voters}:\n${bad.slice(0, 5).map(s => `${new Date(s.at).toISOString()} leader ${s.leader ?? 'none'} ${s.error ?? ''}`).join('\n')}`);
  const during = samples.filter(s => s.at >= from && s.at <= to).length;
  expect(during >= min, `only ${during} quorum samples during the roll (${Math.round((to - from) / 1000)} s), expected at least ${min}`);
  const leaders = [...new Set(samples.map(s => s.leader))].join(',');
  notes.push(`quorum: ${samples.length} samples of kafka-metadata-quorum describe --status (${during} during the roll), a leader among ${voters.join(',')} in each (leaders seen: ${leaders})`);
}

export interface RollStep { ordinal: number; deletedAt: number; createdAt?: number; readyAt?: number }

/** Watches a StatefulSet's pods (`kubectl get pods -w`): which ordinal is replaced when, and how many are not Ready at once. */
export class RollWatcher {
  public readonly steps: RollStep[] = [];
  public maxUnready = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly seen = new Map<number, PodRuntime>();

  constructor(private readonly cluster: Cluster, private readonly set: string, private readonly replicas: number, ns = 'kafka') {
    for (const p of cluster.podsOf('StatefulSet', set, ns)) this.seen.set(ordinalOf(p), p);
    this.timer = setInterval(() => this.sample(ns), 500);
  }

  private sample(ns: string): void {
    const pods = this.cluster.podsOf('StatefulSet', this.set, ns);
    const now = Date.now();
    for (const [ordinal, old] of this.seen) {
      const current = pods.find(p => ordinalOf(p) === ordinal);
      if ((old.terminating || old.deleted || current !== old) && !this.steps.some(s => s.ordinal === ordinal && s.deletedAt >= old.createdAt)) {
        this.steps.push({ ordinal, deletedAt: now });
      }
    }
    for (const p of pods) {
      const o = ordinalOf(p);
      if (this.seen.get(o) !== p && !p.terminating) {
        const step = [...this.steps].reverse().find(s => s.ordinal === o);
        if (step && step.createdAt === undefined) step.createdAt = p.createdAt;
        if (step && p.ready && step.readyAt === undefined) { step.readyAt = now; this.seen.set(o, p); }
        if (!step) this.seen.set(o, p);
      }
    }
    const unready = Math.max(0, this.replicas - pods.filter(p => p.ready && !p.terminating).length);
    this.maxUnready = Math.max(this.maxUnready, unready);
  }

  public stop(): void { clearInterval(this.timer); }
}

function ordinalOf(p: PodRuntime): number {
  return Number(/-(\d+)$/.exec(p.name)![1]);
}

/** The pods of `set` were replaced from the highest ordinal down, one at a time, each Ready before the next went. */
export function checkRollOrder(w: RollWatcher, ordinals: number[], notes: string[]): void {
  const order = w.steps.map(s => s.ordinal);
  const want = [...ordinals].sort((a, b) => b - a);
  expect(JSON.stringify(order) === JSON.stringify(want), `pods replaced in the order ${order.join(',')}, expected ${want.join(',')}`);
  for (let i = 1; i < w.steps.length; i++) {
    expect(w.steps[i - 1].readyAt !== undefined && w.steps[i].deletedAt >= w.steps[i - 1].readyAt!, `ordinal ${w.steps[i].ordinal} deleted before ordinal ${w.steps[i - 1].ordinal} was Ready again`);
  }
  expect(w.maxUnready <= 1, `${w.maxUnready} pods not Ready at once during the roll`);
  notes.push(`roll: ${w.steps.map(s => `${s.ordinal} (Ready ${Math.round((s.readyAt! - s.deletedAt) / 1000)} s after its deletion)`).join(', then ')}; never more than one pod un-Ready`);
}

/** What `npm run plan --base <before>` says about the after folder: every change safe and the expected consequence on `object`. */
export function checkPlan(before: string, after: string, object: string, consequence: string, notes: string[]): void {
  const plan = planFolders(before, after);
  expect(plan.safe, `npm run plan calls this change unsafe:\n${JSON.stringify(plan.objects.filter(o => o.consequence !== 'applied'), null, 1).slice(0, 3000)}`);
  const o = plan.objects.find(x => x.object === object);
  expect(o?.consequence === consequence, `npm run plan: ${object} is ${o?.consequence ?? 'not in the plan'}, expected ${consequence}: ${JSON.stringify(plan.objects.map(x => `${x.object}: ${x.consequence}`))}`);
  notes.push(`npm run plan: safe; ${o!.object}: ${o!.consequence}${o!.findings[0] ? ` (${o!.findings[0].detail.slice(0, 160)})` : ''}`);
}
