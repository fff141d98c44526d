import { App } from 'cdk8s';
import { buildRawKraft } from './raw-kraft';
import { buildRawZookeeper } from './raw-zookeeper';
import { buildStrimzi } from './strimzi';
import { buildStrimziZookeeper } from './strimzi-zookeeper';

/** Namespace every flavour deploys into. */
export const NAMESPACE = 'kafka';

/** Builds one flavour's charts into `app`. */
export type FlavorBuilder = (app: App) => void;

/**
 * The flavours `main.ts` can synthesize, chosen with the KAFKA_FLAVOR environment variable.
 * Each builder lives in its own file under app/.
 */
export const FLAVORS: { readonly [name: string]: FlavorBuilder } = {
  'raw-kraft': buildRawKraft,
  'raw-zookeeper': buildRawZookeeper,
  'strimzi': buildStrimzi,
  'strimzi-zookeeper': buildStrimziZookeeper,
};

/** The default flavour when KAFKA_FLAVOR is unset or empty. */
export const DEFAULT_FLAVOR = 'raw-kraft';

/** Reads and validates KAFKA_FLAVOR. */
export function flavorFromEnv(env: { [key: string]: string | undefined }): string {
  const value = env.KAFKA_FLAVOR?.trim() || DEFAULT_FLAVOR;
  if (!Object.prototype.hasOwnProperty.call(FLAVORS, value)) {
    throw new Error(`KAFKA_FLAVOR: invalid value ${JSON.stringify(value)}; allowed: ${Object.keys(FLAVORS).join(', ')}. Fix: set KAFKA_FLAVOR to one of them, or unset it for ${DEFAULT_FLAVOR}`);
  }
  return value;
}

/** Builds the flavour into `app`. */
export function buildFlavor(app: App, flavor: string): void {
  FLAVORS[flavor](app);
}
