import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { fail, KafkaConfigMap, KafkaLabels, validateConfigMap, validateDnsSubdomain, validateInteger } from '../kafka';
import { KafkaConnect } from './kafka-connect';
import { l1, Shape, v1beta2Connector, v1Connector } from './l1';
import { boundNamespace, toObjectName } from './strimzi-common';
import { enterConstruct } from '../kafka/construct-entry';

/** Desired state of a connector. */
export enum KafkaConnectorState {
  RUNNING = 'running',
  PAUSED = 'paused',
  STOPPED = 'stopped',
}

/** Properties of a {@link KafkaConnector}. */
export interface KafkaConnectorProps {
  /** The Connect cluster that runs the connector (gets `strimzi.io/use-connector-resources: "true"`). */
  readonly connect: KafkaConnect;
  /** Connector class, e.g. `org.apache.kafka.connect.file.FileStreamSourceConnector`. */
  readonly connectorClass: string;
  /** Connector name. @default the construct id, lower-cased */
  readonly connectorName?: string;
  /** Maximum tasks. @default 1 */
  readonly tasksMax?: number;
  /** Connector config (`connector.class` and `tasks.max` come from the typed props). @default none */
  readonly config?: KafkaConfigMap;
  /** Desired state. @default KafkaConnectorState.RUNNING */
  readonly state?: KafkaConnectorState;
  /** Let Strimzi restart failed connectors and tasks. @default true */
  readonly autoRestart?: boolean;
  /** Namespace; must be the Connect's. @default the Connect's namespace */
  readonly namespace?: string;
}

/** A Strimzi `KafkaConnector` run by a {@link KafkaConnect}. */
export class KafkaConnector extends Construct {
  /** Connector name. */
  public readonly connectorName: string;
  /** The custom resource. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: KafkaConnectorProps) {
    super(scope, id);
    enterConstruct(this, props);
    const connect = props.connect;
    const namespace = boundNamespace(this, props.namespace, connect.namespace, connect.connectName);
    this.connectorName = validateDnsSubdomain(this, 'connectorName', props.connectorName ?? toObjectName(id));
    if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/.test(props.connectorClass ?? '')) {
      fail(this, 'connectorClass', props.connectorClass, 'a fully qualified Java class name', 'e.g. "org.apache.kafka.connect.file.FileStreamSourceConnector"');
    }
    const tasksMax = validateInteger(this, 'tasksMax', props.tasksMax ?? 1, 1);
    const config = validateConfigMap(this, 'config', props.config);
    for (const key of ['connector.class', 'tasks.max']) {
      if (key in config) {
        fail(this, `config["${key}"]`, key, 'keys other than connector.class and tasks.max', `remove it and use ${key === 'tasks.max' ? 'tasksMax' : 'connectorClass'}`);
      }
    }
    connect._registerConnector(this);

    const spec: Shape<v1Connector.KafkaConnectorSpec> & Shape<v1beta2Connector.KafkaConnectorSpec> = {
      class: props.connectorClass,
      tasksMax,
      ...(Object.keys(config).length ? { config } : {}),
      state: props.state ?? KafkaConnectorState.RUNNING,
      ...((props.autoRestart ?? true) ? { autoRestart: { enabled: true } } : {}),
    };
    const metadata = { name: this.connectorName, namespace, labels: { [KafkaLabels.STRIMZI_CLUSTER]: connect.connectName } };
    this.resource = connect.cluster.strimziVersion.isV1
      ? new v1Connector.KafkaConnector(this, 'Resource', { metadata, spec: l1<v1Connector.KafkaConnectorSpec>(spec) })
      : new v1beta2Connector.KafkaConnector(this, 'Resource', { metadata, spec: l1<v1beta2Connector.KafkaConnectorSpec>(spec) });
  }
}
