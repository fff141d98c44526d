// Scenario binding-client: a workload that reads only its Service Binding (KafkaClientBinding)
// produces with acks=all over SCRAM and reads everything back.
import { CheckFailed, expect, onlyPod, waitAllReady } from './checks';
import type { Scenario } from './index';

export const bindingClient: Scenario = {
  name: 'binding-client',
  synthEnv: { KAFKA_APP_ENTRY: 'e2e/scenarios/apps/binding-client.ts' },
  run: async ctx => {
    const { cluster, notes } = ctx;
    let boot: number;
    try {
      boot = await waitAllReady(cluster, 420_000);
    } finally {
      // The client's own account, whatever happened (its log is in .e2e/binding-client/ too).
      for (const p of cluster.podsOf('Job', 'binding-client', 'kafka')) {
        for (const line of cluster.logs(p, 'client').filter(l => l.startsWith('binding-client:')).slice(-3)) notes.push(`${p.name}: ${line}`);
      }
    }
    notes.push(`all pods Ready and Jobs complete (the client Job included) after ${Math.round(boot / 1000)} s`);
    const pod = onlyPod(cluster, 'Job', 'binding-client');
    const logs = cluster.logs(pod, 'client');
    expect(logs.some(l => l === 'binding-client: binding /bindings/orders-binding'), 'the client did not find its binding at /bindings/orders-binding');
    const summary = logs.map(l => /^binding-client: produced=(\d+) acknowledged=(\d+) consumed=(\d+) lost=(\d+) failed=(\d+)$/.exec(l)).find(Boolean);
    if (!summary) throw new CheckFailed('the binding client printed no summary line');
    const [produced, acknowledged, consumed, lost, failed] = summary.slice(1).map(Number);
    expect(failed === 0, `${failed} acks=all sends failed`);
    expect(acknowledged === produced, `only ${acknowledged} of ${produced} messages acknowledged`);
    expect(lost === 0, `${lost} acknowledged messages were never consumed`);
    return { produced, acknowledged, consumed, lost };
  },
};
