// Day-1 scenarios: the cluster boots, the topic Job creates its topics, clients work.
import { Cluster } from '../runner/cluster';
import { PodRuntime } from '../runner/pod';
import {
  Traffic, TopicExpectation, checkQuorum, checkSampleApp, checkTopics, cli, consumeAll, createCheckTopic, expect, onlyPod,
  parseVerifiableProducer, serverProperties, startVerifiableProducer, traffic, waitAllReady,
} from './checks';
import type { Scenario, ScenarioContext } from './index';
import { SCRAM_PASSWORD } from './apps/scram-password';

const BOOT_TIMEOUT = 420_000;

/** Acknowledged traffic through the test client: an acks=all verifiable producer, then a consumer reading it all back. */
export async function ackedTraffic(cluster: Cluster, client: PodRuntime, bootstrap: string, notes: string[], config = '', messages = 500): Promise<Traffic> {
  await createCheckTopic(cluster, client, bootstrap, 'e2e-acked', 3, config);
  const produced = parseVerifiableProducer(await startVerifiableProducer(cluster, client, bootstrap, 'e2e-acked', messages, 100, config));
  const t = traffic(produced, await consumeAll(cluster, client, bootstrap, 'e2e-acked', config));
  notes.push(`test client: verifiable producer (acks=all) ${t.acknowledged}/${t.produced} acknowledged, console consumer read ${t.consumed} of them back`);
  expect(t.acknowledged > 0 && t.acknowledged === t.produced, `test client: only ${t.acknowledged} of ${t.produced} messages acknowledged`);
  expect(t.lost === 0, `test client: ${t.lost} acknowledged messages were never consumed`);
  return t;
}

async function kraftDay1(ctx: ScenarioContext, o: { cluster: string; voters: number[]; topics: TopicExpectation[]; config?: string; sets?: { [name: string]: number } }): Promise<Traffic> {
  const { cluster, notes } = ctx;
  const boot = await waitAllReady(cluster, BOOT_TIMEOUT);
  notes.push(`all pods Ready and Jobs complete after ${Math.round(boot / 1000)} s`);
  // Counted once the controllers have created them (OrderedReady sets grow one pod at a time).
  for (const [set, want] of Object.entries(o.sets ?? {})) {
    const n = cluster.podsOf('StatefulSet', set, 'kafka').filter(p => p.ready).length;
    expect(n === want, `StatefulSet ${set}: ${n} Ready pods, expected ${want}`);
    notes.push(`StatefulSet ${set}: ${n} pods Ready`);
  }
  const client = onlyPod(cluster, 'Deployment', `${o.cluster}-test-client`);
  const bootstrap = '"$BOOTSTRAP_SERVERS"';
  await checkQuorum(cluster, client, `${o.cluster}-kafka-brokers:9094`, o.voters, notes);
  await checkTopics(cluster, client, bootstrap, o.topics, notes, o.config);
  const t = await ackedTraffic(cluster, client, bootstrap, notes, o.config);
  await checkSampleApp(cluster, 5, notes);
  return t;
}

export const rawKraft: Scenario = {
  name: 'raw-kraft',
  synthEnv: { KAFKA_FLAVOR: 'raw-kraft' },
  run: ctx => kraftDay1(ctx, { cluster: 'my-cluster', voters: [0, 1, 2], topics: [{ name: 'sample-topic', partitions: 6, replicas: 3 }] }),
};

export const rawKraftDedicatedControllers: Scenario = {
  name: 'raw-kraft-dedicated-controllers',
  synthEnv: { KAFKA_APP_ENTRY: 'e2e/scenarios/apps/dedicated-controllers.ts' },
  run: ctx => kraftDay1(ctx, {
    cluster: 'split', voters: [1000, 1001, 1002], sets: { 'split-controller': 3, 'split-kafka': 3 }, topics: [{ name: 'sample-topic', partitions: 3, replicas: 3, config: { 'retention.ms': '3600000' } }],
  }),
};

