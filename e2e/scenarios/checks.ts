// Assertions shared by the scenarios. They act as a user does: `kubectl exec` into the test
// client (Kafka's own CLIs), `kubectl logs` of the sample consumer, the objects' status.
import { Cluster } from '../runner/cluster';
import { K8sObject, namespaceOf } from '../runner/model';
import { PodRuntime } from '../runner/pod';

/** Traffic measured by a scenario (the report's fields). */
export interface Traffic { produced: number; acknowledged: number; consumed: number; lost: number }

export class CheckFailed extends Error {}

export function expect(ok: boolean, message: string): void {
  if (!ok) throw new CheckFailed(message);
}

/** Waits until every StatefulSet, Deployment and bare Pod is Ready and every Job complete. */
export async function waitAllReady(cluster: Cluster, timeoutMs: number): Promise<number> {
  const objects = [...cluster.objects.values()];
  return cluster.waitFor('every pod Ready and every Job complete', () => {
    for (const o of objects) {
      const ns = namespaceOf(o);
      if (o.kind === 'Job') {
        const st = cluster.jobStatus(o.metadata.name, ns);
        if (st?.jobCondition === 'Failed') throw new CheckFailed(`Job ${o.metadata.name} failed (${st.jobReason})`);
        if (st?.jobCondition !== 'Complete') return false;
      }
      const kind = o.kind === 'Pod' ? 'Pod' : o.kind;
      if (['StatefulSet', 'Deployment', 'Pod'].includes(o.kind)) {
        const want = o.kind === 'Pod' ? 1 : o.spec.replicas ?? 1;
        const ready = cluster.podsOf(kind, o.metadata.name, ns).filter(p => p.ready && !p.terminating);
        if (ready.length < want) return false;
      }
    }
    return true;
  }, timeoutMs, () => cluster.describePods());
}

export function podsOf(cluster: Cluster, kind: string, name: string, ns = 'kafka'): PodRuntime[] {
  return cluster.podsOf(kind, name, ns);
}

export function onlyPod(cluster: Cluster, kind: string, name: string, ns = 'kafka'): PodRuntime {
  const pods = podsOf(cluster, kind, name, ns);
  expect(pods.length === 1, `${kind} ${name}: expected one pod, found ${pods.length}`);
  return pods[0];
}

/** Runs a shell command in the test client (`kubectl exec <client> -- bash -c`), failing on a non-zero exit. */
export async function cli(cluster: Cluster, client: PodRuntime, script: string, timeoutMs = 180_000): Promise<string> {
  const r = await cluster.exec(client, client.spec.containers[0].name, ['bash', '-c', script], timeoutMs);
  if (r.code !== 0) throw new CheckFailed(`kubectl exec ${client.name} -- bash -c '${script}' exited ${r.timedOut ? 'on timeout' : r.code}:\n${(r.stderr + r.stdout).trim().slice(-3000)}`);
  return r.stdout;
}

/** The KRaft quorum as kafka-metadata-quorum describes it: 3 voters and a leader among them. */
export async function checkQuorum(cluster: Cluster, client: PodRuntime, bootstrap: string, voters: number[], notes: string[]): Promise<void> {
  const out = await cli(cluster, client, `/opt/kafka/bin/kafka-metadata-quorum.sh --bootstrap-server ${bootstrap} describe --status`);
  const leader = Number(/LeaderId:\s+(-?\d+)/.exec(out)?.[1]);
  const line = /CurrentVoters:\s+(.*)/.exec(out)?.[1] ?? '';
  // 4.x prints [{"id": 0, "endpoints": […]}, …]; 3.x prints [0,1,2].
  const voterIds = line.includes('"id"') ? [...line.matchAll(/"id":\s*(\d+)/g)].map(m => Number(m[1])) : [...line.matchAll(/\d+/g)].map(m => Number(m[0]));
  expect(voterIds.length === voters.length && voters.every(v => voterIds.includes(v)), `quorum voters ${JSON.stringify(voterIds)}, expected ${JSON.stringify(voters)}:\n${out}`);
  expect(voters.includes(leader), `quorum leader ${leader} is not one of the voters ${voters}:\n${out}`);
  notes.push(`quorum: voters ${voterIds.join(',')}, leader ${leader}`);
}

