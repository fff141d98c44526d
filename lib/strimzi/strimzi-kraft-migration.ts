// Strimzi 0.45's ZooKeeper-to-KRaft migration as phases of a StrimziCluster (docs/upgrade.md).
import { IConstruct } from 'constructs';
import { fail } from '../kafka';
import { StrimziClusterProps, StrimziNodePoolNames } from './strimzi-cluster-props';
import { StrimziVersion } from './strimzi-version';

/**
 * A phase of Strimzi's ZooKeeper-to-KRaft migration of a running ZooKeeper cluster (Strimzi
 * 0.45; `zookeeper` stays set through every phase). Walk them in this order, one apply each,
 * waiting for the state each one names (`kubectl get kafka <name> -o jsonpath='{.status.kafkaMetadataState}'`);
 * when the state is `KRaft`, remove `zookeeper` and `kraftMigration` (keep `controllers` and the pool names).
 */
export enum StrimziKraftMigration {
  /**
   * The brokers move into a KafkaNodePool named `kafka` (`strimzi.io/node-pools: enabled`,
   * `strimzi.io/kraft: disabled`): same pods, same claims, no restart. Still ZooKeeper.
   */
  NODE_POOLS = 'node-pools',
  /**
   * Dedicated controllers join (the `controllers` prop: Strimzi migrates to dedicated controllers
   * only) and the migration starts (`strimzi.io/kraft: migration`): the operator creates the
   * controllers and rolls the brokers twice. Wait for `KRaftPostMigration`.
   */
  MIGRATION = 'migration',
  /**
   * KRaft is enabled (`strimzi.io/kraft: enabled`): the operator rolls the nodes and deletes the
   * ZooKeeper ensemble. Irreversible. Wait for `KRaft`, then drop `zookeeper` and `kraftMigration`.
   */
  ENABLED = 'enabled',
  /**
   * Back to ZooKeeper from `KRaftPostMigration` (`strimzi.io/kraft: rollback`): the brokers roll
   * back to ZooKeeper. Then go back to NODE_POOLS, which removes the controller pool (delete its
   * PersistentVolumeClaims and ZooKeeper's `/migration` znode before migrating again).
   */
  ROLLBACK = 'rollback',
}

/** Name Strimzi requires for the broker pool of a migrated cluster: it keeps the pod, claim and broker names. */
export const MIGRATED_BROKER_POOL = 'kafka';

const WITH_CONTROLLERS: readonly StrimziKraftMigration[] = [StrimziKraftMigration.MIGRATION, StrimziKraftMigration.ENABLED, StrimziKraftMigration.ROLLBACK];

/** Whether the phase runs the controller pool beside the brokers. */
export function migrationHasControllers(phase: StrimziKraftMigration | undefined): boolean {
  return phase !== undefined && WITH_CONTROLLERS.includes(phase);
}

/** Validates `kraftMigration` against the rest of the props; undefined when no migration is under way. */
export function validateKraftMigration(scope: IConstruct, props: StrimziClusterProps, version: StrimziVersion): StrimziKraftMigration | undefined {
  const phase = props.kraftMigration;
  if (phase === undefined) return undefined;
  if (!Object.values(StrimziKraftMigration).includes(phase)) {
    fail(scope, 'kraftMigration', phase, Object.values(StrimziKraftMigration).join(', '), 'use a StrimziKraftMigration member');
  }
  if (props.zookeeper === undefined) {
    fail(scope, 'kraftMigration', phase, 'a phase only while zookeeper is set (the migration moves a ZooKeeper cluster)',
      version.supportsZookeeper
        ? 'add the cluster\'s zookeeper prop back until the state is KRaft; after that, remove kraftMigration as well'
        : `migrate on Strimzi 0.45 (version: StrimziVersion.V0_45_2): Strimzi ${version.version} has no ZooKeeper; once migrated, remove kraftMigration`);
  }
  if (migrationHasControllers(phase) && props.controllers === undefined) {
    fail(scope, 'controllers', props.controllers, `dedicated controllers in the ${phase} phase (Strimzi migrates to dedicated controller nodes only, not to dual-role nodes)`,
      'add controllers: { replicas: 3 } (with persistent storage)');
  }
  if (phase === StrimziKraftMigration.NODE_POOLS && props.controllers !== undefined) {
    fail(scope, 'controllers', props.controllers, 'no controllers in the node-pools phase (they come with the migration)',
      'remove controllers until kraftMigration is StrimziKraftMigration.MIGRATION');
  }
  return phase;
}

/** Pool names during the migration: the brokers' pool must be `kafka`, the controllers' is free. */
export function migrationPoolNames(scope: IConstruct, names: StrimziNodePoolNames | undefined): StrimziNodePoolNames {
  if (names?.dualRole !== undefined) {
    fail(scope, 'nodePoolNames.dualRole', names.dualRole, 'unset during a KRaft migration (the migration needs dedicated controllers)', 'remove nodePoolNames.dualRole');
  }
  if (names?.broker !== undefined && names.broker !== MIGRATED_BROKER_POOL) {
    fail(scope, 'nodePoolNames.broker', names.broker, `"${MIGRATED_BROKER_POOL}" (Strimzi keeps the broker pods, their claims and ids only in a pool of that name)`,
      `set nodePoolNames.broker to "${MIGRATED_BROKER_POOL}", or leave it unset, and keep it after the migration`);
  }
  return { ...names, broker: MIGRATED_BROKER_POOL };
}

/** The Kafka resource's annotations in a phase. */
export function migrationAnnotations(phase: StrimziKraftMigration): { [key: string]: string } {
  const kraft = phase === StrimziKraftMigration.NODE_POOLS ? 'disabled' : phase;
  return { 'strimzi.io/node-pools': 'enabled', 'strimzi.io/kraft': kraft };
}