export const rawZookeeper: Scenario = {
  name: 'raw-zookeeper',
  synthEnv: { KAFKA_FLAVOR: 'raw-zookeeper' },
  run: async ctx => {
    const { cluster, notes } = ctx;
    const boot = await waitAllReady(cluster, BOOT_TIMEOUT);
    notes.push(`all pods Ready and Jobs complete after ${Math.round(boot / 1000)} s`);
    const modes: string[] = [];
    for (const zk of cluster.podsOf('StatefulSet', 'zookeeper', 'kafka')) {
      // A few tries: one `srvr` can come back empty under load (nc's 2 s wait) from a node that is
      // serving; a node that is not in the quorum answers no Mode in any of them.
      let mode: string | undefined;
      let last = '';
      for (let i = 0; i < 5 && !mode; i++) {
        if (i > 0) await new Promise(r => setTimeout(r, 2000));
        const r = await cluster.exec(zk, 'zookeeper', ['bash', '-c', 'echo srvr | nc -w 5 localhost 2181']);
        mode = /Mode: (\w+)/.exec(r.stdout)?.[1];
        last = r.stdout.trim() || r.stderr.trim();
      }
      modes.push(mode ?? `none (${last})`);
    }
    modes.sort();
    expect(JSON.stringify(modes) === JSON.stringify(['follower', 'follower', 'leader']), `ZooKeeper modes ${modes.join(', ')}; expected one leader and two followers`);
    notes.push(`zookeeper: ${modes.join(', ')}`);
    const client = onlyPod(cluster, 'Deployment', 'my-cluster-test-client');
    const ids = await cli(cluster, client, '/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "$BOOTSTRAP_SERVERS" 2>/dev/null | grep -c "(id: "');
    expect(Number(ids.trim()) === 3, `brokers answering: ${ids.trim()}, expected 3`);
    // ZooKeeper mode for real: each broker registered its id under /brokers/ids (`kubectl logs`).
    for (const broker of cluster.podsOf('StatefulSet', 'my-cluster-kafka', 'kafka')) {
      const id = broker.name.split('-').pop();
      const registered = cluster.logs(broker, 'kafka').some(l => l.includes(`Registered broker ${id} at path /brokers/ids/${id} `));
      expect(registered, `${broker.name} never registered at /brokers/ids/${id} in ZooKeeper`);
    }
    notes.push('brokers 0,1,2 answer and registered at /brokers/ids in ZooKeeper');
    await checkTopics(cluster, client, '"$BOOTSTRAP_SERVERS"', [{ name: 'sample-topic', partitions: 6, replicas: 3 }], notes);
    const t = await ackedTraffic(cluster, client, '"$BOOTSTRAP_SERVERS"', notes);
    await checkSampleApp(cluster, 5, notes);
    return t;
  },
};

/** JAAS then properties escaping of a SCRAM login (the password stays out of argv: written through stdin). */
function scramConfig(user: string, password: string): string {
  const jaas = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${user}" password="${password.replace(/[\\"]/g, '\\$&')}";`;
  return `security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=${jaas.replace(/\\/g, '\\\\')}\n`;
}

export const rawKraftScram: Scenario = {
  name: 'raw-kraft-scram',
  synthEnv: { KAFKA_APP_ENTRY: 'e2e/scenarios/apps/scram.ts' },
  run: async ctx => {
    const { cluster, notes } = ctx;
    const props = serverProperties(cluster.objects, 'secure-kafka-config');
    expect(props['listener.name.scram.sasl.enabled.mechanisms'] === 'SCRAM-SHA-512', 'the scram listener does not enable SCRAM-SHA-512');
    const boot = await waitAllReady(cluster, BOOT_TIMEOUT);
    notes.push(`all pods Ready and Jobs (topics, SCRAM user) complete after ${Math.round(boot / 1000)} s`);
    const client = onlyPod(cluster, 'Deployment', 'secure-test-client');
    const write = async (file: string, content: string) => {
      const r = await cluster.exec(client, 'kafka-cli', ['bash', '-c', `umask 077; printf '%s' "$1" > ${file}`, 'sh', content]);
      expect(r.code === 0, `cannot write ${file}: ${r.stderr}`);
    };
    await write('/tmp/alice.properties', scramConfig('alice', SCRAM_PASSWORD));
    await write('/tmp/wrong.properties', scramConfig('alice', `${SCRAM_PASSWORD}x`));
    const bootstrap = '"$BOOTSTRAP_SERVERS"';
    const wrong = await cluster.exec(client, 'kafka-cli', ['bash', '-c', `/opt/kafka/bin/kafka-topics.sh --bootstrap-server ${bootstrap} --command-config /tmp/wrong.properties --list`], 120_000);
    expect(wrong.code !== 0 && /Authentication failed|SaslAuthenticationException/.test(wrong.stderr + wrong.stdout), `a wrong password was not refused (exit ${wrong.code}):\n${(wrong.stderr + wrong.stdout).slice(-1500)}`);
    notes.push('wrong password refused (SaslAuthenticationException)');
    const config = ' --command-config /tmp/alice.properties';
    await checkTopics(cluster, client, bootstrap, [{ name: 'sample-topic', partitions: 3, replicas: 3 }], notes, config);
    const t = await ackedTraffic(cluster, client, bootstrap, notes, config);
    await checkSampleApp(cluster, 5, notes);
    notes.push('sample app authenticated as alice (SCRAM-SHA-512, password from the Secret)');
    return t;
  },
};
