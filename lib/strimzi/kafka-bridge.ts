import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as v1Bridge from '../../imports/strimzi-v1-kafkabridge-kafka.strimzi.io';
import * as v1beta2Bridge from '../../imports/strimzi-v1beta2-kafkabridge-kafka.strimzi.io';
import {
  fail, IKafkaUser, KafkaConfigMap, resolveResources, ResourceSpec, serviceDns, validateConfigMap, validateDnsLabel, validateInteger,
} from '../kafka';
import { l1, Shape } from './l1';
import { connectToCluster, rejectPrefixes } from './strimzi-client-connection';
import { boundNamespace, strimziContainerSecurityContext, strimziPodSecurityContext, strimziResources, toObjectName } from './strimzi-common';
import { IStrimziCluster } from './strimzi-cluster-props';
import { enterConstruct } from '../kafka/construct-entry';

/** HTTP methods a browser may use across origins (CORS `allowedMethods`). */
export enum BridgeHttpMethod {
  GET = 'GET',
  POST = 'POST',
  PUT = 'PUT',
  DELETE = 'DELETE',
  PATCH = 'PATCH',
  HEAD = 'HEAD',
  OPTIONS = 'OPTIONS',
}

/** Cross-origin resource sharing of the bridge's HTTP API. */
export interface KafkaBridgeCorsOptions {
  /** Allowed origins (Java regular expressions), e.g. `https://app.example.com`. */
  readonly allowedOrigins: string[];
  /** Allowed methods. @default GET, POST, PUT, DELETE, OPTIONS, PATCH */
  readonly allowedMethods?: BridgeHttpMethod[];
}

/** Properties of a {@link KafkaBridge}. */
export interface KafkaBridgeProps {
  /** The Kafka cluster the bridge produces to and consumes from. */
  readonly cluster: IStrimziCluster;
  /** Name of the KafkaBridge resource (the HTTP Service is `<name>-bridge-service`). @default the construct id, lower-cased */
  readonly bridgeName?: string;
  /** Bridge pods. @default 1 */
  readonly replicas?: number;
  /** HTTP port (1023 or above). @default 8080 */
  readonly port?: number;
  /** Cluster listener to connect to. @default a listener matching the user's authentication, else the cluster's default listener */
  readonly listener?: string;
  /** User whose credentials the bridge uses (tls or scram-sha-512). @default none (the listener must not require authentication) */
  readonly user?: IKafkaUser;
  /** CORS of the HTTP API (for browser clients). @default none (no cross-origin requests) */
  readonly cors?: KafkaBridgeCorsOptions;
  /** Enable the HTTP consumer endpoints. @default true */
  readonly consumer?: boolean;
  /** Enable the HTTP producer endpoints. @default true */
  readonly producer?: boolean;
  /** Seconds after which an inactive HTTP consumer is deleted. @default -1 (never; Strimzi's default) */
  readonly consumerTimeoutSeconds?: number;
  /** Kafka consumer config; keys Strimzi manages (ssl., sasl., security., bootstrap.servers, group.id) are rejected. @default none */
  readonly consumerConfig?: KafkaConfigMap;
  /** Kafka producer config; keys Strimzi manages (ssl., sasl., security., bootstrap.servers) are rejected. @default none */
  readonly producerConfig?: KafkaConfigMap;
  /** Bridge container resources. @default { cpuRequest: '100m', memoryRequest: '512Mi' } (memory limit = request) */
  readonly resources?: ResourceSpec;
  /** Bridge image. @default the operator's bridge image */
  readonly image?: string;
  /** Namespace; must be the cluster's. @default the cluster's namespace */
  readonly namespace?: string;
}

// Strimzi manages these client keys (KafkaBridgeConsumerSpec / KafkaBridgeProducerSpec FORBIDDEN_PREFIXES).
const CLIENT_FORBIDDEN = ['ssl.', 'bootstrap.servers', 'sasl.', 'security.'];
const CLIENT_EXCEPTIONS = ['ssl.endpoint.identification.algorithm', 'ssl.cipher.suites', 'ssl.protocol', 'ssl.enabled.protocols'];
const DEFAULT_METHODS = [BridgeHttpMethod.GET, BridgeHttpMethod.POST, BridgeHttpMethod.PUT, BridgeHttpMethod.DELETE, BridgeHttpMethod.OPTIONS, BridgeHttpMethod.PATCH];

// Fields both API versions accept (v1beta2 adds oauth and enableMetrics, v1 adds metricsConfig and http.tls).
type BridgeShape = Shape<v1Bridge.KafkaBridgeSpec> & Shape<v1beta2Bridge.KafkaBridgeSpec>;

/**
 * A Strimzi `KafkaBridge`: an HTTP API to produce to and consume from a StrimziCluster, connected
 * through one of its listeners (TLS trust from the cluster CA, credentials from a KafkaUser).
 * Its pods carry the cluster's client labels, so the listeners' default network policy admits them.
 */
