import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as v1Rebalance from '../../imports/strimzi-v1-kafkarebalance-kafka.strimzi.io';
import * as v1beta2Rebalance from '../../imports/strimzi-v1beta2-kafkarebalance-kafka.strimzi.io';
import { fail, KafkaLabels, validateDnsSubdomain, validateInteger } from '../kafka';
import { l1, Shape } from './l1';
import { boundNamespace, toObjectName } from './strimzi-common';
import { IStrimziCluster } from './strimzi-cluster-props';
import { enterConstruct } from '../kafka/construct-entry';

/** What a KafkaRebalance asks Cruise Control to do. */
export enum KafkaRebalanceMode {
  /** Rebalance across all brokers. */
  FULL = 'full',
  /** After scaling up: move replicas onto the listed new brokers. */
  ADD_BROKERS = 'add-brokers',
  /** Before scaling down: move replicas off the listed brokers. */
  REMOVE_BROKERS = 'remove-brokers',
  /** Move replicas off the listed JBOD volumes (to the broker's other volumes). */
  REMOVE_DISKS = 'remove-disks',
}

/** Cruise Control optimization goals Strimzi supports (names as Cruise Control expects them). */
export enum CruiseControlGoal {
  RACK_AWARE = 'RackAwareGoal',
  RACK_AWARE_DISTRIBUTION = 'RackAwareDistributionGoal',
  MIN_TOPIC_LEADERS_PER_BROKER = 'MinTopicLeadersPerBrokerGoal',
  REPLICA_CAPACITY = 'ReplicaCapacityGoal',
  DISK_CAPACITY = 'DiskCapacityGoal',
  NETWORK_INBOUND_CAPACITY = 'NetworkInboundCapacityGoal',
  NETWORK_OUTBOUND_CAPACITY = 'NetworkOutboundCapacityGoal',
  CPU_CAPACITY = 'CpuCapacityGoal',
  REPLICA_DISTRIBUTION = 'ReplicaDistributionGoal',
  POTENTIAL_NW_OUT = 'PotentialNwOutGoal',
  DISK_USAGE_DISTRIBUTION = 'DiskUsageDistributionGoal',
  NETWORK_INBOUND_USAGE_DISTRIBUTION = 'NetworkInboundUsageDistributionGoal',
  NETWORK_OUTBOUND_USAGE_DISTRIBUTION = 'NetworkOutboundUsageDistributionGoal',
  CPU_USAGE_DISTRIBUTION = 'CpuUsageDistributionGoal',
  TOPIC_REPLICA_DISTRIBUTION = 'TopicReplicaDistributionGoal',
  LEADER_REPLICA_DISTRIBUTION = 'LeaderReplicaDistributionGoal',
  LEADER_BYTES_IN_DISTRIBUTION = 'LeaderBytesInDistributionGoal',
  PREFERRED_LEADER_ELECTION = 'PreferredLeaderElectionGoal',
  INTRA_BROKER_DISK_CAPACITY = 'IntraBrokerDiskCapacityGoal',
  INTRA_BROKER_DISK_USAGE_DISTRIBUTION = 'IntraBrokerDiskUsageDistributionGoal',
}

/** JBOD volumes of one broker to empty (remove-disks mode). */
export interface KafkaRebalanceVolumes {
  /** Broker node id. */
  readonly brokerId: number;
  /** Volume ids (the `id` of the JBOD volumes) to move replicas off. */
  readonly volumeIds: number[];
}

/** Properties of a {@link KafkaRebalance}. */
export interface KafkaRebalanceProps {
  /** The cluster; it must run Cruise Control (`cruiseControl: {}` in its props) and have at least two brokers. */
  readonly cluster: IStrimziCluster;
  /** Name of the KafkaRebalance resource. @default the construct id, lower-cased */
  readonly rebalanceName?: string;
  /** Rebalance mode. @default KafkaRebalanceMode.FULL */
  readonly mode?: KafkaRebalanceMode;
  /** Broker ids to add or remove (add-brokers / remove-brokers modes only; required there). @default none */
  readonly brokers?: number[];
  /** Volumes to empty (remove-disks mode only; required there). @default none */
  readonly volumes?: KafkaRebalanceVolumes[];
  /** Goals, by decreasing priority. @default the goals configured in Cruise Control (`default.goals`) */
  readonly goals?: CruiseControlGoal[];
  /**
   * Let Cruise Control skip hard goals missing from `goals` (otherwise it rejects such goal lists).
   * @default false
   */
  readonly skipHardGoalCheck?: boolean;
  /** Topics excluded from the proposal (Java regular expression). @default none */
  readonly excludedTopics?: string;
  /** Balance disks within each broker (full mode, JBOD with several volumes). @default false */
  readonly rebalanceDisk?: boolean;
  /** Concurrent partition movements per broker. @default 5 (Cruise Control's default) */
  readonly concurrentPartitionMovementsPerBroker?: number;
  /** Concurrent leadership movements. @default 1000 (Cruise Control's default) */
  readonly concurrentLeaderMovements?: number;
  /** Bandwidth bound for moving replicas, bytes per second. @default unlimited */
  readonly replicationThrottle?: number;
  /**
   * Approve the proposal automatically (`strimzi.io/rebalance-auto-approval: "true"`); otherwise
   * the rebalance waits in ProposalReady until annotated `strimzi.io/rebalance=approve`.
   * @default false
   */
  readonly autoApproval?: boolean;
  /** Namespace; must be the cluster's. @default the cluster's namespace */
  readonly namespace?: string;
}

