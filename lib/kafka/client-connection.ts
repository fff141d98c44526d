// How any client (SampleApp, Connect, MirrorMaker 2, Bridge, bindings) connects to a cluster:
// one resolver of listener, trust and credentials, with one set of rules and messages.
import { IConstruct } from 'constructs';
import { IKafkaCluster, IKafkaUser, KafkaUserCredentials } from './cluster';
import { fail } from './errors';
import { KafkaClientListener, ListenerAuthentication } from './listeners';

/** What a client asks for. */
export interface ClientConnectionRequest {
  /** Listener by name. @default one matching the user's authentication, else the cluster's default listener */
  readonly listener?: string;
  /** The client's user (required where the listener authenticates clients). */
  readonly user?: IKafkaUser;
  /** The client pods, checked against the listener's network policies. @default not checked */
  readonly pods?: { readonly labels: { readonly [key: string]: string }; readonly namespace: string };
  /** How to fix a listener that does not admit the pods (the message names the labels and namespace). */
  readonly admitFix?: string;
}

/** What a client needs to connect. */
export interface ClientConnection {
  readonly listener: KafkaClientListener;
  /** Secret with the cluster CA (key `ca.crt`), for TLS listeners. */
  readonly caSecretName?: string;
  /** The user's credentials, where the listener authenticates clients. */
  readonly credentials?: KafkaUserCredentials;
}

/**
 * Resolves the listener a client uses and checks that user, cluster, listener, authentication
 * and network policies agree. `field` prefixes the prop names in messages (e.g. `source.`).
 */
export function resolveClientConnection(scope: IConstruct, field: string, cluster: IKafkaCluster, request: ClientConnectionRequest): ClientConnection {
  const user = request.user;
  if (user && user.cluster !== cluster) {
    fail(scope, `${field}user`, user.node.path,
      `a user of cluster "${cluster.clusterName}" (${cluster.node.path}); this one belongs to "${user.cluster.clusterName}" (${user.cluster.node.path})`,
      'create the user with cluster: the same cluster object the client connects to');
  }
  const wanted = user?.credentials.authentication;
  // Named here, so that the message points at the client, not at the cluster.
  if (request.listener !== undefined && !cluster.clientListeners.some(l => l.name === request.listener)) {
    fail(scope, `${field}listener`, request.listener, cluster.clientListeners.map(l => JSON.stringify(l.name)).join(', '),
      `name one of the listeners of cluster "${cluster.clusterName}"`);
  }
  const listener = request.listener !== undefined ? cluster.listener(request.listener)
    : (wanted ? cluster.clientListeners.find(l => l.authentication === wanted) : undefined) ?? cluster.listener();
  const auth = listener.authentication;
  if (auth === ListenerAuthentication.CUSTOM || auth === ListenerAuthentication.OAUTH) {
    fail(scope, `${field}listener`, listener.name, 'a listener with authentication none, tls or scram-sha-512',
      `the client cannot obtain ${auth} credentials: pick another listener of cluster "${cluster.clusterName}"`);
  }
  const authenticates = auth !== ListenerAuthentication.NONE;
  if (authenticates && !user) {
    fail(scope, `${field}user`, undefined, `a user with ${auth} credentials of cluster "${cluster.clusterName}" (listener "${listener.name}" authenticates clients)`,
      `create a user with ${auth} authentication and pass it as ${field}user, or choose a listener without authentication`);
  }
  if (!authenticates && user) {
    fail(scope, `${field}user`, user.node.path, `no user: listener "${listener.name}" does not authenticate clients`,
      `drop ${field}user, or choose a listener with tls or scram-sha-512 authentication`);
  }
  if (user && user.credentials.authentication !== auth) {
    fail(scope, `${field}user`, user.node.path, `a user with ${auth} credentials (listener "${listener.name}"); this user has ${user.credentials.authentication}`,
      `use a user whose authentication is ${auth}, or choose a listener that matches the user's authentication`);
  }
  if (listener.tls && !cluster.clusterCaSecretName) {
    fail(scope, `${field}listener`, listener.name, `a TLS listener only when the cluster names its CA Secret (cluster "${cluster.clusterName}" has no clusterCaSecretName)`,
      "configure the cluster's TLS CA Secret, or choose a listener without TLS");
  }
  if (request.pods) checkListenerAdmits(scope, field, cluster, listener.name, request.pods, request.admitFix);
  return {
    listener,
    ...(listener.tls ? { caSecretName: cluster.clusterCaSecretName } : {}),
    ...(authenticates ? { credentials: user!.credentials } : {}),
  };
}

/** Fails when the cluster's network policies keep `pods` from reaching listener `listenerName`. */
export function checkListenerAdmits(scope: IConstruct, field: string, cluster: IKafkaCluster, listenerName: string,
  pods: { readonly labels: { readonly [key: string]: string }; readonly namespace: string }, fix?: string): void {
  if (!cluster.admitsClient(listenerName, { ...pods.labels }, pods.namespace)) {
    fail(scope, `${field}listener`, listenerName,
      `a listener of cluster "${cluster.clusterName}" whose network policies admit these pods (labels ${JSON.stringify(pods.labels)} in namespace "${pods.namespace}")`,
      fix ?? `give the pods cluster.clientLabels and run them in namespace "${cluster.namespace}", or admit them on listener "${listenerName}"`);
  }
}
