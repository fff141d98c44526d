import { App, Chart } from 'cdk8s';
import * as k8s from '../imports/k8s';

/** Namespace every flavour deploys into. */
export const NAMESPACE = 'kafka';

/** The Namespace, in a chart of its own (cluster-scoped: no metadata.namespace). */
export function namespaceChart(app: App): Chart {
  const chart = new Chart(app, 'namespace');
  new k8s.KubeNamespace(chart, 'Namespace', {
    metadata: { name: NAMESPACE, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
  });
  return chart;
}
