// Services and NetworkPolicies of a raw cluster.
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { ClusterModel, KafkaPorts, ListenerType } from '../kafka';
import { ADMIN_OF_LABEL } from './pod-helpers';
import { RawLayout } from './raw-layout';
import { RawListenerExternals } from './start-script';

type Labels = { readonly [k: string]: string };

function svcPort(name: string, port: number): k8s.ServicePort {
  return { name, port, targetPort: k8s.IntOrString.fromNumber(port), protocol: 'TCP' };
}

function tcp(port: number): k8s.NetworkPolicyPort {
  return { protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) };
}

/**
 * The brokers' headless Service (per-pod DNS names, not-ready pods included so that a quorum can
 * form; the only Service with the replication and controller ports, which have no client
 * authentication), the bootstrap Service (client listeners only) and one NodePort or
 * LoadBalancer Service per broker and external listener.
 */
export function brokerServices(scope: Construct, model: ClusterModel, layout: RawLayout, bootstrapService: string,
  externals: ReadonlyMap<string, RawListenerExternals>): void {
  const ns = model.namespace;
  const combined = model.quorum?.voterPool === 'dual-role';
  const meta = (name: string) => ({ name, namespace: ns, labels: { ...layout.brokerLabels } });
  const clientPorts = model.listeners.map(l => svcPort(l.name, l.port));
  new k8s.KubeService(scope, 'Headless', {
    metadata: meta(layout.brokerHeadless),
    spec: {
      clusterIp: 'None',
      publishNotReadyAddresses: true,
      selector: { ...layout.brokerSelector },
      ports: [...clientPorts, svcPort('replication', KafkaPorts.REPLICATION), ...(combined ? [svcPort('controller', KafkaPorts.CONTROLLER)] : [])],
    },
  });
  new k8s.KubeService(scope, 'Bootstrap', {
    metadata: meta(bootstrapService),
    spec: { selector: { ...layout.brokerSelector }, ports: clientPorts },
  });
  const brokers = model.pools.find(p => p.roles.includes('broker'))!.nodes;
  for (const l of model.listeners.filter(x => x.external)) {
    for (const b of brokers) {
      new k8s.KubeService(scope, `External-${l.name}-${b.id}`, {
        metadata: meta(`${model.clusterName}-kafka-${l.name}-${b.id}`),
        spec: {
          type: l.type === ListenerType.NODE_PORT ? 'NodePort' : 'LoadBalancer',
          selector: { ...layout.brokerSelector, 'statefulset.kubernetes.io/pod-name': layout.nodes.get(b.id)!.podName },
          ports: [{ ...svcPort(l.name, l.port), nodePort: l.type === ListenerType.NODE_PORT ? externals.get(l.name)!.nodePortBase! + b.id : undefined }],
        },
      });
    }
  }
}

/** The dedicated controllers' headless Service (the static quorum names them by their pod DNS names). */
export function controllerService(scope: Construct, model: ClusterModel, layout: RawLayout): void {
  new k8s.KubeService(scope, 'ControllerHeadless', {
    metadata: { name: layout.controllerHeadless!, namespace: model.namespace, labels: { ...layout.controllerLabels! } },
    spec: { clusterIp: 'None', publishNotReadyAddresses: true, selector: { ...layout.controllerSelector! }, ports: [svcPort('controller', KafkaPorts.CONTROLLER)] },
  });
}

/**
 * Ingress of the broker pods: from each other on every port, from client-labelled pods on the
 * listener ports, from the cluster's admin Jobs on the replication port, from anywhere on external ports.
 */
export function brokerNetworkPolicy(scope: Construct, model: ClusterModel, layout: RawLayout, name: string): void {
  const external = model.listeners.filter(l => l.external);
  new k8s.KubeNetworkPolicy(scope, 'NetworkPolicy', {
    metadata: { name, namespace: model.namespace, labels: { ...layout.brokerLabels } },
    spec: {
      podSelector: { matchLabels: { ...layout.brokerSelector } },
      policyTypes: ['Ingress'],
      ingress: [
        // Brokers (replication, and the quorum in combined mode) on every port.
        { from: [{ podSelector: { matchLabels: { ...layout.brokerSelector } } }] },
        { from: [{ podSelector: { matchLabels: { ...model.clientLabels } } }], ports: model.listeners.map(l => tcp(l.port)) },
        { from: [{ podSelector: { matchLabels: { [ADMIN_OF_LABEL]: model.clusterName } } }], ports: [tcp(KafkaPorts.REPLICATION)] },
        ...(external.length ? [{ ports: external.map(l => tcp(l.port)) }] : []),
      ],
    },
  });
}

/** Ingress of dedicated controllers: the quorum port, from brokers and controllers only. */
export function controllerNetworkPolicy(scope: Construct, model: ClusterModel, layout: RawLayout, name: string): void {
  const peers = (selector: Labels) => ({ podSelector: { matchLabels: { ...selector } } });
  new k8s.KubeNetworkPolicy(scope, 'ControllerNetworkPolicy', {
    metadata: { name, namespace: model.namespace, labels: { ...layout.controllerLabels! } },
    spec: {
      podSelector: { matchLabels: { ...layout.controllerSelector! } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [peers(layout.brokerSelector), peers(layout.controllerSelector!)], ports: [tcp(KafkaPorts.CONTROLLER)] }],
    },
  });
}