export interface TopicExpectation { name: string; partitions: number; replicas: number; config?: { [k: string]: string } }

/** Each topic exists with its partitions, replication factor and configs (`kafka-topics --describe`). */
export async function checkTopics(cluster: Cluster, client: PodRuntime, bootstrap: string, topics: TopicExpectation[], notes: string[], config = ''): Promise<void> {
  for (const t of topics) {
    const out = await cli(cluster, client, `/opt/kafka/bin/kafka-topics.sh --bootstrap-server ${bootstrap}${config} --describe --topic ${t.name}`);
    const head = out.split('\n').find(l => l.includes('PartitionCount')) ?? '';
    const partitions = Number(/PartitionCount:\s*(\d+)/.exec(head)?.[1]);
    const rf = Number(/ReplicationFactor:\s*(\d+)/.exec(head)?.[1]);
    expect(partitions === t.partitions && rf === t.replicas, `topic ${t.name}: ${partitions} partitions, RF ${rf}; expected ${t.partitions}, RF ${t.replicas}:\n${out}`);
    const configs = /Configs:\s*(\S*)/.exec(head)?.[1] ?? '';
    for (const [k, v] of Object.entries(t.config ?? {})) expect(configs.split(',').includes(`${k}=${v}`), `topic ${t.name}: config ${k}=${v} missing from "${configs}"`);
    notes.push(`topic ${t.name}: ${partitions} partitions, RF ${rf}${configs ? `, ${configs}` : ''}`);
  }
}

/** Every producer pod's numbered messages reach the consumer without a gap ("$POD_NAME message $i"). */
export async function checkSampleApp(cluster: Cluster, minPerProducer: number, notes: string[], timeoutMs = 120_000, ns = 'kafka', prefix = 'sample'): Promise<number> {
  const producers = podsOf(cluster, 'Deployment', `${prefix}-producer`, ns);
  const consumer = onlyPod(cluster, 'Deployment', `${prefix}-consumer`, ns);
  expect(producers.length > 0, 'no sample producer pods');
  let seen = new Map<string, Set<number>>();
  const read = () => {
    seen = new Map();
    for (const line of cluster.logs(consumer, consumer.spec.containers[0].name)) {
      const m = /^(\S+) message (\d+)$/.exec(line.trim());
      if (!m) continue;
      if (!seen.has(m[1])) seen.set(m[1], new Set());
      seen.get(m[1])!.add(Number(m[2]));
    }
    return producers.every(p => (seen.get(p.name)?.size ?? 0) >= minPerProducer);
  };
  await cluster.waitFor(`${minPerProducer} messages of each sample producer in the consumer's log`, read, timeoutMs,
    () => producers.map(p => `${p.name}: ${seen.get(p.name)?.size ?? 0}`).join(', '));
  let gaps = 0;
  let total = 0;
  for (const p of producers) {
    const got = seen.get(p.name)!;
    const max = Math.max(...got);
    const missing: number[] = [];
    for (let i = 1; i <= max; i++) if (!got.has(i)) missing.push(i);
    gaps += missing.length;
    total += got.size;
    expect(missing.length === 0, `sample producer ${p.name}: messages ${missing.slice(0, 20).join(', ')} of 1..${max} never reached the consumer`);
  }
  // A client that fails (authentication before the SCRAM Job, a missing topic) exits and restarts.
  for (const p of [...producers, consumer]) {
    const restarts = Object.entries(p.restartCounts()).filter(([, n]) => n > 0);
    expect(restarts.length === 0, `sample pod ${p.name} restarted (${restarts.map(([c, n]) => `${c}: ${n}`).join(', ')}); see its log`);
  }
  notes.push(`sample app: ${producers.length} producers, ${total} messages consumed, numbered 1..n without gaps, no restarts`);
  return gaps;
}

