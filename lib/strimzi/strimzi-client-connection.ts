// Internal: how a Strimzi operand (Bridge, MirrorMaker 2) connects to a cluster as a client
// (bootstrap, TLS trust, authentication from a user). Not exported from the package index.
import { IConstruct } from 'constructs';
import {
  ClientConnectionRequest, fail, IKafkaCluster, KafkaClientListener, KafkaUserCredentials, ListenerAuthentication, resolveClientConnection,
} from '../kafka';

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
 * The connection of a Strimzi operand to a cluster of this app, from the shared client
 * resolver (listener, trust, credentials, network policies). `field` prefixes the prop names in
 * messages (e.g. `source.` for a MirrorMaker 2 source).
 */
export function connectToCluster(scope: IConstruct, field: string, cluster: IKafkaCluster, request: ClientConnectionRequest):
{ readonly listener: KafkaClientListener; readonly connection: StrimziClientConnection } {
  const c = resolveClientConnection(scope, field, cluster, request);
  return {
    listener: c.listener,
    connection: {
      bootstrapServers: c.listener.bootstrapServers,
      ...(c.caSecretName ? { tls: { trustedCertificates: [{ secretName: c.caSecretName, certificate: 'ca.crt' }] } } : {}),
      ...(c.credentials ? { authentication: clientAuthentication(c.credentials) } : {}),
    },
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
