// Day-2 scenarios: the app is re-synthesized with an edit (E2E_STAGE=after) and applied over the
// running cluster as `kubectl apply -f` would, while an acks=all producer, the sample app's
// consumer and a quorum sampler run. Each checks what `npm run plan` said, then that nothing
// acknowledged is lost, no send failed and the KRaft quorum had a leader at every sample.
import { Cluster } from '../runner/cluster';
import { PodRuntime } from '../runner/pod';
import { Traffic, checkSampleApp, cli, consumeAll, createCheckTopic, expect, onlyPod, traffic, waitAllReady } from './checks';
import { QuorumSampler, RollWatcher, RunningProducer, checkPlan, checkQuorumSamples, checkRollOrder } from './day2-checks';
import type { Scenario, ScenarioContext } from './index';

const BOOT_TIMEOUT = 420_000;
const ROLL_TIMEOUT = 480_000;
const B = '"$BOOTSTRAP_SERVERS"';

interface Day2 {
  readonly cluster: string;
  /** The StatefulSet the edit changes. */
  readonly set: string;
  readonly replicas: number;
  readonly voters: number[];
  /** What `npm run plan` must say about the StatefulSet. */
  readonly plan: 'rolling-restart' | 'applied';
  /** Waits until the change has rolled out (default: every pod of the set replaced, highest ordinal first, and Ready). */
  readonly rollout?: (ctx: ScenarioContext, client: PodRuntime) => Promise<void>;
  /** Checks after the rollout, with the producer still running. */
  readonly after?: (ctx: ScenarioContext, client: PodRuntime) => Promise<void>;
  /** The sample app's pods roll too (a new image): checked on the new pods. */
  readonly sampleAppRolls?: boolean;
}

async function day2(ctx: ScenarioContext, o: Day2): Promise<Traffic> {
  const { cluster, notes } = ctx;
  const boot = await waitAllReady(cluster, BOOT_TIMEOUT);
  // (config-change waited already, to read the value before the change)
  if (boot > 1000) notes.push(`all pods Ready and Jobs complete after ${Math.round(boot / 1000)} s`);
  const client = onlyPod(cluster, 'Deployment', `${o.cluster}-test-client`);
  await createCheckTopic(cluster, client, B, 'e2e-acked', 6);
  const next = await ctx.resynth('after');
  checkPlan(ctx.manifests, next, `StatefulSet kafka/${o.set}`, o.plan, notes);

  const sampler = new QuorumSampler(cluster, client, `${o.cluster}-kafka-brokers:9094`);
  const producer = new RunningProducer(cluster, client, B, 'e2e-acked', 25);
  await producer.waitAcked(50);
  const watcher = new RollWatcher(cluster, o.set, o.replicas);
  const appliedAt = Date.now();
  await cluster.apply(next);
  ctx.log(`applied ${next}`);
  let doneAt: number;
  try {
    if (o.rollout) await o.rollout(ctx, client);
    else {
      await cluster.waitFor(`every pod of ${o.set} replaced and Ready`, () => watcher.steps.length === o.replicas && watcher.steps.every(s => s.readyAt !== undefined),
        ROLL_TIMEOUT, () => `${JSON.stringify(watcher.steps)}\n${cluster.describePods()}`);
      checkRollOrder(watcher, [...Array(o.replicas).keys()], notes);
    }
    doneAt = Date.now();
    notes.push(`rollout done ${Math.round((doneAt - appliedAt) / 1000)} s after kubectl apply`);
    if (o.after) await o.after(ctx, client);
    // A few seconds of traffic on the rolled-out cluster before the producer stops.
    const n = await producer.acked();
    await producer.waitAcked(n + 50);
  } finally {
    watcher.stop();
  }
  const produced = await producer.stop();
  const samples = await sampler.stop();
  const ackedDuring = produced.output.split('\n').filter(l => l.includes('"producer_send_success"') && Number(/"timestamp":(\d+)/.exec(l)?.[1]) > appliedAt).length;
  expect(produced.errors === 0, `${produced.errors} acks=all sends failed during the change:\n${produced.output.split('\n').filter(l => l.includes('producer_send_error')).slice(0, 5).join('\n')}`);
  expect(ackedDuring > 0, 'no send was acknowledged after kubectl apply: the producer did not run across the change');
  checkQuorumSamples(samples, o.voters, appliedAt, doneAt, notes);
  await cluster.waitFor('no under-replicated partitions', async () => (await cli(cluster, client, `/opt/kafka/bin/kafka-topics.sh --bootstrap-server ${B} --describe --under-replicated-partitions`)).trim() === '', 180_000);
  const t = traffic(produced, await consumeAll(cluster, client, B, 'e2e-acked'));
  notes.push(`acks=all producer across the change: ${t.acknowledged}/${t.produced} acknowledged (${ackedDuring} after kubectl apply), 0 send errors, ${t.consumed} consumed back, ${t.lost} lost`);
  expect(t.acknowledged === t.produced, `${t.produced - t.acknowledged} sends never acknowledged`);
  expect(t.lost === 0, `${t.lost} acknowledged messages lost`);
  if (o.sampleAppRolls) await waitAllReady(cluster, ROLL_TIMEOUT);
  await checkSampleApp(cluster, 5, notes);
  return t;
}

