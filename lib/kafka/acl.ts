import { IConstruct } from 'constructs';
import { fail } from './errors';

/** Kafka resource an ACL applies to. */
export enum AclResourceType {
  TOPIC = 'topic',
  GROUP = 'group',
  CLUSTER = 'cluster',
  TRANSACTIONAL_ID = 'transactionalId',
}

/** How the resource name matches. */
export enum AclPatternType {
  /** Exact name. */
  LITERAL = 'literal',
  /** Name prefix. */
  PREFIX = 'prefix',
}

/** Kafka ACL operations. */
export enum AclOperation {
  READ = 'Read',
  WRITE = 'Write',
  CREATE = 'Create',
  DELETE = 'Delete',
  ALTER = 'Alter',
  DESCRIBE = 'Describe',
  CLUSTER_ACTION = 'ClusterAction',
  ALTER_CONFIGS = 'AlterConfigs',
  DESCRIBE_CONFIGS = 'DescribeConfigs',
  IDEMPOTENT_WRITE = 'IdempotentWrite',
  ALL = 'All',
}

/** Allow or deny. */
export enum AclPermission {
  ALLOW = 'allow',
  DENY = 'deny',
}

/** Options shared by every ACL. */
export interface AclOptions extends ClusterAclOptions {
  /** Name matching. @default AclPatternType.LITERAL */
  readonly patternType?: AclPatternType;
}

/** Options of an ACL rule on the cluster resource (which has no name, so no name matching). */
export interface ClusterAclOptions {
  /** Client host the rule applies to. @default '*' (any host) */
  readonly host?: string;
  /** Allow or deny. @default AclPermission.ALLOW */
  readonly permission?: AclPermission;
}

// Operations Kafka defines per resource type (others are rejected by the authorizer).
const VALID_OPERATIONS: Record<AclResourceType, AclOperation[]> = {
  [AclResourceType.TOPIC]: [AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE, AclOperation.DELETE, AclOperation.ALTER, AclOperation.DESCRIBE, AclOperation.ALTER_CONFIGS, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALL],
  [AclResourceType.GROUP]: [AclOperation.READ, AclOperation.DELETE, AclOperation.DESCRIBE, AclOperation.ALL],
  [AclResourceType.CLUSTER]: [AclOperation.CREATE, AclOperation.ALTER, AclOperation.DESCRIBE, AclOperation.CLUSTER_ACTION, AclOperation.ALTER_CONFIGS, AclOperation.DESCRIBE_CONFIGS, AclOperation.IDEMPOTENT_WRITE, AclOperation.ALL],
  [AclResourceType.TRANSACTIONAL_ID]: [AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.ALL],
};

/** One ACL rule of a KafkaUser (`simple` authorization). Build it with the static factories. */
export class KafkaAcl {
  /** Operations on a topic (or topics with a name prefix). */
  public static topic(name: string, operations: AclOperation[], options: AclOptions = {}): KafkaAcl {
    return new KafkaAcl(AclResourceType.TOPIC, name, operations, options);
  }

  /** Operations on a consumer group. */
  public static group(name: string, operations: AclOperation[], options: AclOptions = {}): KafkaAcl {
    return new KafkaAcl(AclResourceType.GROUP, name, operations, options);
  }

  /** Operations on the cluster. */
  public static cluster(operations: AclOperation[], options: ClusterAclOptions = {}): KafkaAcl {
    return new KafkaAcl(AclResourceType.CLUSTER, undefined, operations, options);
  }

  /** Operations on a transactional id. */
  public static transactionalId(name: string, operations: AclOperation[], options: AclOptions = {}): KafkaAcl {
    return new KafkaAcl(AclResourceType.TRANSACTIONAL_ID, name, operations, options);
  }

  private constructor(
    /** Resource type. */
    public readonly resourceType: AclResourceType,
    /** Resource name (undefined for the cluster). */
    public readonly resourceName: string | undefined,
    /** Operations. */
    public readonly operations: AclOperation[],
    /** Options. */
    public readonly options: AclOptions,
  ) {}

  /** @internal validates and renders the rule. */
  public _render(scope: IConstruct, field: string) {
    if (this.operations.length === 0) {
      fail(scope, `${field}.operations`, [], 'at least one operation', 'list the operations to allow, e.g. [AclOperation.READ]');
    }
    const valid = VALID_OPERATIONS[this.resourceType];
    for (const op of this.operations) {
      if (!valid.includes(op)) {
        fail(scope, `${field}.operations`, op, `operations Kafka defines for ${this.resourceType} resources (${valid.join(', ')})`, `remove ${op} from this rule`);
      }
    }
    if (this.resourceType !== AclResourceType.CLUSTER && !this.resourceName) {
      fail(scope, `${field}.resource.name`, this.resourceName, 'a non-empty name (or "*" for all)', 'name the resource');
    }
    return {
      type: this.options.permission ?? AclPermission.ALLOW,
      resource: {
        type: this.resourceType,
        ...(this.resourceName !== undefined ? { name: this.resourceName } : {}),
        ...(this.resourceType !== AclResourceType.CLUSTER ? { patternType: this.options.patternType ?? AclPatternType.LITERAL } : {}),
      },
      operations: [...new Set(this.operations)],
      ...(this.options.host ? { host: this.options.host } : {}),
    };
  }
}
