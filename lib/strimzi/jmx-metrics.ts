/**
 * Prometheus JMX exporter configuration for Strimzi operands, rendered into the ConfigMap that
 * `metricsConfig.valueFrom.configMapKeyRef` references. A compact rule set covering the
 * broker, request, replica, controller/KRaft, log and network metrics dashboards use.
 * Pure data (no time or random values): the output is deterministic.
 */

/** ConfigMap key of the Kafka exporter rules. */
export const KAFKA_METRICS_KEY = 'kafka-metrics-config.yml';
/** ConfigMap key of the ZooKeeper exporter rules. */
export const ZOOKEEPER_METRICS_KEY = 'zookeeper-metrics-config.yml';

const KAFKA_RULES = `lowercaseOutputName: true
lowercaseOutputLabelNames: true
rules:
  # Per-topic broker rates, e.g. kafka_server_brokertopicmetrics_messagesin_total{topic="t"}
  - pattern: 'kafka.server<type=BrokerTopicMetrics, name=(.+), topic=(.+)><>Count'
    name: kafka_server_brokertopicmetrics_$1_total
    type: COUNTER
    labels:
      topic: "$2"
  - pattern: 'kafka.server<type=BrokerTopicMetrics, name=(.+)><>Count'
    name: kafka_server_brokertopicmetrics_$1_total
    type: COUNTER
  # Replica health: under-replicated / offline partitions, ISR changes
  - pattern: 'kafka.server<type=ReplicaManager, name=(.+)><>(Value|Count)'
    name: kafka_server_replicamanager_$1
    type: GAUGE
  - pattern: 'kafka.controller<type=KafkaController, name=(.+)><>Value'
    name: kafka_controller_kafkacontroller_$1
    type: GAUGE
  # KRaft controller and metadata
  - pattern: 'kafka.server<type=raft-metrics><>(.+):'
    name: kafka_server_raftmetrics_$1
    type: GAUGE
  - pattern: 'kafka.controller<type=ControllerEventManager, name=(.+)><>(Count|Value)'
    name: kafka_controller_controllereventmanager_$1
    type: GAUGE
  # Request latency percentiles and rates per request type
  - pattern: 'kafka.network<type=RequestMetrics, name=(.+), request=(.+)><>(\\d+)thPercentile'
    name: kafka_network_requestmetrics_$1
    type: GAUGE
    labels:
      request: "$2"
      quantile: "0.$3"
  - pattern: 'kafka.network<type=RequestMetrics, name=(.+), request=(.+)><>Count'
    name: kafka_network_requestmetrics_$1_total
    type: COUNTER
    labels:
      request: "$2"
  - pattern: 'kafka.network<type=SocketServer, name=(.+)><>Value'
    name: kafka_network_socketserver_$1
    type: GAUGE
  - pattern: 'kafka.server<type=KafkaRequestHandlerPool, name=(.+)><>(Count|OneMinuteRate)'
    name: kafka_server_kafkarequesthandlerpool_$1
    type: GAUGE
  # Log size and offsets per partition
  - pattern: 'kafka.log<type=Log, name=(.+), topic=(.+), partition=(.+)><>Value'
    name: kafka_log_log_$1
    type: GAUGE
    labels:
      topic: "$2"
      partition: "$3"
  - pattern: 'kafka.server<type=(.+), name=(.+)><>(Count|Value)'
    name: kafka_server_$1_$2
    type: GAUGE
`;

const ZOOKEEPER_RULES = `lowercaseOutputName: true
rules:
  - pattern: 'org.apache.ZooKeeperService<name0=ReplicatedServer_id(\\d+)><>(\\w+)'
    name: "zookeeper_$2"
    type: GAUGE
  - pattern: 'org.apache.ZooKeeperService<name0=ReplicatedServer_id(\\d+), name1=replica.(\\d+)><>(\\w+)'
    name: "zookeeper_$3"
    type: GAUGE
    labels:
      replicaId: "$2"
  - pattern: 'org.apache.ZooKeeperService<name0=ReplicatedServer_id(\\d+), name1=replica.(\\d+), name2=(\\w+)><>(Packets\\w+)'
    name: "zookeeper_$4"
    type: COUNTER
    labels:
      replicaId: "$2"
      memberType: "$3"
  - pattern: 'org.apache.ZooKeeperService<name0=ReplicatedServer_id(\\d+), name1=replica.(\\d+), name2=(\\w+)><>(\\w+)'
    name: "zookeeper_$4"
    type: GAUGE
    labels:
      replicaId: "$2"
      memberType: "$3"
`;

/** The exporter rules for Kafka brokers and controllers. */
export function kafkaMetricsRules(): string {
  return KAFKA_RULES;
}

/** The exporter rules for ZooKeeper nodes. */
export function zookeeperMetricsRules(): string {
  return ZOOKEEPER_RULES;
}
