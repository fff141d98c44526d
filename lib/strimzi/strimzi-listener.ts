import { KafkaListenerOptions } from '../kafka';

/**
 * A peer allowed to reach a Strimzi listener (becomes an entry of the listener's
 * `networkPolicyPeers`, which the operator turns into NetworkPolicy rules).
 */
export class StrimziNetworkPolicyPeer {
  /** Pods with these labels, in the cluster's namespace. */
  public static pods(labels: { readonly [key: string]: string }): StrimziNetworkPolicyPeer {
    return new StrimziNetworkPolicyPeer({ podSelector: { matchLabels: { ...labels } } });
  }

  /** Every pod of namespaces with these labels. */
  public static namespaces(labels: { readonly [key: string]: string }): StrimziNetworkPolicyPeer {
    return new StrimziNetworkPolicyPeer({ namespaceSelector: { matchLabels: { ...labels } } });
  }

  /** Pods with `podLabels` in namespaces with `namespaceLabels`. */
  public static podsInNamespaces(podLabels: { readonly [key: string]: string }, namespaceLabels: { readonly [key: string]: string }): StrimziNetworkPolicyPeer {
    return new StrimziNetworkPolicyPeer({ podSelector: { matchLabels: { ...podLabels } }, namespaceSelector: { matchLabels: { ...namespaceLabels } } });
  }

  /** An IP range (CIDR), optionally with exceptions. */
  public static ipBlock(cidr: string, except?: string[]): StrimziNetworkPolicyPeer {
    return new StrimziNetworkPolicyPeer({ ipBlock: { cidr, ...(except ? { except: [...except] } : {}) } });
  }

  private constructor(
    /** @internal the peer as it appears in the custom resource */
    public readonly _json: {
      readonly podSelector?: { readonly matchLabels: { [key: string]: string } };
      readonly namespaceSelector?: { readonly matchLabels: { [key: string]: string } };
      readonly ipBlock?: { readonly cidr: string; readonly except?: string[] };
    },
  ) {}
}

/** Per-broker settings of an external listener (Strimzi `configuration.brokers[]`). */
export interface StrimziListenerBrokerOptions {
  /** Broker node id. */
  readonly broker: number;
  /** Host name the broker advertises to clients. @default Strimzi derives it from the Service/Ingress */
  readonly advertisedHost?: string;
  /** Port the broker advertises to clients. @default Strimzi derives it */
  readonly advertisedPort?: number;
  /** Host of the broker's Ingress or Route (required per broker for `ingress`). @default none */
  readonly host?: string;
  /** NodePort of the broker's Service (`nodeport` only). @default assigned by Kubernetes */
  readonly nodePort?: number;
  /** Load balancer IP (`loadbalancer` only). @default assigned by the cloud provider */
  readonly loadBalancerIp?: string;
  /** Annotations of the broker's Service, Ingress or Route. @default none */
  readonly annotations?: { readonly [key: string]: string };
}

/** Bootstrap settings of an external listener (Strimzi `configuration.bootstrap`). */
export interface StrimziListenerBootstrapOptions {
  /** Host of the bootstrap Ingress or Route (required for `ingress`). @default none */
  readonly host?: string;
  /** NodePort of the bootstrap Service (`nodeport` only). @default assigned by Kubernetes */
  readonly nodePort?: number;
  /** Load balancer IP (`loadbalancer` only). @default assigned by the cloud provider */
  readonly loadBalancerIp?: string;
  /** Extra subject alternative names for the broker certificates. @default none */
  readonly alternativeNames?: string[];
  /** Annotations of the bootstrap Service, Ingress or Route. @default none */
  readonly annotations?: { readonly [key: string]: string };
}

/** Settings of `custom` listener authentication (the Strimzi 1.x replacement for `oauth`). */
export interface StrimziCustomAuthenticationOptions {
  /** Whether the listener uses SASL. @default true */
  readonly sasl?: boolean;
  /** Listener configuration (`listener.name.<listener>.*` without the prefix), e.g. the SASL callback classes. @default none */
  readonly listenerConfig?: { readonly [key: string]: string };
}

/** A Strimzi listener: the shared listener model plus Strimzi-only settings. */
export interface StrimziListenerOptions extends KafkaListenerOptions {
  /**
   * Who may connect (Strimzi creates NetworkPolicy rules from it). Pass `[]` to allow everyone.
   * @default internal and cluster-ip listeners: pods labelled as clients of this cluster
   * (`cluster.clientLabels`), or everyone with the cluster's `networkPolicies: false`; external
   * listeners (nodeport, loadbalancer, ingress, route): everyone
   */
  readonly networkPolicyPeers?: StrimziNetworkPolicyPeer[];
  /** Bootstrap settings (external listener types only). @default none */
  readonly bootstrap?: StrimziListenerBootstrapOptions;
  /** Per-broker settings (external listener types only). @default none */
  readonly brokers?: StrimziListenerBrokerOptions[];
  /** Ingress class (`ingress`) or load balancer class (`loadbalancer`). @default the cluster default */
  readonly class?: string;
  /** Settings of `ListenerAuthentication.CUSTOM`. @default { sasl: true } */
  readonly customAuthentication?: StrimziCustomAuthenticationOptions;
}
