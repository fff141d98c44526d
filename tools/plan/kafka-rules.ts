// What Kafka and the Strimzi operator do with a change: cluster ids, node ids, the quorum, the
// metadata mode, versions, storage, partitions.
import type { Finding } from './rules';
import { at, changedPaths, display, K8sObject } from './objects';
import { bytes } from './api-server';

/** `major.minor.patch` compare of two Kafka versions (negative: a is older). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(n => parseInt(n, 10) || 0);
  const pb = b.split(/[.-]/).map(n => parseInt(n, 10) || 0);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** The tag of an image reference (`apache/kafka:4.3.1` → `4.3.1`). */
function tagOf(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const ref = image.split('@')[0];
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? ref.slice(colon + 1) : undefined;
}

/** Parses server.properties (as the library renders it). */
function properties(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of (text ?? '').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf('=');
    out.set(line.slice(0, i), line.slice(i + 1));
  }
  return out;
}

/** Kafka-specific consequences of a server.properties change in a ConfigMap. */
export function serverPropertiesChanges(base: K8sObject, next: K8sObject): Finding[] {
  const a = properties(base.data?.['server.properties']);
  const b = properties(next.data?.['server.properties']);
  if (!base.data?.['server.properties'] && !next.data?.['server.properties']) return [];
  const out: Finding[] = [];
  const changed = (k: string) => a.get(k) !== b.get(k);
  if (changed('controller.quorum.voters') && a.has('controller.quorum.voters') && b.has('controller.quorum.voters')) {
    out.push({
      consequence: 'data-at-risk',
      detail: `${display(next)}: the static KRaft voter set changes (${a.get('controller.quorum.voters')} → ${b.get('controller.quorum.voters')}); `
        + 'running voters keep the old set and a static quorum cannot change its voters by configuration: the quorum splits or loses its majority',
      wayOut: 'keep the voters (scale brokers with dedicated controllers), or change voters on a dynamic quorum with kafka-metadata-quorum add-controller/remove-controller',
    });
  }
  if (changed('process.roles') && a.has('process.roles') && b.has('process.roles')) {
    out.push({ consequence: 'data-at-risk', detail: `${display(next)}: process.roles ${a.get('process.roles')} → ${b.get('process.roles')}: nodes change between combined and dedicated roles, which their metadata log and node ids do not survive`,
      wayOut: 'build a new cluster with the new layout and migrate (MirrorMaker 2)' });
  }
  if (a.has('zookeeper.connect') !== b.has('zookeeper.connect')) {
    out.push({ consequence: 'data-at-risk', detail: `${display(next)}: the metadata mode flips between ZooKeeper and KRaft; brokers cannot read the other mode's metadata`,
      wayOut: 'keep the mode: the raw constructs offer no ZooKeeper-to-KRaft migration (docs/day-2.md says why); build a new KRaft cluster beside it and mirror the data (MirrorMaker 2)' });
  } else if (changed('zookeeper.connect')) {
    out.push({ consequence: 'data-at-risk', detail: `${display(next)}: zookeeper.connect changes: brokers register in another ZooKeeper ensemble or chroot, where their topics are not`,
      wayOut: 'keep the ensemble and chroot' });
  }
  if (changed('log.dirs') && a.has('log.dirs')) {
    out.push({ consequence: 'data-at-risk', detail: `${display(next)}: log.dirs ${a.get('log.dirs')} → ${b.get('log.dirs')}: brokers start on empty log directories`, wayOut: 'keep log.dirs' });
  }
  return out;
}

