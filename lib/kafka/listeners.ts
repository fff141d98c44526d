import { IConstruct } from 'constructs';
import { fail } from './errors';
import { STRIMZI_RESERVED_PORTS } from './ports';

/** How a listener is exposed. Raw brokers support INTERNAL, NODE_PORT and LOAD_BALANCER. */
export enum ListenerType {
  /** Reachable inside the Kubernetes cluster only (headless per-broker DNS names). */
  INTERNAL = 'internal',
  /** Per-broker ClusterIP Services (Strimzi `cluster-ip`). */
  CLUSTER_IP = 'cluster-ip',
  /** One NodePort Service per broker plus a bootstrap one. */
  NODE_PORT = 'nodeport',
  /** One LoadBalancer Service per broker plus a bootstrap one. */
  LOAD_BALANCER = 'loadbalancer',
  /** Kubernetes Ingress with TLS passthrough (Strimzi only; needs `tls: true`). */
  INGRESS = 'ingress',
  /** OpenShift Route (Strimzi only; needs `tls: true`). */
  ROUTE = 'route',
}

/** Client authentication on a listener. */
export enum ListenerAuthentication {
  /** No authentication. */
  NONE = 'none',
  /** Mutual TLS: clients present a certificate. Only on TLS listeners. */
  TLS = 'tls',
  /** SASL/SCRAM-SHA-512 user name and password. */
  SCRAM_SHA_512 = 'scram-sha-512',
  /** Strimzi `custom` authentication (the replacement for `oauth` on Strimzi 1.x). */
  CUSTOM = 'custom',
  /** Strimzi `oauth` (v1beta2 / Strimzi 0.45 only). */
  OAUTH = 'oauth',
}

/** A Kafka listener, in the vocabulary both flavours share. */
export interface KafkaListenerOptions {
  /** Listener name: `^[a-z0-9]{1,11}$` (Strimzi's rule, kept for both flavours so models port across). */
  readonly name: string;
  /** Container port: 9092 or above, not 9404 or 9999 (reserved for metrics and JMX). */
  readonly port: number;
  /** Exposure. @default ListenerType.INTERNAL */
  readonly type?: ListenerType;
  /** Encrypt with TLS. @default false */
  readonly tls?: boolean;
  /** Client authentication. @default ListenerAuthentication.NONE */
  readonly authentication?: ListenerAuthentication;
}

/** What a client needs to know about one listener of a cluster. */
export interface KafkaClientListener {
  /** Listener name. */
  readonly name: string;
  /** Listener port. */
  readonly port: number;
  /** Exposure type. */
  readonly type: ListenerType;
  /** Whether the listener is encrypted. */
  readonly tls: boolean;
  /** Client authentication. */
  readonly authentication: ListenerAuthentication;
  /** In-cluster bootstrap address list (`host:port[,host:port]`). */
  readonly bootstrapServers: string;
  /** Kafka client `security.protocol` for this listener. */
  readonly securityProtocol: 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
  /** Kafka client `sasl.mechanism`, when SASL is used. */
  readonly saslMechanism?: string;
}

const LISTENER_NAME = /^[a-z0-9]{1,11}$/;

/** Kafka client security protocol for a listener. */
export function securityProtocolOf(tls: boolean, auth: ListenerAuthentication): KafkaClientListener['securityProtocol'] {
  const sasl = auth === ListenerAuthentication.SCRAM_SHA_512 || auth === ListenerAuthentication.OAUTH || auth === ListenerAuthentication.CUSTOM;
  if (sasl) return tls ? 'SASL_SSL' : 'SASL_PLAINTEXT';
  return tls ? 'SSL' : 'PLAINTEXT';
}

/** Rules that differ between flavours. */
export interface ListenerRules {
  /** Exposure types this flavour supports. */
  readonly types: readonly ListenerType[];
  /** Authentications this flavour supports. */
  readonly authentications: readonly ListenerAuthentication[];
  /** Ports already taken by the construct (e.g. controller, replication) with their use. */
  readonly takenPorts?: { readonly [port: number]: string };
}

/**
 * Validates listeners: name pattern, ports (≥ 9092, not 9404/9999, not taken), duplicate
 * names/ports, tls authentication only on TLS listeners, ingress/route only with TLS.
 */
export function validateListeners(scope: IConstruct, field: string, listeners: readonly KafkaListenerOptions[], rules: ListenerRules): void {
  if (!Array.isArray(listeners) || listeners.length === 0) {
    fail(scope, field, listeners, 'a list of at least one listener', 'declare a listener, e.g. { name: "plain", port: 9092 }');
  }
  const names = new Map<string, number>();
  const ports = new Map<number, number>();
  listeners.forEach((l, i) => {
    const f = `${field}[${i}]`;
    if (typeof l.name !== 'string' || !LISTENER_NAME.test(l.name)) {
      fail(scope, `${f}.name`, l.name, 'lower-case letters and digits only, 1 to 11 characters (^[a-z0-9]{1,11}$)',
        `rename the listener, e.g. "${String(l.name ?? '').toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 11) || 'plain'}"`);
    }
    if (names.has(l.name)) {
      fail(scope, `${f}.name`, l.name, `a name not used by another listener (listener ${names.get(l.name)} has it)`, 'give every listener a unique name');
    }
    names.set(l.name, i);
    if (!Number.isInteger(l.port) || l.port < 9092 || l.port > 65535 || STRIMZI_RESERVED_PORTS.includes(l.port)) {
      fail(scope, `${f}.port`, l.port, 'an integer from 9092 to 65535 except 9404 (metrics) and 9999 (JMX)', 'pick another port, e.g. 9092 for plain or 9093 for TLS');
    }
    const taken = rules.takenPorts?.[l.port];
    if (taken) {
      fail(scope, `${f}.port`, l.port, `a port not used by the ${taken}`, 'pick another port for this listener');
    }
    if (ports.has(l.port)) {
      fail(scope, `${f}.port`, l.port, `a port not used by another listener (listener "${listeners[ports.get(l.port)!].name}" has it)`, 'give every listener a unique port');
    }
    ports.set(l.port, i);
    const type = l.type ?? ListenerType.INTERNAL;
    if (!rules.types.includes(type)) {
      fail(scope, `${f}.type`, type, rules.types.join(', '), `use one of the supported types for this flavour`);
    }
    const auth = l.authentication ?? ListenerAuthentication.NONE;
    if (!rules.authentications.includes(auth)) {
      fail(scope, `${f}.authentication`, auth, rules.authentications.join(', '),
        auth === ListenerAuthentication.OAUTH ? 'Strimzi 1.x removed oauth: use ListenerAuthentication.CUSTOM with the OAuth SASL callback classes' : 'use a supported authentication');
    }
    if (auth === ListenerAuthentication.TLS && !l.tls) {
      fail(scope, `${f}.authentication`, auth, 'tls authentication only on a listener with tls: true', `set tls: true on listener "${l.name}" or choose scram-sha-512`);
    }
    if ((type === ListenerType.INGRESS || type === ListenerType.ROUTE) && !l.tls) {
      fail(scope, `${f}.tls`, l.tls ?? false, `true for ${type} listeners (they use TLS passthrough)`, `set tls: true on listener "${l.name}"`);
    }
  });
}
