// The start scripts of raw Kafka pods: per-pod properties (node id, rack, advertised listeners)
// from the pod's ordinal, then storage format (KRaft), a voter-set guard, the catch-up readiness
// gate and the server. The node id comes from the layout's first id, so the script and the
// TypeScript model agree by construction.
import { ClusterModel, KafkaPorts, ListenerType, ResolvedListener } from '../kafka';
import { shQuote } from './pod-helpers';
import { DATA_MOUNT } from './server-properties';
import { nodeIdExpression, RawNodeGroup } from './raw-layout';

/** The ConfigMap's files (read-only) and the writable runtime copy the script completes. */
export const STATIC_CONFIG_DIR = '/etc/kafka/cdk8s';
export const RUNTIME_CONFIG_DIR = '/etc/kafka/runtime';

/** External settings of a raw listener (see `KafkaBrokersListener`). */
export interface RawListenerExternals {
  readonly nodePortBase?: number;
  readonly advertisedHosts?: readonly string[];
}

/** Marker the catch-up check writes once this broker hosts no under-replicated partition (readiness reads it). */
export const CAUGHT_UP_MARKER = '/tmp/kafka-caught-up';
/** The voter set a KRaft node was formatted with, kept beside its log dirs. */
export const VOTERS_RECORD = `${DATA_MOUNT}/cdk8s-quorum-voters`;

/** How a node group's script starts. */
export interface StartScriptOptions {
  /** Raw settings of each client listener, by name. */
  readonly externals: ReadonlyMap<string, RawListenerExternals>;
  /** With rack awareness: the file with `broker.rack=<zone>` the init container wrote. */
  readonly rackFile?: string;
}

/** Start script of one node group. */
export function startScript(model: ClusterModel, g: RawNodeGroup, o: StartScriptOptions): string[] {
  const { externals } = o;
  const kraft = model.mode === 'kraft';
  const broker = g.pool.roles.includes('broker');
  const idVar = nodeIdExpression(g) === '$ORDINAL' ? 'ORDINAL' : 'NODE_ID';
  const podDns = `$HOSTNAME.${g.headlessService}.${model.namespace}.svc.${model.clusterDomain}`;
  const advertised = broker ? [
    ...model.listeners.map(l => `${l.kafkaName}://${advertisedHost(l, externals.get(l.name), podDns)}:${advertisedPort(l, externals.get(l.name), idVar)}`),
    `REPLICATION://${podDns}:${KafkaPorts.REPLICATION}`,
  ].join(',') : undefined;
  const hostCases = broker ? model.listeners.filter(l => externals.get(l.name)?.advertisedHosts).map(l =>
    `case "$${idVar}" in\n${externals.get(l.name)!.advertisedHosts!.map((h, i) => `  ${i}) EXT_HOST_${l.name.toUpperCase()}=${shQuote(h)} ;;`).join('\n')}\n`
    + `  *) echo "no advertised host for broker $${idVar} on listener ${l.name}" >&2; exit 1 ;;\nesac`) : [];
  const head = ['set -eu', 'ORDINAL=${HOSTNAME##*-}', ...(idVar === 'NODE_ID' ? [`NODE_ID=${nodeIdExpression(g)}`] : []), ...hostCases];
  const gate = broker ? catchUpGate(idVar) : [];
  if (!kraft) {
    // The image's own start script formats KRaft storage and exits in ZooKeeper mode: start the broker directly.
    return [...head,
      ...(o.rackFile ? [`RACK=$(sed -n 's/^broker\\.rack=//p' ${o.rackFile})`] : []),
      ...gate,
      `exec /opt/kafka/bin/kafka-server-start.sh ${STATIC_CONFIG_DIR}/server.properties --override "broker.id=$${idVar}"`
      + `${o.rackFile ? ' --override "broker.rack=$RACK"' : ''} --override "advertised.listeners=${advertised}"`];
  }
  // Per-pod properties: node id, the advertised per-pod DNS names (controllers advertise nothing), the zone as rack.
  const keys: string[] = ['node.id=%s'];
  const args: string[] = [`"$${idVar}"`];
  if (advertised) { keys.push('advertised.listeners=%s'); args.push(`"${advertised}"`); }
  return [...head,
    `CONFIG=${RUNTIME_CONFIG_DIR}/server.properties`,
    `cp ${STATIC_CONFIG_DIR}/server.properties "$CONFIG"`,
    `printf '${keys.map(k => `${k}\\n`).join('')}' ${args.join(' ')} >> "$CONFIG"`,
    ...(o.rackFile ? [`cat ${o.rackFile} >> "$CONFIG"`] : []),
    ...votersGuard(),
    // Format the log dir once with the fixed cluster id (no-op when already formatted).
    '/opt/kafka/bin/kafka-storage.sh format --config "$CONFIG" --cluster-id "$CLUSTER_ID" --ignore-formatted',
    `[ -f ${VOTERS_RECORD} ] || printf '%s\\n' "$VOTERS" > ${VOTERS_RECORD}`,
    ...gate,
    'exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"',
  ];
}

