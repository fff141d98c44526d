import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AclOperation, fail, IKafkaTopic, IKafkaUser, KafkaAcl, KafkaLabels, KafkaUserCredentials, ListenerAuthentication, validateDnsSubdomain, validateInteger,
} from '../kafka';
import { l1, Shape, v1beta2User, v1User } from './l1';
import { boundNamespace, toObjectName } from './strimzi-common';
import { StrimziAuthorizationType } from './strimzi-authorization';
import { IStrimziCluster } from './strimzi-cluster-props';
import { enterConstruct } from '../kafka/construct-entry';

/** How a KafkaUser authenticates. */
export enum KafkaUserAuthentication {
  /** Mutual TLS; the user operator issues a certificate into Secret `<user>` (user.crt, user.key). */
  TLS = 'tls',
  /** Mutual TLS with a certificate issued outside Strimzi (no Secret is created). */
  TLS_EXTERNAL = 'tls-external',
  /** SCRAM-SHA-512; the user operator generates a password into Secret `<user>` (password, sasl.jaas.config). */
  SCRAM_SHA_512 = 'scram-sha-512',
}

/** Client quotas of a user. */
export interface KafkaUserQuotas {
  /** Bytes per second a user may produce per broker. @default unlimited */
  readonly producerByteRate?: number;
  /** Bytes per second a user may fetch per broker. @default unlimited */
  readonly consumerByteRate?: number;
  /** Percentage of request handler and network thread time. @default unlimited */
  readonly requestPercentage?: number;
  /** Rate of partition mutations (create/delete topics, add partitions) per second. @default unlimited */
  readonly controllerMutationRate?: number;
}

/** Properties of a {@link KafkaUser}. */
export interface KafkaUserProps {
  /** The cluster the user belongs to. */
  readonly cluster: IStrimziCluster;
  /** User name (= Secret name, and TLS certificate CN). @default the construct id, lower-cased */
  readonly userName?: string;
  /** Authentication. @default KafkaUserAuthentication.TLS */
  readonly authentication?: KafkaUserAuthentication;
  /** ACL rules (needs `authorization` on the cluster); more with `addAcl`, `allowProduce`, `allowConsume`. @default none */
  readonly acls?: KafkaAcl[];
  /** Quotas. @default none */
  readonly quotas?: KafkaUserQuotas;
  /** Namespace; must be the cluster's. @default the cluster's namespace */
  readonly namespace?: string;
}

/**
 * A Strimzi `KafkaUser`: the user operator creates the credentials Secret `<user>` and the
 * ACLs. Implements IKafkaUser, so SampleApp and KafkaConnect wire its Secret in code.
 */
export class KafkaUser extends Construct implements IKafkaUser {
  public readonly credentials: KafkaUserCredentials;
  public readonly cluster: IStrimziCluster;
  /** User name. */
  public readonly userName: string;
  /** Authentication. */
  public readonly authentication: KafkaUserAuthentication;
  /** The custom resource. */
  public readonly resource: ApiObject;
  private readonly acls: ReturnType<KafkaAcl['_render']>[] = [];

