// One renderer for every StatefulSet of a raw cluster: brokers, controllers and per-zone brokers.
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../kafka';
import { ResolvedPlacement } from './placement';
import { dataVolume, emptyDir } from './pod-helpers';
import { DATA_MOUNT } from './server-properties';
import { RUNTIME_CONFIG_DIR, STATIC_CONFIG_DIR } from './start-script';

/** kafka-run-class.sh creates it and passes it as kafka.logs.dir; console logging writes nothing there. */
export const KAFKA_LOG_DIR = '/opt/kafka/logs';
/**
 * Backstop on the LOG_DIR emptyDir: with console logging nothing is written there, so only a
 * misconfiguration can reach it (the kubelet then evicts the pod instead of filling the node).
 */
const KAFKA_LOG_DIR_SIZE_LIMIT = '1Gi';

/** What differs between the StatefulSets of a raw cluster. */
export interface NodeStatefulSetOptions {
  readonly name: string;
  readonly namespace: string;
  readonly serviceName: string;
  readonly replicas: number;
  readonly selector: { readonly [k: string]: string };
  readonly labels: { readonly [k: string]: string };
  readonly placement: ResolvedPlacement;
  readonly grace: number;
  readonly image: string;
  readonly script: string[];
  readonly env: k8s.EnvVar[];
  readonly ports: k8s.ContainerPort[];
  readonly resources: k8s.ResourceRequirements;
  /** Port of the TCP probes. */
  readonly probePort: number;
  readonly configMap: string;
  /** Whether the script writes a runtime copy of server.properties (KRaft). */
  readonly runtimeConfig: boolean;
  readonly storage: ReturnType<typeof dataVolume>;
}

/** A StatefulSet of Kafka nodes: restricted pod, start script, probes, data and config volumes. */
export function nodeStatefulSet(scope: Construct, id: string, o: NodeStatefulSetOptions): k8s.KubeStatefulSet {
  const tcp = { tcpSocket: { port: k8s.IntOrString.fromNumber(o.probePort) } };
  return new k8s.KubeStatefulSet(scope, id, {
    metadata: { name: o.name, namespace: o.namespace, labels: { ...o.labels } },
    spec: {
      serviceName: o.serviceName,
      replicas: o.replicas,
      // Every quorum member must start before any is ready; OrderedReady would deadlock.
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: { ...o.selector } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { ...o.labels } },
        spec: {
          automountServiceAccountToken: false,
          // A Service named like the cluster would inject KAFKA_* variables.
          enableServiceLinks: false,
          terminationGracePeriodSeconds: o.grace,
          securityContext: restrictedPodSecurityContext(),
          ...o.placement,
          containers: [{
            name: 'kafka',
            image: o.image,
            command: ['/bin/bash', '-c', o.script.join('\n')],
            env: o.env,
            ports: o.ports,
            resources: o.resources,
            securityContext: restrictedContainerSecurityContext(),
            // Log recovery after an unclean shutdown can take minutes: allow 10 before liveness applies.
            startupProbe: { ...tcp, periodSeconds: 5, failureThreshold: 120 },
            livenessProbe: { ...tcp, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
            readinessProbe: { ...tcp, periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 3 },
            volumeMounts: [
              { name: 'data', mountPath: DATA_MOUNT },
              { name: 'static-config', mountPath: STATIC_CONFIG_DIR, readOnly: true },
              ...(o.runtimeConfig ? [{ name: 'runtime-config', mountPath: RUNTIME_CONFIG_DIR }] : []),
              { name: 'logs', mountPath: KAFKA_LOG_DIR },
              { name: 'tmp', mountPath: '/tmp' },
            ],
          }],
          volumes: [
            ...o.storage.volumes,
            { name: 'static-config', configMap: { name: o.configMap } },
            ...(o.runtimeConfig ? [emptyDir('runtime-config')] : []),
            emptyDir('logs', KAFKA_LOG_DIR_SIZE_LIMIT),
            emptyDir('tmp'),
          ],
        },
      },
      volumeClaimTemplates: o.storage.claims.length ? o.storage.claims : undefined,
    },
  });
}

/** A PodDisruptionBudget over the pods matching `selector`. */
export function disruptionBudget(scope: Construct, id: string, meta: { name: string; namespace: string; labels: { readonly [k: string]: string } },
  selector: { readonly [k: string]: string }, maxUnavailable: number): k8s.KubePodDisruptionBudget {
  return new k8s.KubePodDisruptionBudget(scope, id, {
    metadata: { ...meta, labels: { ...meta.labels } },
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(maxUnavailable), selector: { matchLabels: { ...selector } } },
  });
}
