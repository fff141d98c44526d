import { App } from 'cdk8s';
import { OutputFormat, StrimziCluster, StrimziVersion } from '../lib';
import { buildFluxEphemeral } from './builders/flux-ephemeral';
import { buildMtlsAcls } from './builders/mtls-acls';
import { buildProductionConnect } from './builders/production-connect';
import { buildSingleBrokerJbod } from './builders/single-broker-jbod';

/** One runnable example: `KAFKA_APP_ENTRY=examples/<name>.ts npm run synth -- --outdir <dir>`. */
export interface Example {
  /** Name; the entry file is `examples/<name>.ts`. */
  readonly name: string;
  /** What real deployment it reproduces. */
  readonly title: string;
  /** Strimzi release it targets. */
  readonly version: StrimziVersion;
  /** Output layout when KAFKA_OUTPUT is unset. */
  readonly defaultOutput: OutputFormat;
  /** Builds the example's charts into `app`. */
  readonly build: (app: App) => StrimziCluster;
}

const v045 = StrimziVersion.V0_45_2;
const v1 = StrimziVersion.V1_2_0;

/** Every example, each for Strimzi 0.45 (ZooKeeper) and Strimzi 1.x (KRaft with node pools). */
export const EXAMPLES: readonly Example[] = [
  { name: 'single-broker-jbod-zookeeper', title: 'Single broker, JBOD 100Gi, ZooKeeper 1, 3 producers + 1 consumer', version: v045, defaultOutput: OutputFormat.PLAIN, build: app => buildSingleBrokerJbod(app, v045) },
  { name: 'single-broker-jbod-kraft', title: 'Single dual-role node, JBOD 100Gi (with KRaft metadata), 3 producers + 1 consumer', version: v1, defaultOutput: OutputFormat.PLAIN, build: app => buildSingleBrokerJbod(app, v1) },
  { name: 'flux-ephemeral-zookeeper', title: 'Operator via Flux HelmRelease, then 3 ephemeral brokers + 3 ZooKeeper nodes in a dependent Kustomization', version: v045, defaultOutput: OutputFormat.FLUX, build: app => buildFluxEphemeral(app, v045) },
  { name: 'flux-ephemeral-kraft', title: 'Operator via Flux HelmRelease, then 3 ephemeral brokers + 3 KRaft controllers in a dependent Kustomization', version: v1, defaultOutput: OutputFormat.FLUX, build: app => buildFluxEphemeral(app, v1) },
  { name: 'mtls-acls-zookeeper', title: '3 brokers + 3 ZooKeeper, mutual TLS, simple authorization, user ACLs, 3 client pods', version: v045, defaultOutput: OutputFormat.PLAIN, build: app => buildMtlsAcls(app, v045) },
  { name: 'mtls-acls-kraft', title: '3 brokers + 3 KRaft controllers, mutual TLS, simple authorization, user ACLs, 3 client pods', version: v1, defaultOutput: OutputFormat.PLAIN, build: app => buildMtlsAcls(app, v1) },
  { name: 'production-connect-zookeeper', title: 'Limits + heap, metrics, dedicated nodes, rack awareness, 3 brokers, Connect with a file source connector', version: v045, defaultOutput: OutputFormat.PLAIN, build: app => buildProductionConnect(app, v045) },
  { name: 'production-connect-kraft', title: 'Same on KRaft: 3 controllers + 3 brokers, Connect with a file source connector', version: v1, defaultOutput: OutputFormat.PLAIN, build: app => buildProductionConnect(app, v1) },
];

/** The example called `name`. */
export function exampleByName(name: string): Example {
  const found = EXAMPLES.find(e => e.name === name);
  if (!found) {
    throw new Error(`unknown example ${JSON.stringify(name)}; allowed: ${EXAMPLES.map(e => e.name).join(', ')}. Fix: use the name of a file in examples/`);
  }
  return found;
}