/** The shell expression a Kafka start script computes its node (broker) id with, if it has one. */
function nodeIdExpression(o: K8sObject): string | undefined {
  const script: string | undefined = at(o, 'spec.template.spec.containers')?.[0]?.command?.[2];
  if (!script || o.metadata.labels?.['app.kubernetes.io/name'] !== 'kafka') return undefined;
  const assigned = /^NODE_ID=(.+)$/m.exec(script)?.[1];
  if (assigned) return assigned;
  return /node\.id=%s[^"]*"\$ORDINAL"|broker\.id=\$ORDINAL/.test(script) ? '$ORDINAL' : undefined;
}

/** Kafka-specific consequences of a pod template change of a Kafka StatefulSet. */
export function statefulSetKafkaRisks(base: K8sObject, next: K8sObject): Finding[] {
  const out: Finding[] = [];
  const env = (o: K8sObject) => new Map<string, string>((at(o, 'spec.template.spec.containers')?.[0]?.env ?? []).map((e: any) => [e.name, e.value]));
  const ea = env(base);
  const eb = env(next);
  if (ea.has('CLUSTER_ID') && ea.get('CLUSTER_ID') !== eb.get('CLUSTER_ID')) {
    out.push({ consequence: 'data-at-risk', detail: `${display(next)}: CLUSTER_ID ${ea.get('CLUSTER_ID')} → ${eb.get('CLUSTER_ID')}: nodes refuse log directories formatted for another cluster id`,
      wayOut: 'set clusterId to the id the cluster was formatted with' });
  }
  const ia = nodeIdExpression(base);
  const ib = nodeIdExpression(next);
  if (ia !== undefined && ib !== undefined && ia !== ib) {
    out.push({ consequence: 'data-at-risk', detail: `${display(next)}: the node id of each pod changes (${ia} → ${ib}): a node's log directories record its id, and the quorum and partition replicas name nodes by id`,
      wayOut: 'keep the node ids of existing nodes (build new nodes under new ids and move the data)' });
  }
  const va = tagOf(at(base, 'spec.template.spec.containers')?.[0]?.image);
  const vb = tagOf(at(next, 'spec.template.spec.containers')?.[0]?.image);
  if (va && vb && /^\d+\.\d+/.test(va) && /^\d+\.\d+/.test(vb) && base.metadata.labels?.['app.kubernetes.io/name'] === 'kafka') {
    if (compareVersions(vb, va) < 0) {
      out.push({ consequence: 'data-at-risk', detail: `${display(next)}: Kafka ${va} → ${vb} is a downgrade; a finalized metadata.version (or the inter-broker protocol) of ${va} may not be readable by ${vb}`,
        wayOut: 'downgrade only before finalizing the metadata version of the newer release, and only within what Kafka documents' });
    } else if (compareVersions(vb, va) > 0) {
      out.push({ consequence: 'rolling-restart', detail: `${display(next)}: Kafka ${va} → ${vb}: rolled node by node; finalize the metadata version afterwards (kafka-features upgrade --release-version ${vb.split('.').slice(0, 2).join('.')}), see docs/day-2.md` });
    }
  }
  return out;
}

/** Consequences of a Strimzi `Kafka` change (the operator reconciles it). */
export function strimziKafkaFindings(base: K8sObject, next: K8sObject): Finding[] {
  const out: Finding[] = [];
  const va = at(base, 'spec.kafka.version');
  const vb = at(next, 'spec.kafka.version');
  if (va && vb && va !== vb) {
    const minor = (v: string) => v.split('.').slice(0, 2).join('.');
    out.push(compareVersions(vb, va) >= 0
      ? { consequence: 'rolling-restart', detail: `${display(next)}: Kafka ${va} → ${vb}: the operator rolls every node to the new version, then moves metadataVersion when you raise it` }
      : minor(va) === minor(vb)
        // A patch downgrade keeps the minor's inter-broker protocol and metadata version.
        ? { consequence: 'rolling-restart', detail: `${display(next)}: Kafka ${va} → ${vb} is a patch downgrade within ${minor(va)} (same protocol and metadata versions): the operator rolls every node to ${vb}` }
        : { consequence: 'data-at-risk', detail: `${display(next)}: Kafka ${va} → ${vb} is a downgrade; the operator refuses it once the newer metadata version is in use`, wayOut: 'keep the Kafka version' });
  }
  const ma = at(base, 'spec.kafka.metadataVersion');
  const mb = at(next, 'spec.kafka.metadataVersion');
  if (ma && mb && compareVersions(mb, ma) < 0) {
    out.push({ consequence: 'rejected', detail: `${display(next)}: metadataVersion ${ma} → ${mb}: KRaft metadata cannot be downgraded (the operator keeps the current one and reports it)`, wayOut: 'keep metadataVersion' });
  }
  out.push(...kraftMigrationFindings(base, next));
  const migrated = base.metadata.annotations?.['strimzi.io/kraft'] === 'enabled' && next.metadata.annotations?.['strimzi.io/kraft'] === 'enabled';
  if (base.spec?.zookeeper && !next.spec?.zookeeper && migrated) {
    out.push({ consequence: 'applied', detail: `${display(next)}: spec.zookeeper is removed after the migration (strimzi.io/kraft: enabled): the operator already runs KRaft and has deleted the ensemble; do this once the state is KRaft` });
  } else if (!!base.spec?.zookeeper !== !!next.spec?.zookeeper) {
    out.push({ consequence: 'data-at-risk', detail: `${display(next)}: spec.zookeeper is ${next.spec?.zookeeper ? 'added' : 'removed'}: the metadata mode changes`,
      wayOut: 'migrate with Strimzi\'s ZooKeeper-to-KRaft migration (strimzi.io/kraft annotation phases on Strimzi 0.45), see docs/upgrade.md' });
  }
  out.push(...storageFindings(display(next), at(base, 'spec.kafka.storage'), at(next, 'spec.kafka.storage')));
  const replicasA = at(base, 'spec.kafka.replicas');
  const replicasB = at(next, 'spec.kafka.replicas');
  if (replicasA !== undefined && replicasB !== undefined && replicasB < replicasA) {
    out.push({ consequence: 'data-at-risk', detail: `${display(next)}: brokers ${replicasA} → ${replicasB}: the operator removes the highest broker ids with their partitions`,
      wayOut: 'move partitions off the brokers first (KafkaRebalance remove-brokers), then scale in' });
  }
  const rest = changedPaths(base.spec, next.spec).filter(p => !/^kafka\.(version|metadataVersion|storage|replicas)/.test(p) && !(migrated && p === 'zookeeper'));
  if (rest.length) {
    out.push({ consequence: 'rolling-restart', detail: `${display(next)}: ${rest.map(p => `spec.${p}`).join(', ')} changed; the operator rolls the affected pods one at a time, keeping every partition in sync (dynamic broker configs apply without a restart)` });
  }
  return out;
}

const KRAFT_PHASES: { readonly [value: string]: string } = {
  migration: 'the operator creates the controllers and rolls the brokers twice while it copies the metadata from ZooKeeper; wait for status.kafkaMetadataState KRaftPostMigration',
  enabled: 'the operator rolls the brokers and controllers into KRaft and deletes the ZooKeeper ensemble: from here there is no way back to ZooKeeper; wait for KRaft',
  rollback: 'the operator rolls the brokers back to ZooKeeper (only from KRaftPostMigration); then remove the controller pool and its claims',
  disabled: 'the cluster stays on ZooKeeper',
};

/** The `strimzi.io/kraft` annotation drives Strimzi 0.45's ZooKeeper-to-KRaft migration. */
function kraftMigrationFindings(base: K8sObject, next: K8sObject): Finding[] {
  const was = base.metadata.annotations?.['strimzi.io/kraft'] ?? 'disabled';
  const now = next.metadata.annotations?.['strimzi.io/kraft'] ?? 'disabled';
  if (was === now || !next.spec?.zookeeper || !KRAFT_PHASES[now]) return [];
  return [{ consequence: now === 'disabled' ? 'applied' : 'rolling-restart', detail: `${display(next)}: strimzi.io/kraft ${was} → ${now}: ${KRAFT_PHASES[now]} (docs/upgrade.md)` }];
}

/** Consequences of a Strimzi `KafkaNodePool` change. */
export function strimziPoolFindings(base: K8sObject, next: K8sObject): Finding[] {
  const out: Finding[] = [];
  const ra = base.spec?.replicas ?? 0;
  const rb = next.spec?.replicas ?? 0;
  if (rb < ra) {
    out.push({ consequence: 'data-at-risk', detail: `${display(next)}: ${ra} → ${rb} nodes: the operator removes the highest node ids; brokers that still hold partitions block it, controllers change the quorum`,
      wayOut: 'move partitions away first (KafkaRebalance remove-brokers), then scale in' });
  } else if (rb > ra) {
    out.push({ consequence: 'applied', detail: `${display(next)}: ${ra} → ${rb} nodes: the operator adds nodes; existing ones keep running (move partitions onto them with KafkaRebalance add-brokers)` });
  }
  if (JSON.stringify(base.spec?.roles) !== JSON.stringify(next.spec?.roles)) {
    out.push({ consequence: 'data-at-risk', detail: `${display(next)}: roles ${JSON.stringify(base.spec?.roles)} → ${JSON.stringify(next.spec?.roles)}: nodes change between broker and controller roles`,
      wayOut: 'add a new pool with the new roles, move the data, then remove the old pool' });
  }
  out.push(...storageFindings(display(next), base.spec?.storage, next.spec?.storage));
  const rest = changedPaths(base.spec, next.spec).filter(p => !/^(replicas|roles|storage)/.test(p));
  if (rest.length) out.push({ consequence: 'rolling-restart', detail: `${display(next)}: ${rest.map(p => `spec.${p}`).join(', ')} changed; the operator rolls the pool's pods one at a time` });
  return out;
}

function storageFindings(what: string, a: any, b: any): Finding[] {
  if (!a || !b || JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a.type !== b.type) {
    return [{ consequence: 'data-at-risk', detail: `${what}: storage ${a.type} → ${b.type}: the operator cannot change the storage type of existing nodes`, wayOut: 'add a new pool with the new storage and move the data' }];
  }
  const sizes = (s: any) => (s.type === 'jbod' ? s.volumes ?? [] : [s]).map((v: any) => bytes(v.size));
  const sa = sizes(a);
  const sb = sizes(b);
  if (sb.some((v: number | undefined, i: number) => v !== undefined && sa[i] !== undefined && v < sa[i])) {
    return [{ consequence: 'rejected', detail: `${what}: a volume shrinks: the operator ignores it and reports a warning (volumes never shrink)`, wayOut: 'keep the size, or add a larger pool and move the data' }];
  }
  return [{ consequence: 'applied', detail: `${what}: storage changes (${changedPaths(a, b).join(', ')}); volumes grow where their StorageClass allows expansion` }];
}

/** Consequences of a Strimzi `KafkaTopic` change (the Topic Operator applies it to Kafka). */
export function strimziTopicFindings(base: K8sObject, next: K8sObject): Finding[] {
  const out: Finding[] = [];
  const pa = base.spec?.partitions;
  const pb = next.spec?.partitions;
  if (pa !== undefined && pb !== undefined && pb < pa) {
    out.push({ consequence: 'rejected', detail: `${display(next)}: partitions ${pa} → ${pb}: Kafka cannot remove partitions (the Topic Operator reports it in the status)`, wayOut: 'keep the partition count, or create a new topic' });
  }
  if (base.spec?.topicName !== next.spec?.topicName && base.spec?.topicName !== undefined) {
    out.push({ consequence: 'data-at-risk', detail: `${display(next)}: spec.topicName changes: the Topic Operator refuses to rename a topic`, wayOut: 'keep topicName' });
  }
  const rest = changedPaths(base.spec, next.spec).filter(p => !(p === 'partitions' && pb < pa) && p !== 'topicName');
  if (rest.length) out.push({ consequence: 'applied', detail: `${display(next)}: ${rest.map(p => `spec.${p}`).join(', ')}: the Topic Operator alters the topic in place (replicas changes need Cruise Control)` });
  return out;
}
