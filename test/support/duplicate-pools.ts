import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { StrimziCluster } from '../../lib/strimzi';

/** The dual-role KafkaNodePool of a default StrimziCluster named `cluster`, as JSON (from a scratch app). */
function poolJson(cluster: string): any {
  const scratch = new Chart(new App(), 'scratch', { namespace: 'kafka' });
  new StrimziCluster(scratch, cluster);
  return scratch.toJson().find((o: any) => o.kind === 'KafkaNodePool');
}

/**
 * Two KafkaNodePools as plain ApiObjects (construct paths kafka/orders/Pool-dual-role and
 * kafka/billing/Pool-dual-role), named dual-role unless `secondName` is given: duplicates that
 * no library construct made, so only the validation plugin can report them.
 */
export function duplicatePools(app: App, secondName = 'dual-role'): void {
  const chart = new Chart(app, 'kafka', { namespace: 'kafka' });
  for (const [cluster, name] of [['orders', 'dual-role'], ['billing', secondName]]) {
    const json = poolJson(cluster);
    new ApiObject(new Construct(chart, cluster), 'Pool-dual-role', { ...json, metadata: { ...json.metadata, name } });
  }
}
