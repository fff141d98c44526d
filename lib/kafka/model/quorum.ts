import { IConstruct } from 'constructs';
import { fail } from '../errors';
import { validateInteger } from '../replication';

/** Most KRaft voters: every commit waits for a majority, so larger quorums only add latency. */
export const MAX_VOTERS = 9;

/** What makes the voters of a KRaft quorum. */
export enum VoterKind {
  /** Dedicated controllers (raw controller StatefulSet, Strimzi controller pool). */
  CONTROLLERS = 'controllers',
  /** Combined broker+controller nodes (raw combined mode, Strimzi dual-role pool): every broker votes. */
  COMBINED = 'combined',
}

/**
 * The one quorum rule, whatever makes the voters: an odd count from 1 to 9. An even quorum
 * tolerates no more failures than the odd one below it (and needs one more node per commit);
 * a larger one only slows every commit.
 */
export function validateVoterCount(scope: IConstruct, field: string, count: number, kind: VoterKind): number {
  const combined = kind === VoterKind.COMBINED;
  validateInteger(scope, field, count, 1, undefined, combined
    ? `set ${field} to at least 1`
    : `set ${field} to an odd number from 1 to ${MAX_VOTERS}, e.g. 3 (or remove controllers for combined nodes)`);
  if (count % 2 === 1 && count <= MAX_VOTERS) return count;
  const lower = Math.min(count % 2 === 0 ? count - 1 : count, MAX_VOTERS);
  const options = count % 2 === 0 && count + 1 <= MAX_VOTERS ? `${lower} or ${count + 1}` : `${lower}`;
  // The same words for both kinds: only where the voters come from differs.
  fail(scope, field, count, `${QUORUM_RULE}${combined ? '; without dedicated controllers every broker is a voter' : ''}`,
    combined ? `use ${options} brokers, or add dedicated controllers (controllers: { replicas: 3 }) to run more brokers` : `use ${options} controllers`);
}

/** The quorum rule as messages state it. */
export const QUORUM_RULE = `an odd number of KRaft voters from 1 to ${MAX_VOTERS} (an even quorum tolerates no more failures than the odd one below it, a larger one only slows every commit)`;

/** How many members of a majority-quorum ensemble of `n` may be down at once (0 blocks evictions). */
export function quorumMaxUnavailable(n: number): number {
  return n - (Math.floor(n / 2) + 1);
}
