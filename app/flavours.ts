import { App } from 'cdk8s';
import { buildRawKraft } from './raw-kraft';
import { buildRawZookeeper } from './raw-zookeeper';
import { buildStrimzi } from './strimzi';
import { buildStrimziZookeeper } from './strimzi-zookeeper';

/** Builds one flavour's charts into `app`. */
export type FlavourBuilder = (app: App) => void;

/**
 * The flavours `main.ts` can synthesize, chosen with the KAFKA_FLAVOR environment variable.
 * Each builder lives in its own file under app/.
 */
export const FLAVOURS: { readonly [name: string]: FlavourBuilder } = {
  'raw-kraft': buildRawKraft,
  'raw-zookeeper': buildRawZookeeper,
  'strimzi': buildStrimzi,
  'strimzi-zookeeper': buildStrimziZookeeper,
};

/** The default flavour when KAFKA_FLAVOR is unset or empty. */
export const DEFAULT_FLAVOUR = 'raw-kraft';

/** Reads and validates KAFKA_FLAVOR (the environment variable keeps its documented spelling). */
export function flavourFromEnv(env: { [key: string]: string | undefined }): string {
  const value = env.KAFKA_FLAVOR?.trim() || DEFAULT_FLAVOUR;
  if (!Object.prototype.hasOwnProperty.call(FLAVOURS, value)) {
    throw new Error(`KAFKA_FLAVOR: invalid value ${JSON.stringify(value)}; allowed: ${Object.keys(FLAVOURS).join(', ')}. Fix: set KAFKA_FLAVOR to one of them, or unset it for ${DEFAULT_FLAVOUR}`);
  }
  return value;
}

/** Builds the flavour into `app`. */
export function buildFlavour(app: App, flavour: string): void {
  FLAVOURS[flavour](app);
}
