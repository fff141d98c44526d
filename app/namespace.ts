import { App, Chart } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { keepOnPrune } from '../lib/kafka';

/** Namespace every flavour deploys into. */
export const NAMESPACE = 'kafka';

/** The Namespace, in a chart of its own (cluster-scoped: no metadata.namespace). */
export function namespaceChart(app: App): Chart {
  const chart = new Chart(app, 'namespace');
  new k8s.KubeNamespace(chart, 'Namespace', {
    // Flux never prunes the Namespace: deleting it would delete the brokers' volumes.
    metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' }, annotations: keepOnPrune() },
  });
  return chart;
}
