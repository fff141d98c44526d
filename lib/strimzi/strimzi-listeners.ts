// Listeners of the Kafka resource, rendered from the cluster model plus the Strimzi listener settings.
import { ListenerAuthentication, ResolvedListener } from '../kafka';
import { Shape, v1beta2Kafka, v1Kafka } from './l1';
import { StrimziListenerOptions, StrimziNetworkPolicyPeer } from './strimzi-listener';

/** A listener shape both API versions accept. */
export type ListenerShape = Shape<v1Kafka.KafkaSpecKafkaListeners> & Shape<v1beta2Kafka.KafkaSpecKafkaListeners>;

/**
 * Who may reach a listener: its own `networkPolicyPeers`, else (internal listeners of a cluster
 * with network policies) the cluster's client-labelled pods, else everyone (no peers).
 */
export function listenerPeers(l: ResolvedListener, options: StrimziListenerOptions, clientLabels: { readonly [key: string]: string },
  networkPolicies: boolean): StrimziNetworkPolicyPeer[] {
  const defaults = l.external || !networkPolicies ? [] : [StrimziNetworkPolicyPeer.pods(clientLabels)];
  return options.networkPolicyPeers ?? defaults;
}

/** Whether `peers` admit pods with `labels` in `namespace` of a cluster in `clusterNamespace`. */
export function peersAdmit(peers: readonly StrimziNetworkPolicyPeer[], labels: { readonly [key: string]: string }, namespace: string, clusterNamespace: string): boolean {
  if (peers.length === 0) return true; // no peers: everyone is admitted
  return peers.some(p => {
    // Namespace selectors and IP blocks cannot be evaluated at synth time: assumed to admit.
    if (p._json.ipBlock || p._json.namespaceSelector) return true;
    const match = p._json.podSelector?.matchLabels ?? {};
    return clusterNamespace === namespace && Object.keys(match).every(k => labels[k] === match[k]);
  });
}

/** One entry of `spec.kafka.listeners`. */
export function listenerJson(l: ResolvedListener, o: StrimziListenerOptions, peers: readonly StrimziNetworkPolicyPeer[]): ListenerShape {
  const configuration: NonNullable<ListenerShape['configuration']> = {
    ...(o.class ? { class: o.class } : {}),
    ...(o.bootstrap ? {
      bootstrap: {
        ...pick(o.bootstrap, ['host', 'nodePort', 'loadBalancerIp']),
        ...(o.bootstrap.alternativeNames ? { alternativeNames: [...o.bootstrap.alternativeNames] } : {}),
        ...(o.bootstrap.annotations ? { annotations: { ...o.bootstrap.annotations } } : {}),
      },
    } : {}),
    ...(o.brokers ? {
      brokers: [...o.brokers].sort((a, b) => a.broker - b.broker).map(b => ({
        broker: b.broker,
        ...pick(b, ['advertisedHost', 'advertisedPort', 'host', 'nodePort', 'loadBalancerIp']),
        ...(b.annotations ? { annotations: { ...b.annotations } } : {}),
      })),
    } : {}),
  };
  let authentication: ListenerShape['authentication'];
  if (l.authentication === ListenerAuthentication.TLS || l.authentication === ListenerAuthentication.SCRAM_SHA_512) {
    authentication = { type: l.authentication };
  } else if (l.authentication === ListenerAuthentication.CUSTOM) {
    authentication = {
      type: 'custom',
      sasl: o.customAuthentication?.sasl ?? true,
      ...(o.customAuthentication?.listenerConfig ? { listenerConfig: { ...o.customAuthentication.listenerConfig } } : {}),
    };
  } else if (l.authentication === ListenerAuthentication.OAUTH) {
    // v1beta2 only (validated by the rules); the v1 shape has no oauth, hence the cast.
    authentication = { type: 'oauth' } as unknown as ListenerShape['authentication'];
  }
  const peerJson = peers.map(p => p._json);
  return {
    name: l.name,
    port: l.port,
    type: l.type,
    tls: l.tls,
    ...(authentication ? { authentication } : {}),
    ...(Object.keys(configuration).length ? { configuration } : {}),
    ...(peerJson.length ? { networkPolicyPeers: peerJson } : {}),
  };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
