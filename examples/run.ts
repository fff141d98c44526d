import { StagedApp, stagedAppPropsFromEnv } from '../lib';
import { exampleByName } from './index';

/**
 * Synthesizes one example like main.ts synthesizes a flavour: a StagedApp whose layout comes from
 * KAFKA_OUTPUT (plain or flux; the example's default when unset), written to the cdk8s output folder.
 */
export function runExample(name: string, env: { readonly [key: string]: string | undefined } = process.env): void {
  const example = exampleByName(name);
  const app = new StagedApp(stagedAppPropsFromEnv({ ...env, KAFKA_OUTPUT: env.KAFKA_OUTPUT?.trim() || example.defaultOutput }));
  example.build(app);
  app.synth();
}
