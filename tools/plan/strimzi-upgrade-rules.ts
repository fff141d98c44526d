// What a Strimzi operator step (the HelmRelease's chart version) does to the clusters it runs, and
// what the operator or the API server refuses on the way from 0.45 to 1.x (docs/upgrade.md).
import { StrimziApiVersion, StrimziVersion } from '../../lib/strimzi/strimzi-version';
import type { Finding } from './rules';
import { display, K8sObject } from './objects';

const CHART = 'strimzi-kafka-operator';
const GUIDE = 'docs/upgrade.md';

/** The Strimzi release the output's Flux HelmRelease installs (chart version, or the OCIRepository tag it points at). */
export function strimziOperatorRelease(objects: ReadonlyMap<string, K8sObject>): string | undefined {
  const all = [...objects.values()];
  const release = all.find(o => o.kind === 'HelmRelease' && (o.spec?.chart?.spec?.chart === CHART || o.metadata.name === CHART));
  if (!release) return undefined;
  if (release.spec?.chart?.spec?.version) return String(release.spec.chart.spec.version);
  const ref = release.spec?.chartRef;
  if (ref?.kind !== 'OCIRepository') return undefined;
  const repo = all.find(o => o.kind === 'OCIRepository' && o.metadata.name === ref.name && o.metadata.namespace === (ref.namespace ?? release.metadata.namespace));
  return repo?.spec?.ref?.tag;
}

/** Whether the operator installed by `objects` serves `apiVersion` (false when the output installs none the library knows). */
export function operatorServes(objects: ReadonlyMap<string, K8sObject>, apiVersion: string): boolean {
  const release = StrimziVersion.of(strimziOperatorRelease(objects) ?? '');
  return !!release && (release.servedApiVersions as readonly string[]).includes(apiVersion);
}

const index = (v: StrimziVersion) => StrimziVersion.all().indexOf(v);
const before = (v: StrimziVersion, release: string) => index(v) < index(StrimziVersion.of(release)!);

/** Findings of an operator step between the two outputs (none when the release does not change). */
export function strimziUpgradeFindings(base: ReadonlyMap<string, K8sObject>, next: ReadonlyMap<string, K8sObject>): Finding[] {
  const a = StrimziVersion.of(strimziOperatorRelease(base) ?? '');
  const b = StrimziVersion.of(strimziOperatorRelease(next) ?? '');
  if (!a || !b || a === b) return [];
  const step = `Strimzi operator ${a.version} → ${b.version}`;
  if (index(b) < index(a)) {
    return before(a, '1.0.1') || !before(b, '0.49.1')
      ? [{ consequence: 'applied', detail: `${step} is a downgrade: follow Strimzi's downgrade procedure for the Kafka versions and CRDs of ${b.version}` }]
      : [{ consequence: 'rejected', detail: `${step}: the ${b.version} CRDs do not serve v1, the version every resource is stored in since 1.0`, wayOut: 'stay on 1.x' }];
  }
  const kafkas = [...base.values()].filter(o => o.kind === 'Kafka' && o.apiVersion.startsWith('kafka.strimzi.io/'));
  const out: Finding[] = [];
  if (before(a, '0.46.1')) {
    for (const k of kafkas.filter(k => k.spec?.zookeeper || k.metadata.annotations?.['strimzi.io/kraft'] !== 'enabled')) {
      out.push({ consequence: 'rejected', detail: `${step}: ${display(k)} is ZooKeeper-based or mid-migration; Strimzi ${b.version} reconciles KRaft clusters only`,
        wayOut: `finish the ZooKeeper-to-KRaft migration on 0.45 first (kraftMigration phases, ${GUIDE})` });
    }
  }
  if (before(a, '1.0.1') && !before(b, '1.0.1')) {
    const v1beta2 = [...base.values()].filter(o => o.apiVersion === StrimziApiVersion.V1BETA2);
    if (before(a, '0.49.1')) {
      out.push({ consequence: 'rejected', detail: `${step}: the 1.x CRDs serve only v1; resources are converted on 0.49-0.51, which ${a.version} is not`,
        wayOut: `upgrade to 0.49.1, 0.50.1 or 0.51.0 first, render v1 there and run the conversion tool's crd-upgrade (${GUIDE})` });
    } else if (v1beta2.length) {
      out.push({ consequence: 'rejected', detail: `${step}: ${v1beta2.map(display).join(', ')} still use v1beta2, which ${b.version} does not serve`,
        wayOut: `render v1 on ${a.version} first (version: ${a}.withApiVersion(StrimziApiVersion.V1)) and run crd-upgrade (${GUIDE})` });
    } else {
      out.push({ consequence: 'rejected', detail: `${step}: the ${b.version} CRDs drop v1beta2; the API server refuses them while a CRD's status.storedVersions still lists v1beta2`,
        wayOut: `run the conversion tool's crd-upgrade on ${a.version} and check that every Strimzi CRD's storedVersions is [v1] (${GUIDE}), then apply` });
    }
  }
  for (const k of kafkas) {
    const running = k.spec?.kafka?.version;
    if (running && !b.canUpgradeFromKafka(running)) {
      const known = a.kafkaVersions.filter(v => b.canUpgradeFromKafka(v) && b.kafkaVersions.includes(v));
      out.push({ consequence: 'rejected', detail: `${step}: ${display(k)} runs Kafka ${running}, which Strimzi ${b.version} does not know and will not upgrade from`,
        wayOut: known.length ? `on ${a.version}, move the cluster to Kafka ${known.join(' or ')} first (${GUIDE})` : `step through a release in between (${GUIDE})` });
    }
  }
  if (out.length) return out;
  const k8s = b.minimumKubernetesVersion !== a.minimumKubernetesVersion ? `; Strimzi ${b.version} needs Kubernetes ${b.minimumKubernetesVersion} or newer` : '';
  return [{ consequence: 'rolling-restart', detail: `${step}: the new operator rolls every Kafka node (new images), one at a time, keeping partitions in sync${k8s}` }];
}
