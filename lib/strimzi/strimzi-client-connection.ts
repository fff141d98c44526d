// Internal: how a Strimzi operand (Bridge, MirrorMaker 2) connects to a cluster as a client
// (bootstrap, TLS trust, authentication from a user). Not exported from the package index.
import { IConstruct } from 'constructs';
import { fail, IKafkaCluster, IKafkaUser, KafkaClientListener, KafkaUserCredentials, ListenerAuthentication } from '../kafka';

/** The client side of a connection, in the shape every Strimzi operand CRD shares. */
export interface StrimziClientConnection {
  readonly bootstrapServers: string;
  readonly tls?: { readonly trustedCertificates: { readonly secretName: string; readonly certificate: string }[] };
  readonly authentication?: StrimziClientAuthentication;
}

/** `authentication` of a Strimzi client (tls or scram-sha-512 from a user's Secret). */
export type StrimziClientAuthentication =
  | { readonly type: 'tls'; readonly certificateAndKey: { readonly secretName: string; readonly certificate: string; readonly key: string } }
  | { readonly type: 'scram-sha-512'; readonly username: string; readonly passwordSecret: { readonly secretName: string; readonly password: string } };

/** Renders the authentication of credentials. */
export function clientAuthentication(c: KafkaUserCredentials): StrimziClientAuthentication {
  return c.authentication === ListenerAuthentication.TLS
    ? { type: 'tls', certificateAndKey: { secretName: c.secretName, certificate: c.certificateKey ?? 'user.crt', key: c.privateKeyKey ?? 'user.key' } }
    : { type: 'scram-sha-512', username: c.userName, passwordSecret: { secretName: c.secretName, password: c.passwordKey ?? 'password' } };
}

/**
 * Picks the listener of `cluster` (by name, else one matching the user's authentication, else
 * the cluster's default) and checks that `user` satisfies its authentication. `field` prefixes
 * the prop names in error messages (e.g. `source.` for a MirrorMaker 2 source).
 */
export function connectToCluster(scope: IConstruct, field: string, cluster: IKafkaCluster, listenerName: string | undefined,
  user: IKafkaUser | undefined): { readonly listener: KafkaClientListener; readonly connection: StrimziClientConnection } {
  if (user && user.cluster !== cluster) {
    fail(scope, `${field}user`, user.credentials.userName, `a user of cluster "${cluster.clusterName}" (this one belongs to "${user.cluster.clusterName}")`,
      'use a KafkaUser created for the same cluster');
  }
  const wanted = user?.credentials.authentication;
  const listener = listenerName !== undefined ? cluster.listener(listenerName)
    : (wanted ? cluster.clientListeners.find(l => l.authentication === wanted) : undefined) ?? cluster.listener();
  const needs = listener.authentication;
  if (needs === ListenerAuthentication.TLS || needs === ListenerAuthentication.SCRAM_SHA_512) {
    if (!user || user.credentials.authentication !== needs) {
      fail(scope, `${field}user`, user ? `${user.credentials.userName} (${user.credentials.authentication})` : undefined,
        `a KafkaUser with ${needs} authentication (listener "${listener.name}" of cluster "${cluster.clusterName}" requires it)`,
        `pass ${field}user: a KafkaUser with authentication ${needs}, or pick another listener`);
    }
  } else if (needs !== ListenerAuthentication.NONE) {
    fail(scope, `${field}listener`, listener.name, 'a listener with none, tls or scram-sha-512 authentication',
      `pick another listener of cluster "${cluster.clusterName}"`);
  } else if (user) {
    fail(scope, `${field}user`, user.credentials.userName, `no user on listener "${listener.name}" (it does not authenticate clients)`,
      `drop ${field}user, or pick a listener with ${user.credentials.authentication} authentication`);
  }
  let tls: StrimziClientConnection['tls'];
  if (listener.tls) {
    if (!cluster.clusterCaSecretName) {
      fail(scope, `${field}listener`, listener.name, `a TLS listener of a cluster whose CA Secret is known (cluster "${cluster.clusterName}" exposes none)`,
        'pick a plain listener, or connect to the cluster as an external endpoint with an explicit CA Secret');
    }
    tls = { trustedCertificates: [{ secretName: cluster.clusterCaSecretName, certificate: 'ca.crt' }] };
  }
  const authentication = needs === ListenerAuthentication.NONE ? undefined : clientAuthentication(user!.credentials);
  return {
    listener,
    connection: { bootstrapServers: listener.bootstrapServers, ...(tls ? { tls } : {}), ...(authentication ? { authentication } : {}) },
  };
}

/** Rejects config keys starting with a prefix Strimzi manages (except the listed exceptions). */
export function rejectPrefixes(scope: IConstruct, field: string, config: { readonly [key: string]: unknown }, forbidden: readonly string[],
  exceptions: readonly string[], fix: string): void {
  for (const key of Object.keys(config)) {
    if (!exceptions.includes(key) && forbidden.some(p => key === p || key.startsWith(p))) {
      fail(scope, `${field}["${key}"]`, key, `keys not starting with a prefix Strimzi manages (${forbidden.join(', ')})`, fix);
    }
  }
}

/**
 * Fails when the listener's `networkPolicyPeers` (read from the cluster's public Kafka resource)
 * would block a pod with `podLabels` in `podNamespace`. Peers the library cannot evaluate
 * (namespace selectors, IP blocks) are assumed to admit it.
 */
export function checkListenerAdmits(scope: IConstruct, field: string, cluster: IKafkaCluster, listenerName: string,
  podLabels: { readonly [key: string]: string }, podNamespace: string, peerFix: string): void {
  const resource = (cluster as { resource?: { toJson(): any } }).resource;
  const listeners: any[] = resource?.toJson?.()?.spec?.kafka?.listeners ?? [];
  const peers: any[] | undefined = listeners.find(l => l?.name === listenerName)?.networkPolicyPeers;
  if (!peers || peers.length === 0) return; // no peers: everyone is admitted
  const admitted = peers.some(p => {
    if (p.ipBlock || p.namespaceSelector) return true;
    const match = p.podSelector?.matchLabels ?? {};
    return cluster.namespace === podNamespace && Object.keys(match).every(k => podLabels[k] === match[k]);
  });
  if (!admitted) {
    fail(scope, `${field}listener`, listenerName,
      `a listener of cluster "${cluster.clusterName}" whose networkPolicyPeers admit these pods (labels ${JSON.stringify(podLabels)} in namespace "${podNamespace}")`,
      peerFix);
  }
}
