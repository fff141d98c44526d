// Rack awareness in one StatefulSet: an init container reads the zone label of the node each
// Kafka pod was scheduled to and writes `broker.rack` for the start script. The zone is the
// node's, so one StatefulSet spans every zone and rolls its pods one at a time (per-zone
// StatefulSets would roll one pod per zone at the same time).
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { restrictedContainerSecurityContext } from '../kafka';
import { NODE_ZONE_CLASS_BASE64 } from './node-zone/node-zone-class';
import { RUNTIME_CONFIG_DIR } from './start-script';

/** The file the init container writes (`broker.rack=<zone>`), appended to the runtime properties. */
export const RACK_FILE = `${RUNTIME_CONFIG_DIR}/rack.properties`;
const CLASS_DIR = '/etc/kafka/node-zone';
const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** What a pod template of a rack-aware node group adds. */
export interface RackPodParts {
  readonly serviceAccountName: string;
  readonly initContainers: k8s.Container[];
  readonly volumes: k8s.Volume[];
}

/**
 * The ServiceAccount, the ClusterRole that may only `get` nodes, its binding, and the ConfigMap
 * holding the zone reader (NodeZone.class, compiled from lib/raw/node-zone/NodeZone.java). Nodes
 * are cluster-scoped, so the role is a ClusterRole, named after the namespace and cluster.
 */
export function rackAccess(scope: Construct, o: { clusterName: string; namespace: string; labels: { readonly [k: string]: string } }): { serviceAccountName: string; configMap: string } {
  const name = `${o.clusterName}-kafka-rack`;
  const clusterWide = `${o.namespace}-${o.clusterName}-kafka-rack`;
  const labels = { ...o.labels };
  new k8s.KubeServiceAccount(scope, 'RackServiceAccount', {
    metadata: { name, namespace: o.namespace, labels },
    // The token is mounted into the init container only (a projected volume), not into Kafka.
    automountServiceAccountToken: false,
  });
  new k8s.KubeClusterRole(scope, 'RackClusterRole', {
    metadata: { name: clusterWide, labels },
    rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }],
  });
  new k8s.KubeClusterRoleBinding(scope, 'RackClusterRoleBinding', {
    metadata: { name: clusterWide, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterWide },
    subjects: [{ kind: 'ServiceAccount', name, namespace: o.namespace }],
  });
  // binaryData: the class is bytes; an annotation names its source.
  new k8s.KubeConfigMap(scope, 'RackReader', {
    metadata: {
      name: `${o.clusterName}-kafka-node-zone`, namespace: o.namespace, labels,
      annotations: { 'kafka.cdk8s.io/source': 'cdk8s-kafka lib/raw/node-zone/NodeZone.java (javac --release 11)' },
    },
    binaryData: { 'NodeZone.class': NODE_ZONE_CLASS_BASE64 },
  });
  return { serviceAccountName: name, configMap: `${o.clusterName}-kafka-node-zone` };
}

/** The init container (on the Kafka image's JRE) and the volumes it needs. */
export function rackPodParts(o: { image: string; zoneKey: string; serviceAccountName: string; configMap: string }): RackPodParts {
  return {
    serviceAccountName: o.serviceAccountName,
    initContainers: [{
      name: 'rack',
      image: o.image,
      command: ['java', '-Xmx32m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', CLASS_DIR, 'NodeZone'],
      env: [
        { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'ZONE_LABEL', value: o.zoneKey },
        { name: 'OUTPUT', value: RACK_FILE },
      ],
      resources: {
        requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('128Mi') },
        limits: { memory: k8s.Quantity.fromString('128Mi') },
      },
      securityContext: restrictedContainerSecurityContext(),
      volumeMounts: [
        { name: 'runtime-config', mountPath: RUNTIME_CONFIG_DIR },
        { name: 'node-zone', mountPath: CLASS_DIR, readOnly: true },
        { name: 'rack-token', mountPath: SA_DIR, readOnly: true },
        { name: 'tmp', mountPath: '/tmp' },
      ],
    }],
    volumes: [
      { name: 'node-zone', configMap: { name: o.configMap } },
      {
        name: 'rack-token',
        projected: {
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          ],
        },
      },
    ],
  };
}
