// The e2e scenarios (names are a contract: the report's `name`). Each synthesizes an app the way a
// user does (scripts/synth.js with KAFKA_FLAVOR / KAFKA_APP_ENTRY), runs it and checks it.
import { Cluster } from '../runner/cluster';
import { bindingClient } from './binding-client';
import { brokerKill } from './broker-kill';
import { Traffic } from './checks';
import { rawKraft, rawKraftDedicatedControllers, rawKraftScram, rawZookeeper } from './basic';

export interface ScenarioContext {
  readonly cluster: Cluster;
  readonly notes: string[];
  readonly log: (line: string) => void;
}

export interface Scenario {
  readonly name: string;
  /** Environment of `node scripts/synth.js` (relative KAFKA_APP_ENTRY paths are from the repository root). */
  readonly synthEnv: { KAFKA_FLAVOR?: string; KAFKA_APP_ENTRY?: string };
  run(ctx: ScenarioContext): Promise<Traffic>;
}

export const SCENARIOS: readonly Scenario[] = [rawKraft, rawZookeeper, rawKraftDedicatedControllers, rawKraftScram, brokerKill, bindingClient];