/** Creates a topic for the acknowledged-traffic check (defaults of the cluster unless given). */
export async function createCheckTopic(cluster: Cluster, client: PodRuntime, bootstrap: string, topic: string, partitions: number, config = ''): Promise<void> {
  await cli(cluster, client, `/opt/kafka/bin/kafka-topics.sh --bootstrap-server ${bootstrap}${config} --create --if-not-exists --topic ${topic} --partitions ${partitions}`);
}

/** Parses kafka-verifiable-producer JSON lines: acknowledged values and the send count. */
export function parseVerifiableProducer(out: string): { sent: number; acked: Set<string>; errors: number } {
  const acked = new Set<string>();
  let sent = 0;
  let errors = 0;
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    let j: any;
    try { j = JSON.parse(line); } catch { continue; }
    if (j.name === 'producer_send_success') acked.add(String(j.value));
    else if (j.name === 'producer_send_error') errors++;
    else if (j.name === 'tool_data') sent = Math.max(sent, Number(j.sent ?? 0));
  }
  return { sent: Math.max(sent, acked.size + errors), acked, errors };
}

/** Starts an acks=all verifiable producer in the test client; resolves with its output when it ends (also copied to `tee`, a file in the client, while it runs). */
export function startVerifiableProducer(cluster: Cluster, client: PodRuntime, bootstrap: string, topic: string, messages: number, perSecond: number, config = '', tee?: string): Promise<string> {
  const producer = `KAFKA_HEAP_OPTS=-Xmx128m /opt/kafka/bin/kafka-verifiable-producer.sh --bootstrap-server ${bootstrap} --topic ${topic} --max-messages ${messages} --throughput ${perSecond} --acks -1 --value-prefix 1${config.replace('--command-config', '--producer.config')}`;
  const script = tee ? `set -o pipefail; ${producer} | tee ${tee}` : producer;
  return cluster.exec(client, client.spec.containers[0].name, ['bash', '-c', script], 600_000).then(r => {
    if (r.code !== 0) throw new CheckFailed(`verifiable producer exited ${r.code}:\n${(r.stderr || r.stdout).slice(-3000)}`);
    return r.stdout;
  });
}

/** Reads the topic from the beginning in a fresh group until idle; returns the values seen. */
export async function consumeAll(cluster: Cluster, client: PodRuntime, bootstrap: string, topic: string, config = ''): Promise<Set<string>> {
  const out = await cli(cluster, client, `KAFKA_HEAP_OPTS=-Xmx128m /opt/kafka/bin/kafka-console-consumer.sh --bootstrap-server ${bootstrap} --topic ${topic} --from-beginning --timeout-ms 20000 --group e2e-check-$RANDOM${config.replace('--command-config', '--consumer.config')} 2>/dev/null || true`, 300_000);
  return new Set(out.split('\n').map(l => l.trim()).filter(Boolean));
}

/** Acknowledged messages against what a consumer read back. */
export function traffic(produced: { sent: number; acked: Set<string> }, consumed: Set<string>): Traffic {
  let lost = 0;
  for (const v of produced.acked) if (!consumed.has(v)) lost++;
  const consumedAcked = [...produced.acked].filter(v => consumed.has(v)).length;
  return { produced: produced.sent, acknowledged: produced.acked.size, consumed: consumedAcked, lost };
}

/** A ConfigMap's server.properties as key → value. */
export function serverProperties(objects: Map<string, K8sObject>, configMap: string, ns = 'kafka'): { [k: string]: string } {
  const cm = objects.get(`ConfigMap/${ns}/${configMap}`);
  expect(!!cm, `ConfigMap ${configMap} not in the manifests`);
  const out: { [k: string]: string } = {};
  for (const line of (cm!.data?.['server.properties'] ?? '').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0 && !line.startsWith('#')) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}