/**
 * A Strimzi `KafkaRebalance`: asks the cluster's Cruise Control for an optimization proposal
 * (and, with `autoApproval`, runs it). Bound to the cluster by the `strimzi.io/cluster` label.
 */
export class KafkaRebalance extends Construct {
  /** Name of the KafkaRebalance resource. */
  public readonly rebalanceName: string;
  /** Mode. */
  public readonly mode: KafkaRebalanceMode;
  /** The cluster. */
  public readonly cluster: IStrimziCluster;
  /** The custom resource. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: KafkaRebalanceProps) {
    super(scope, id);
    enterConstruct(this, props);
    const cluster = props.cluster;
    this.cluster = cluster;
    const namespace = boundNamespace(this, props.namespace, cluster.namespace, cluster.clusterName);
    this.rebalanceName = validateDnsSubdomain(this, 'rebalanceName', props.rebalanceName ?? toObjectName(id));
    if (!cluster.cruiseControlEnabled) {
      fail(this, 'cluster', cluster.clusterName, 'a cluster running Cruise Control (KafkaRebalance is executed by it)',
        `set cruiseControl: {} in the props of cluster "${cluster.clusterName}"`);
    }
    if (cluster.brokerCount < 2) {
      fail(this, 'cluster', `${cluster.clusterName} (${cluster.brokerCount} broker)`, 'a cluster with at least two brokers (Strimzi refuses Cruise Control on one broker)',
        `raise brokers of cluster "${cluster.clusterName}" to 2 or more`);
    }
    const mode = props.mode ?? KafkaRebalanceMode.FULL;
    this.mode = mode;
    const brokers = this.brokers(props, mode);
    const moveReplicasOffVolumes = this.volumes(props, mode);
    if (props.rebalanceDisk && mode !== KafkaRebalanceMode.FULL) {
      fail(this, 'rebalanceDisk', true, 'rebalanceDisk only with mode full (intra-broker balancing)', 'drop rebalanceDisk, or use KafkaRebalanceMode.FULL');
    }
    const goals = props.goals;
    if (goals !== undefined && (goals.length === 0 || new Set(goals).size !== goals.length)) {
      fail(this, 'goals', goals, 'at least one goal, each once', 'list each CruiseControlGoal once, or leave goals unset for the default goals');
    }
    if (props.skipHardGoalCheck && !goals) {
      fail(this, 'skipHardGoalCheck', true, 'skipHardGoalCheck only with explicit goals (the default goals include the hard goals)', 'drop skipHardGoalCheck, or list goals');
    }
    if (props.excludedTopics !== undefined && props.excludedTopics.trim() === '') {
      fail(this, 'excludedTopics', props.excludedTopics, 'a non-empty regular expression', 'set excludedTopics to e.g. "test-.*" or leave it unset');
    }
    const counts: Record<string, number> = {};
    for (const key of ['concurrentPartitionMovementsPerBroker', 'concurrentLeaderMovements', 'replicationThrottle'] as const) {
      if (props[key] !== undefined) counts[key] = validateInteger(this, key, props[key]!, 1);
    }

    const spec: Shape<v1Rebalance.KafkaRebalanceSpec> & Shape<v1beta2Rebalance.KafkaRebalanceSpec> = {
      mode,
      ...(brokers.length ? { brokers: [...brokers] } : {}),
      ...(moveReplicasOffVolumes.length ? { moveReplicasOffVolumes } : {}),
      ...(goals ? { goals: [...goals] } : {}),
      ...(props.skipHardGoalCheck ? { skipHardGoalCheck: true } : {}),
      ...(props.rebalanceDisk ? { rebalanceDisk: true } : {}),
      ...(props.excludedTopics !== undefined ? { excludedTopics: props.excludedTopics } : {}),
      ...counts,
    };
    const metadata = {
      name: this.rebalanceName,
      namespace,
      labels: { [KafkaLabels.STRIMZI_CLUSTER]: cluster.clusterName },
      ...(props.autoApproval ? { annotations: { 'strimzi.io/rebalance-auto-approval': 'true' } } : {}),
    };
    this.resource = cluster.strimziVersion.isV1
      ? new v1Rebalance.KafkaRebalance(this, 'Resource', { metadata, spec: l1<v1Rebalance.KafkaRebalanceSpec>(spec) })
      : new v1beta2Rebalance.KafkaRebalance(this, 'Resource', { metadata, spec: l1<v1beta2Rebalance.KafkaRebalanceSpec>(spec) });
  }

  /** Broker ids: required by add/remove modes (Strimzi fails the rebalance without them), refused otherwise. */
  private brokers(props: KafkaRebalanceProps, mode: KafkaRebalanceMode): number[] {
    const cluster = this.cluster;
    const maxId = cluster.brokerCount - 1;
    const brokerId = (field: string, id: number) =>
      validateInteger(this, field, id, 0, maxId, `use broker ids of cluster "${cluster.clusterName}" (0 to ${maxId})`);
    const byBrokers = mode === KafkaRebalanceMode.ADD_BROKERS || mode === KafkaRebalanceMode.REMOVE_BROKERS;
    const brokers = props.brokers ?? [];
    if (byBrokers && brokers.length === 0) {
      fail(this, 'brokers', props.brokers, `at least one broker id with mode ${mode}`,
        `list the broker ids to ${mode === KafkaRebalanceMode.ADD_BROKERS ? 'move replicas onto' : 'empty'}, e.g. brokers: [${maxId}]`);
    }
    if (!byBrokers && props.brokers !== undefined) {
      fail(this, 'brokers', props.brokers, 'brokers only with mode add-brokers or remove-brokers (Strimzi ignores them otherwise)',
        'drop brokers, or set mode to KafkaRebalanceMode.ADD_BROKERS / REMOVE_BROKERS');
    }
    brokers.forEach((b, i) => brokerId(`brokers[${i}]`, b));
    if (new Set(brokers).size !== brokers.length) {
      fail(this, 'brokers', brokers, 'each broker id once', 'remove the duplicate ids');
    }
    if (mode === KafkaRebalanceMode.REMOVE_BROKERS) {
      const left = cluster.brokerCount - brokers.length;
      const needed = cluster.replication.defaultReplicationFactor;
      if (left < needed) {
        fail(this, 'brokers', brokers, `at most ${cluster.brokerCount - needed} broker(s): ${left} would remain, fewer than the default replication factor (${needed})`,
          'remove fewer brokers, or lower the cluster\'s replication first');
      }
    }
    return brokers;
  }