/** `kafka-configs --describe --all` of each broker: the value the running broker uses. */
async function brokerConfig(cluster: Cluster, client: PodRuntime, id: number, key: string): Promise<string | undefined> {
  const out = await cli(cluster, client, `/opt/kafka/bin/kafka-configs.sh --bootstrap-server ${B} --entity-type brokers --entity-name ${id} --describe --all`);
  return new RegExp(`^\\s*${key.replace(/\./g, '\\.')}=(\\S*)`, 'm').exec(out)?.[1];
}

export const rollingRestart: Scenario = {
  name: 'rolling-restart',
  synthEnv: { KAFKA_APP_ENTRY: 'e2e/scenarios/apps/rolling-restart.ts' },
  stages: ['after'],
  run: ctx => day2(ctx, { cluster: 'my-cluster', set: 'my-cluster-kafka', replicas: 3, voters: [0, 1, 2], plan: 'rolling-restart' }),
};

export const configChange: Scenario = {
  name: 'config-change',
  synthEnv: { KAFKA_APP_ENTRY: 'e2e/scenarios/apps/config-change.ts' },
  stages: ['after'],
  run: async ctx => {
    const client = () => onlyPod(ctx.cluster, 'Deployment', 'my-cluster-test-client');
    const boot = await waitAllReady(ctx.cluster, BOOT_TIMEOUT);
    ctx.notes.push(`all pods Ready and Jobs complete after ${Math.round(boot / 1000)} s`);
    const before = await brokerConfig(ctx.cluster, client(), 0, 'message.max.bytes');
    expect(before !== '2097152', `message.max.bytes is already 2097152 before the change (${before})`);
    return day2(ctx, {
      cluster: 'my-cluster', set: 'my-cluster-kafka', replicas: 3, voters: [0, 1, 2], plan: 'rolling-restart',
      after: async ({ cluster, notes }, c) => {
        const values = [];
        for (const id of [0, 1, 2]) values.push(await brokerConfig(cluster, c, id, 'message.max.bytes'));
        expect(values.every(v => v === '2097152'), `message.max.bytes on brokers 0,1,2 after the roll: ${values.join(', ')}, expected 2097152`);
        notes.push(`message.max.bytes: ${before} before, ${values.join('/')} on brokers 0/1/2 after the roll (kafka-configs --describe --all)`);
      },
    });
  },
};

