/** Kinds of Kafka authorization Strimzi offers. */
export enum StrimziAuthorizationType {
  /** Kafka's built-in ACL authorizer (`StandardAuthorizer` in KRaft); ACLs come from KafkaUsers. */
  SIMPLE = 'simple',
  /** Your own authorizer class. */
  CUSTOM = 'custom',
  /** Open Policy Agent (Strimzi 0.45 / v1beta2 only; removed in Strimzi 1.x). */
  OPA = 'opa',
  /** Keycloak Authorization Services (Strimzi 0.45 / v1beta2 only; removed in Strimzi 1.x). */
  KEYCLOAK = 'keycloak',
}

/** Options of {@link StrimziAuthorization.simple}. */
export interface StrimziSimpleAuthorizationOptions {
  /** Principals that bypass ACLs (e.g. `CN=admin` for a TLS user, `admin` for SCRAM). @default none */
  readonly superUsers?: string[];
}

/** Options of {@link StrimziAuthorization.custom}. */
export interface StrimziCustomAuthorizationOptions {
  /** Authorizer class (on the broker classpath). */
  readonly authorizerClass: string;
  /** Principals that bypass the authorizer. @default none */
  readonly superUsers?: string[];
  /** Whether the authorizer supports the Kafka Admin API for ACLs. @default Strimzi's default (false) */
  readonly supportsAdminApi?: boolean;
}

/** Options of {@link StrimziAuthorization.opa}. */
export interface StrimziOpaAuthorizationOptions {
  /** URL of the OPA policy decision endpoint. */
  readonly url: string;
  /** Principals that bypass OPA. @default none */
  readonly superUsers?: string[];
}

/** Options of {@link StrimziAuthorization.keycloak}. */
export interface StrimziKeycloakAuthorizationOptions {
  /** Keycloak token endpoint. */
  readonly tokenEndpointUri: string;
  /** OAuth client id of the brokers. */
  readonly clientId: string;
  /** Principals that bypass Keycloak. @default none */
  readonly superUsers?: string[];
}

/** Cluster-wide Kafka authorization. Build it with the static factories. */
export class StrimziAuthorization {
  /** ACL authorization; `superUsers` bypass ACLs (e.g. `CN=admin` for a TLS user, `admin` for SCRAM). */
  public static simple(options: StrimziSimpleAuthorizationOptions = {}): StrimziAuthorization {
    return new StrimziAuthorization(StrimziAuthorizationType.SIMPLE, { superUsers: options.superUsers });
  }

  /** A custom authorizer class (must be on the broker classpath). */
  public static custom(options: StrimziCustomAuthorizationOptions): StrimziAuthorization {
    return new StrimziAuthorization(StrimziAuthorizationType.CUSTOM, { ...options });
  }

  /** Open Policy Agent authorization: Strimzi 0.45 only (Strimzi 1.x removed it; use `custom`). */
  public static opa(options: StrimziOpaAuthorizationOptions): StrimziAuthorization {
    return new StrimziAuthorization(StrimziAuthorizationType.OPA, { ...options });
  }

  /** Keycloak authorization: Strimzi 0.45 only (Strimzi 1.x removed it; use `custom`). */
  public static keycloak(options: StrimziKeycloakAuthorizationOptions): StrimziAuthorization {
    return new StrimziAuthorization(StrimziAuthorizationType.KEYCLOAK, { ...options });
  }

  private constructor(
    /** The authorization type. */
    public readonly type: StrimziAuthorizationType,
    /** @internal type-specific settings */
    public readonly _options: { readonly [key: string]: unknown },
  ) {}

  /** @internal the `authorization` of the Kafka resource. */
  public _render(): { readonly [key: string]: unknown } {
    const o = this._options as { superUsers?: string[] };
    return { type: this.type, ...this._options, ...(o.superUsers ? { superUsers: [...o.superUsers] } : {}) };
  }
}