export class KafkaBridge extends Construct {
  /** Name of the KafkaBridge resource. */
  public readonly bridgeName: string;
  /** The Kafka cluster. */
  public readonly cluster: IStrimziCluster;
  /** Namespace. */
  public readonly namespace: string;
  /** HTTP port. */
  public readonly port: number;
  /** In-cluster URL of the HTTP API (`http://<name>-bridge-service.<namespace>.svc:<port>`). */
  public readonly url: string;
  /** The custom resource. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: KafkaBridgeProps) {
    super(scope, id);
    enterConstruct(this, props);
    const cluster = props.cluster;
    this.cluster = cluster;
    this.namespace = boundNamespace(this, props.namespace, cluster.namespace, cluster.clusterName);
    this.bridgeName = validateDnsLabel(this, 'bridgeName', props.bridgeName ?? toObjectName(id), 40);
    const name = this.bridgeName;
    const replicas = validateInteger(this, 'replicas', props.replicas ?? 1, 1);
    this.port = validateInteger(this, 'port', props.port ?? 8080, 1023, 65535,
      'use a port from 1023 to 65535 (the KafkaBridge CRD minimum is 1023), e.g. 8080');
    this.url = `http://${serviceDns(`${name}-bridge-service`, this.namespace, cluster.clusterDomain)}:${this.port}`;

    const { connection } = connectToCluster(this, '', cluster, {
      listener: props.listener, user: props.user,
      pods: { labels: { ...cluster.clientLabels, 'strimzi.io/cluster': name, 'strimzi.io/kind': 'KafkaBridge', 'strimzi.io/name': `${name}-bridge` }, namespace: this.namespace },
      admitFix: 'add StrimziNetworkPolicyPeer.pods(cluster.clientLabels) to the networkPolicyPeers of the listener, or pick another listener',
    });

    let cors: NonNullable<BridgeShape['http']>['cors'] | undefined;
    if (props.cors) {
      const origins = props.cors.allowedOrigins ?? [];
      if (origins.length === 0 || origins.some(o => typeof o !== 'string' || o.trim() === '')) {
        fail(this, 'cors.allowedOrigins', origins, 'at least one non-empty origin (a Java regular expression)',
          'list the origins of the web apps that call the bridge, e.g. ["https://app\\\\.example\\\\.com"], or drop cors');
      }
      const methods = props.cors.allowedMethods ?? DEFAULT_METHODS;
      if (methods.length === 0 || new Set(methods).size !== methods.length) {
        fail(this, 'cors.allowedMethods', methods, 'at least one method, each once', 'list each BridgeHttpMethod once, or leave allowedMethods unset');
      }
      cors = { allowedOrigins: [...origins], allowedMethods: [...methods] };
    }

    const consumerConfig = validateConfigMap(this, 'consumerConfig', props.consumerConfig, { kind: 'consumer', kafkaVersion: cluster.kafkaVersion });
    rejectPrefixes(this, 'consumerConfig', consumerConfig, [...CLIENT_FORBIDDEN, 'group.id'], CLIENT_EXCEPTIONS,
      'remove it: bootstrap, TLS and authentication come from the cluster and user props, and HTTP clients choose their group in the URL');
    const producerConfig = validateConfigMap(this, 'producerConfig', props.producerConfig, { kind: 'producer', kafkaVersion: cluster.kafkaVersion });
    rejectPrefixes(this, 'producerConfig', producerConfig, CLIENT_FORBIDDEN, CLIENT_EXCEPTIONS,
      'remove it: bootstrap, TLS and authentication come from the cluster and user props');
    if (props.consumerTimeoutSeconds !== undefined && props.consumerTimeoutSeconds !== -1) {
      validateInteger(this, 'consumerTimeoutSeconds', props.consumerTimeoutSeconds, 1, undefined, 'use a number of seconds >= 1, or -1 to never delete idle consumers');
    }
    const consumerOn = props.consumer ?? true;
    const producerOn = props.producer ?? true;
    if (!consumerOn && !producerOn) {
      fail(this, 'consumer', false, 'the consumer or the producer endpoints enabled (a bridge with neither serves nothing)', 'enable consumer or producer, or drop the bridge');
    }

    const resources = resolveResources(this, 'resources', props.resources, { cpuRequest: '100m', memoryRequest: '512Mi' });
    const spec: BridgeShape = {
      replicas,
      bootstrapServers: connection.bootstrapServers,
      ...(props.image ? { image: props.image } : {}),
      ...(connection.tls ? { tls: connection.tls } : {}),
      ...(connection.authentication ? { authentication: connection.authentication } : {}),
      http: { port: this.port, ...(cors ? { cors } : {}) },
      consumer: {
        enabled: consumerOn,
        ...(props.consumerTimeoutSeconds !== undefined ? { timeoutSeconds: props.consumerTimeoutSeconds } : {}),
        ...(Object.keys(consumerConfig).length ? { config: consumerConfig } : {}),
      },
      producer: { enabled: producerOn, ...(Object.keys(producerConfig).length ? { config: producerConfig } : {}) },
      resources: strimziResources(resources),
      template: {
        pod: {
          // The client label admits the bridge through the listeners' networkPolicyPeers.
          metadata: { labels: { ...cluster.clientLabels } },
          securityContext: strimziPodSecurityContext(false),
          topologySpreadConstraints: [{
            maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: { matchLabels: { 'strimzi.io/cluster': name, 'strimzi.io/kind': 'KafkaBridge' } },
          }],
        },
        bridgeContainer: { securityContext: strimziContainerSecurityContext() },
      },
    };
    const metadata = { name, namespace: this.namespace };
    this.resource = cluster.strimziVersion.isV1
      ? new v1Bridge.KafkaBridge(this, 'Resource', { metadata, spec: l1<v1Bridge.KafkaBridgeSpec>(spec) })
      : new v1beta2Bridge.KafkaBridge(this, 'Resource', { metadata, spec: l1<v1beta2Bridge.KafkaBridgeSpec>(spec) });
  }
}
