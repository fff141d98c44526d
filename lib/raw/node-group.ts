// One renderer for every StatefulSet of a raw cluster: brokers, controllers and per-zone brokers.
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { keepOnPrune, restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../kafka';
import { ResolvedPlacement } from './placement';
import { dataVolume, emptyDir } from './pod-helpers';
import { DATA_MOUNT } from './server-properties';
import { RackPodParts } from './rack-awareness';
import { CAUGHT_UP_MARKER, RUNTIME_CONFIG_DIR, STATIC_CONFIG_DIR } from './start-script';

/** Pod template annotation with a hash of the node group's ConfigMap: Kafka reads it only at start, so a change rolls the pods. */
export const CONFIG_HASH_ANNOTATION = 'kafka.cdk8s.io/config-hash';

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
  /** Whether the script writes a runtime copy of server.properties (KRaft) or reads the rack from it. */
  readonly runtimeConfig: boolean;
  readonly storage: ReturnType<typeof dataVolume>;
  /** Hash of the ConfigMap the pods read at start: a config change rolls the pods. */
  readonly configHash: string;
  /** Brokers: Ready once caught up (the start script's marker) and listening; others: listening. */
  readonly catchUpGate: boolean;
  /** Rack awareness: the service account, init container and volumes of the zone reader. */
  readonly rack?: RackPodParts;
}

/** A StatefulSet of Kafka nodes: restricted pod, start script, probes, data and config volumes. */
export function nodeStatefulSet(scope: Construct, id: string, o: NodeStatefulSetOptions): k8s.KubeStatefulSet {
  const tcp = { tcpSocket: { port: k8s.IntOrString.fromNumber(o.probePort) } };
  // Ready = caught up and listening: the marker alone would outlive a hung broker.
  const ready = o.catchUpGate
    ? { exec: { command: ['/bin/bash', '-c', `test -f ${CAUGHT_UP_MARKER} && exec 3<>/dev/tcp/127.0.0.1/${o.probePort}`] } }
    : tcp;
  return new k8s.KubeStatefulSet(scope, id, {
    // Flux never prunes a StatefulSet of Kafka nodes: its pods hold the data.
    metadata: { name: o.name, namespace: o.namespace, labels: { ...o.labels }, annotations: keepOnPrune() },
    spec: {
      serviceName: o.serviceName,
      replicas: o.replicas,
      // Every quorum member must start before any is ready; OrderedReady would deadlock.
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: { ...o.selector } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { ...o.labels }, annotations: { [CONFIG_HASH_ANNOTATION]: o.configHash } },
        spec: {
          ...(o.rack ? { serviceAccountName: o.rack.serviceAccountName } : {}),
          automountServiceAccountToken: false,
          // A Service named like the cluster would inject KAFKA_* variables.
          enableServiceLinks: false,
          terminationGracePeriodSeconds: o.grace,
          securityContext: restrictedPodSecurityContext(),
          ...o.placement,
          ...(o.rack ? { initContainers: o.rack.initContainers } : {}),
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
            readinessProbe: { ...ready, periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 3 },
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
            ...(o.rack?.volumes ?? []),
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
