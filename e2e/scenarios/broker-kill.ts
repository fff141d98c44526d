// broker-kill: acks=all traffic while one broker's container is killed with SIGKILL; it restarts
// on the same volume, rejoins the ISR, and no acknowledged message is lost.
import * as fs from 'fs';
import * as path from 'path';
import { checkSampleApp, cli, consumeAll, createCheckTopic, expect, onlyPod, parseVerifiableProducer, serverProperties, startVerifiableProducer, traffic, waitAllReady } from './checks';
import type { Scenario } from './index';

export const brokerKill: Scenario = {
  name: 'broker-kill',
  synthEnv: { KAFKA_APP_ENTRY: 'e2e/scenarios/apps/broker-kill.ts' },
  run: async ({ cluster, notes }) => {
    const props = serverProperties(cluster.objects, 'my-cluster-kafka-config');
    expect(props['default.replication.factor'] === '3' && props['min.insync.replicas'] === '2', `RF/min ISR ${props['default.replication.factor']}/${props['min.insync.replicas']}, expected 3/2`);
    const boot = await waitAllReady(cluster, 420_000);
    notes.push(`all pods Ready after ${Math.round(boot / 1000)} s`);
    const client = onlyPod(cluster, 'Deployment', 'my-cluster-test-client');
    const b = '"$BOOTSTRAP_SERVERS"';
    await createCheckTopic(cluster, client, b, 'e2e-acked', 6);
    const described = await cli(cluster, client, `/opt/kafka/bin/kafka-topics.sh --bootstrap-server ${b} --describe --topic e2e-acked`);
    expect(/ReplicationFactor:\s*3/.test(described), `check topic is not RF 3:\n${described}`);
    const minIsr = await cli(cluster, client, `/opt/kafka/bin/kafka-configs.sh --bootstrap-server ${b} --entity-type brokers --entity-name 1 --describe --all | grep ' min.insync.replicas='`);
    expect(/min\.insync\.replicas=2/.test(minIsr), `broker min.insync.replicas: ${minIsr.trim()}`);

    const victim = cluster.pod('my-cluster-kafka-1', 'kafka')!;
    const led = [...described.matchAll(/Partition:\s*(\d+)\s+Leader:\s*(\d+)/g)].filter(m => m[2] === '1').map(m => m[1]);
    expect(led.length > 0, `broker 1 leads no partition of e2e-acked, so killing it would test no failover:\n${described}`);
    const claim = cluster.claimDir('kafka', 'data-my-cluster-kafka-1');
    const meta = () => fs.readFileSync(path.join(claim, 'logs', 'meta.properties'), 'utf8');
    const metaBefore = meta();
    expect(/directory\.id=/.test(metaBefore), `meta.properties has no directory.id (a reformatted volume would not be noticed):\n${metaBefore}`);
    // acks=all traffic at 50/s for 40 s; the kill lands once 100 sends are acknowledged, so it
    // hits a running producer however slowly the JVM starts.
    const progress = '/tmp/e2e-verifiable-producer.out';
    const producing = startVerifiableProducer(cluster, client, b, 'e2e-acked', 2000, 50, '', progress);
    let failedEarly: Error | undefined;
    producing.catch(e => { failedEarly = e; });
    await cluster.waitFor('100 acknowledged sends before the kill', async () => {
      if (failedEarly) throw failedEarly;
      const n = await cluster.exec(client, 'kafka-cli', ['bash', '-c', `grep -c producer_send_success ${progress} || true`]);
      return Number(n.stdout.trim()) >= 100;
    }, 180_000);
    const killedAt = Date.now();
    await cluster.kill(victim, 'kafka', 'KILL');
    notes.push(`kill -9 of ${victim.name}'s kafka container (leader of e2e-acked partitions ${led.join(',')}) after 100 acknowledged sends`);
    await cluster.waitFor(`${victim.name} restarted`, () => victim.restartCounts().kafka >= 1, 60_000, () => victim.describe());
    const back = await cluster.waitFor(`${victim.name} Ready again`, () => victim.ready, 300_000, () => victim.describe());
    expect(cluster.pod('my-cluster-kafka-1', 'kafka') === victim, 'the pod was replaced instead of its container restarting');
    expect(meta() === metaBefore, 'the restarted broker does not run on the same volume (meta.properties changed)');
    notes.push(`${victim.name}: container restarted in the same pod on claim data-${victim.name} (same meta.properties), Ready ${Math.round(back / 1000)} s after the restart`);
    const output = await producing;
    const produced = parseVerifiableProducer(output);
    const ackedAfterKill = output.split('\n').filter(l => l.includes('"producer_send_success"') && Number(/"timestamp":(\d+)/.exec(l)?.[1]) > killedAt).length;
    expect(ackedAfterKill > 0, 'no send was acknowledged after the kill: the producer did not run across the failure');
    notes.push(`${produced.acked.size - ackedAfterKill} sends acknowledged before the kill, ${ackedAfterKill} after`);
    await cluster.waitFor('broker 1 back in the ISR of every partition', async () => {
      const out = await cli(cluster, client, `/opt/kafka/bin/kafka-topics.sh --bootstrap-server ${b} --describe --under-replicated-partitions`);
      return out.trim() === '';
    }, 180_000);
    const isr = await cli(cluster, client, `/opt/kafka/bin/kafka-topics.sh --bootstrap-server ${b} --describe --topic e2e-acked`);
    const rows = isr.split('\n').filter(l => /Partition:\s*\d+/.test(l));
    expect(rows.length === 6 && rows.every(l => /Isr:\s*(\d+,)*1(,\d+)*\s*($|\t|\s)/.test(l) && /Isr:\s*\d+,\d+,\d+/.test(l)), `broker 1 is not in every ISR:\n${isr}`);
    notes.push('broker 1 rejoined the ISR of every partition (no under-replicated partitions)');
    const t = traffic(produced, await consumeAll(cluster, client, b, 'e2e-acked'));
    notes.push(`acks=all: ${t.acknowledged}/${t.produced} acknowledged (${produced.errors} send errors during the failover), ${t.consumed} of them consumed, ${t.lost} lost`);
    expect(t.acknowledged > 0, 'nothing was acknowledged');
    expect(t.lost === 0, `${t.lost} acknowledged messages lost`);
    await checkSampleApp(cluster, 5, notes);
    return t;
  },
};
