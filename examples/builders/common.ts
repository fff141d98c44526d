import { App, Chart } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { ApplyStage, ApplyStages, StrimziOperator, StrimziVersion } from '../../lib';

/** Namespace every example deploys Kafka into (the operator runs in its own, `strimzi-system`). */
export const NAMESPACE = 'kafka';

/** Name of the `Kafka` resource in every example, as in the Strimzi quick starts. */
export const CLUSTER_NAME = 'my-cluster';

/** The charts every example starts from. */
export interface ExampleBase {
  /** Operator stage: the Strimzi HelmRelease (Flux) and the `kafka` Namespace. */
  readonly operator: Chart;
  /** Cluster stage, in namespace `kafka`, applied after the operator. */
  readonly cluster: Chart;
  /** Apps stage (topics, users, clients, Connect), in namespace `kafka`, applied after the cluster. */
  readonly apps: Chart;
}

/**
 * The operator (Strimzi's Helm chart through a Flux HelmRelease, at the example's Strimzi release,
 * watching `kafka`), the `kafka` Namespace labelled Pod Security "restricted", and one chart per
 * later apply stage. The Namespace sits with the operator because the chart's RoleBindings in
 * `kafka` need it to exist.
 */
export function exampleBase(app: App, version: StrimziVersion): ExampleBase {
  const operator = new Chart(app, 'strimzi-operator');
  new StrimziOperator(operator, 'operator', { version, watchNamespaces: [NAMESPACE] });
  new k8s.KubeNamespace(operator, 'Namespace', {
    metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
  });
  const cluster = ApplyStages.assign(new Chart(app, 'kafka', { namespace: NAMESPACE }), ApplyStage.CLUSTER);
  cluster.addDependency(operator);
  const apps = ApplyStages.assign(new Chart(app, 'apps', { namespace: NAMESPACE }), ApplyStage.APPS);
  apps.addDependency(cluster);
  return { operator, cluster, apps };
}