  /** JBOD volumes to empty: remove-disks only. */
  private volumes(props: KafkaRebalanceProps, mode: KafkaRebalanceMode) {
    const cluster = this.cluster;
    const maxId = cluster.brokerCount - 1;
    const brokerId = (field: string, id: number) =>
      validateInteger(this, field, id, 0, maxId, `use broker ids of cluster "${cluster.clusterName}" (0 to ${maxId})`);
    const volumes = props.volumes ?? [];
    if (mode === KafkaRebalanceMode.REMOVE_DISKS && volumes.length === 0) {
      fail(this, 'volumes', props.volumes, 'at least one { brokerId, volumeIds } with mode remove-disks', 'list the volumes to empty, e.g. volumes: [{ brokerId: 0, volumeIds: [1] }]');
    }
    if (mode !== KafkaRebalanceMode.REMOVE_DISKS && props.volumes !== undefined) {
      fail(this, 'volumes', props.volumes, 'volumes only with mode remove-disks', 'drop volumes, or set mode to KafkaRebalanceMode.REMOVE_DISKS');
    }
    const seenBrokers = new Set<number>();
    const moveReplicasOffVolumes = volumes.map((v, i) => {
      brokerId(`volumes[${i}].brokerId`, v.brokerId);
      if (seenBrokers.has(v.brokerId)) fail(this, `volumes[${i}].brokerId`, v.brokerId, 'each broker once', 'merge the volume ids of this broker into one entry');
      seenBrokers.add(v.brokerId);
      if (!v.volumeIds?.length || new Set(v.volumeIds).size !== v.volumeIds.length) {
        fail(this, `volumes[${i}].volumeIds`, v.volumeIds, 'at least one volume id, each once', 'list the JBOD volume ids to empty');
      }
      v.volumeIds.forEach((id, j) => validateInteger(this, `volumes[${i}].volumeIds[${j}]`, id, 0));
      return { brokerId: v.brokerId, volumeIds: [...v.volumeIds] };
    });
    return moveReplicasOffVolumes;
  }
}