/**
 * A static KRaft quorum cannot change its voters by configuration: a node whose voter set differs
 * from the one it was formatted with would split the quorum. The set is recorded at format time;
 * a node started with another set refuses to start (the pod crash-loops instead of the quorum
 * splitting) and says what to do.
 */
function votersGuard(): string[] {
  return [
    'VOTERS=$(sed -n \'s/^controller\\.quorum\\.voters=//p\' "$CONFIG")',
    `if [ -f ${VOTERS_RECORD} ] && [ "$(cat ${VOTERS_RECORD})" != "$VOTERS" ]; then`,
    `  echo "refusing to start: this node was formatted with the KRaft voters $(cat ${VOTERS_RECORD}), the configuration now has $VOTERS;" >&2`,
    '  echo "a static quorum cannot change its voters: restore the previous brokers/controllers, or migrate to a new cluster" >&2',
    '  exit 1',
    'fi',
  ];
}

/**
 * Readiness gate of a broker: a background check, started before the server, marks the broker
 * caught up once no partition lists it as a replica outside the ISR (kafka-topics
 * --under-replicated-partitions over the local replication listener), so that a rolling update
 * waits for each restarted broker to catch up. It runs until then only; the readiness probe
 * then checks the marker and the replication port.
 */
function catchUpGate(idVar: string): string[] {
  return [
    `rm -f ${CAUGHT_UP_MARKER}`,
    '(',
    '  while :; do',
    `    if KAFKA_HEAP_OPTS=-Xmx128m KAFKA_OPTS= /opt/kafka/bin/kafka-topics.sh --bootstrap-server localhost:${KafkaPorts.REPLICATION} --describe --under-replicated-partitions > /tmp/urp.txt 2>/dev/null; then`,
    `      lagging=$(grep 'Replicas:' /tmp/urp.txt | awk -v id="$${idVar}" '{ r = ""; s = ""; for (i = 1; i < NF; i++) { if ($i == "Replicas:") r = "," $(i + 1) ","; if ($i == "Isr:") s = "," $(i + 1) "," }`,
    `        if (index(r, "," id ",") && !index(s, "," id ",")) n++ } END { print n + 0 }')`,
    `      if [ "$lagging" = 0 ]; then touch ${CAUGHT_UP_MARKER}; echo "broker $${idVar} caught up: no under-replicated partition lists it outside the ISR"; exit 0; fi`,
    `      echo "broker $${idVar} is catching up: $lagging partition(s) list it outside the ISR"`,
    '    fi',
    '    sleep 5',
    '  done',
    ') &',
  ];
}

function advertisedHost(l: ResolvedListener, x: RawListenerExternals | undefined, podDns: string): string {
  if (l.type === ListenerType.INTERNAL) return podDns;
  if (x?.advertisedHosts) return `$EXT_HOST_${l.name.toUpperCase()}`;
  return '$HOST_IP';
}

function advertisedPort(l: ResolvedListener, x: RawListenerExternals | undefined, idVar: string): string {
  return l.type === ListenerType.NODE_PORT ? `$((${x!.nodePortBase} + ${idVar}))` : String(l.port);
}