  constructor(scope: Construct, id: string, props: KafkaUserProps) {
    super(scope, id);
    enterConstruct(this, props);
    const cluster = props.cluster;
    this.cluster = cluster;
    const namespace = boundNamespace(this, props.namespace, cluster.namespace, cluster.clusterName);
    this.userName = validateDnsSubdomain(this, 'userName', props.userName ?? toObjectName(id));
    if (this.userName.length > 64) {
      fail(this, 'userName', this.userName, 'at most 64 characters (it becomes the certificate CN)', 'shorten the user name');
    }
    if (!cluster.userOperatorEnabled) {
      fail(this, 'cluster', cluster.clusterName, 'a cluster whose entity operator runs the user operator',
        'enable entityOperator.userOperator on the cluster (it is on by default)');
    }
    this.authentication = props.authentication ?? KafkaUserAuthentication.TLS;
    const listenerAuth = this.authentication === KafkaUserAuthentication.SCRAM_SHA_512 ? ListenerAuthentication.SCRAM_SHA_512 : ListenerAuthentication.TLS;
    if (!cluster.clientListeners.some(l => l.authentication === listenerAuth)) {
      fail(this, 'authentication', this.authentication, `an authentication one of the cluster's listeners accepts (${cluster.clientListeners.map(l => `${l.name}: ${l.authentication}`).join(', ')})`,
        `add a listener with authentication ${listenerAuth} to cluster "${cluster.clusterName}", or pick the authentication of an existing listener`);
    }
    this.credentials = this.authentication === KafkaUserAuthentication.SCRAM_SHA_512
      ? { userName: this.userName, secretName: this.userName, authentication: ListenerAuthentication.SCRAM_SHA_512, passwordKey: 'password', jaasConfigKey: 'sasl.jaas.config' }
      : { userName: this.userName, secretName: this.userName, authentication: ListenerAuthentication.TLS, certificateKey: 'user.crt', privateKeyKey: 'user.key' };

    const quotas = props.quotas ? this.quotas(props.quotas) : undefined;
    for (const acl of props.acls ?? []) this.addAcl(acl);

    const metadata = { name: this.userName, namespace, labels: { [KafkaLabels.STRIMZI_CLUSTER]: cluster.clusterName } };
    // ACLs may be added after construction (allowProduce…): rendered lazily at synth.
    const authorization = Lazy.any({ produce: () => (this.acls.length ? { type: 'simple', acls: this.acls } : undefined) });
    const spec: Shape<v1User.KafkaUserSpec> & Shape<v1beta2User.KafkaUserSpec> = {
      authentication: { type: this.authentication },
      ...(quotas ? { quotas } : {}),
    };
    const withAuthz = { ...spec, authorization } as typeof spec;
    this.resource = cluster.strimziVersion.isV1
      ? new v1User.KafkaUser(this, 'Resource', { metadata, spec: l1<v1User.KafkaUserSpec>(withAuthz) })
      : new v1beta2User.KafkaUser(this, 'Resource', { metadata, spec: l1<v1beta2User.KafkaUserSpec>(withAuthz) });
  }

  /** Adds an ACL rule. The cluster needs `authorization` (otherwise Kafka ignores ACLs and the user operator fails). */
  public addAcl(acl: KafkaAcl): this {
    if (!this.cluster.authorizationType) {
      fail(this, 'acls', `${acl.resourceType}:${acl.resourceName ?? ''}`, 'ACLs only on a cluster with authorization',
        `set authorization: StrimziAuthorization.simple() on cluster "${this.cluster.clusterName}", or drop the ACLs`);
    }
    if (this.cluster.authorizationType !== StrimziAuthorizationType.SIMPLE) {
      fail(this, 'acls', this.cluster.authorizationType, 'KafkaUser ACLs only with simple authorization', 'manage permissions in your authorizer, or use StrimziAuthorization.simple()');
    }
    this.acls.push(acl._render(this, `acls[${this.acls.length}]`));
    return this;
  }

  /** Lets the user produce to a topic (Write, Describe). */
  public allowProduce(topic: string | IKafkaTopic): this {
    this.checkTopicCluster(topic);
    return this.addAcl(KafkaAcl.topic(topicName(topic), [AclOperation.WRITE, AclOperation.DESCRIBE]));
  }

  /** Lets the user consume a topic in a consumer group (topic Read, Describe; group Read). */
  public allowConsume(topic: string | IKafkaTopic, group: string): this {
    this.checkTopicCluster(topic);
    this.addAcl(KafkaAcl.topic(topicName(topic), [AclOperation.READ, AclOperation.DESCRIBE]));
    return this.addAcl(KafkaAcl.group(group, [AclOperation.READ]));
  }

  private checkTopicCluster(topic: string | IKafkaTopic): void {
    if (typeof topic !== 'string' && topic.cluster !== this.cluster) {
      fail(this, 'acls', topic.topicName, `a topic of cluster "${this.cluster.clusterName}" (this one belongs to "${topic.cluster.clusterName}")`,
        'grant access to topics of the user\'s own cluster');
    }
  }

  private quotas(q: KafkaUserQuotas) {
    const out: { -readonly [K in keyof KafkaUserQuotas]: number } = {};
    for (const key of ['producerByteRate', 'consumerByteRate', 'requestPercentage', 'controllerMutationRate'] as const) {
      if (q[key] !== undefined) {
        out[key] = key === 'requestPercentage'
          ? validateInteger(this, `quotas.${key}`, q[key]!, 0, 100)
          : validateInteger(this, `quotas.${key}`, q[key]!, 0);
      }
    }
    return out;
  }
}

function topicName(topic: string | IKafkaTopic): string {
  return typeof topic === 'string' ? topic : topic.topicName;
}