export const scaleOut: Scenario = {
  name: 'scale-out',
  synthEnv: { KAFKA_APP_ENTRY: 'e2e/scenarios/apps/scale-out.ts' },
  stages: ['after'],
  run: ctx => day2(ctx, {
    cluster: 'scale', set: 'scale-kafka', replicas: 3, voters: [1000, 1001, 1002], plan: 'applied',
    rollout: async ({ cluster, notes }) => {
      const t = await cluster.waitFor('scale-kafka-3 Ready', () => !!cluster.pod('scale-kafka-3', 'kafka')?.ready, ROLL_TIMEOUT, () => cluster.describePods());
      notes.push(`scale-kafka-3 created and Ready ${Math.round(t / 1000)} s after kubectl apply`);
    },
    after: async ({ cluster, notes }, client) => {
      const old = [0, 1, 2].map(i => cluster.pod(`scale-kafka-${i}`, 'kafka')!);
      expect(old.every(p => Object.values(p.restartCounts()).every(n => n === 0) && p.createdAt < Date.now() - 60_000), 'existing brokers were restarted or replaced by the scale-out');
      const ids = await cli(cluster, client, `/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server ${B} 2>/dev/null | grep -o "(id: [0-9]*" | sort -u`);
      expect(/\(id: 3\b/.test(ids) && ids.trim().split('\n').length === 4, `brokers registered: ${ids.trim().replace(/\n/g, ', ')}; expected 0,1,2,3`);
      // The new broker hosts partitions: a topic placed on it, led by it for partition 0.
      await cli(cluster, client, `/opt/kafka/bin/kafka-topics.sh --bootstrap-server ${B} --create --topic e2e-on-3 --replica-assignment 3:0:1,1:3:2`);
      await cluster.waitFor('e2e-on-3 fully replicated', async () => {
        const d = await cli(cluster, client, `/opt/kafka/bin/kafka-topics.sh --bootstrap-server ${B} --describe --topic e2e-on-3`);
        return /Partition:\s*0\s+Leader:\s*3\s+Replicas:\s*3,0,1\s+Isr:\s*\S*3/.test(d) && /Partition:\s*1\s+Leader:\s*\d+\s+Replicas:\s*1,3,2\s+Isr:\s*(\d+,){2}\d+/.test(d);
      }, 120_000);
      const sent = await cli(cluster, client, `KAFKA_HEAP_OPTS=-Xmx128m /opt/kafka/bin/kafka-verifiable-producer.sh --bootstrap-server ${B} --topic e2e-on-3 --max-messages 100 --acks -1 | grep -c producer_send_success || true`);
      expect(Number(sent.trim()) === 100, `acks=all to the partitions on broker 3: ${sent.trim()} of 100 acknowledged`);
      notes.push('broker 3 registered (kafka-broker-api-versions lists 0,1,2,3), leads and follows partitions of a new topic placed on it, 100/100 acks=all sends to it acknowledged; brokers 0,1,2 not restarted');
    },
  }),
};

export const kafkaUpgrade: Scenario = {
  name: 'kafka-upgrade',
  synthEnv: { KAFKA_APP_ENTRY: 'e2e/scenarios/apps/kafka-upgrade.ts' },
  stages: ['after'],
  run: async ctx => {
    const features = async (client: PodRuntime) => cli(ctx.cluster, client, `/opt/kafka/bin/kafka-features.sh --bootstrap-server ${B} describe`);
    const level = (out: string) => /Feature:\s*metadata\.version\s.*FinalizedVersionLevel:\s*(\S+)/.exec(out)?.[1];
    return day2(ctx, {
      cluster: 'my-cluster', set: 'my-cluster-kafka', replicas: 3, voters: [0, 1, 2], plan: 'rolling-restart', sampleAppRolls: true,
      after: async ({ cluster, notes }, client) => {
        for (const i of [0, 1, 2]) {
          const image = cluster.pod(`my-cluster-kafka-${i}`, 'kafka')!.spec.containers[0].image;
          expect(image === 'apache/kafka:4.3.1', `my-cluster-kafka-${i} runs ${image} after the roll`);
        }
        const before = level(await features(client));
        expect(!!before && before.startsWith('4.2'), `metadata.version before finalizing: ${before}, expected the 4.2 level the cluster was formatted with`);
        // As docs/day-2.md says: once every node runs the new release, finalize its metadata version.
        await cli(cluster, client, `/opt/kafka/bin/kafka-features.sh --bootstrap-server ${B} upgrade --release-version 4.3`);
        const after = level(await features(client));
        expect(!!after && after.startsWith('4.3'), `metadata.version after kafka-features upgrade --release-version 4.3: ${after}`);
        notes.push(`brokers rolled 4.2.0 → 4.3.1; metadata.version ${before} → ${after} (kafka-features upgrade --release-version 4.3) with the producer running`);
      },
    });
  },
};
