// The start scripts of raw Kafka pods: per-pod properties (node id, rack, advertised listeners)
// from the pod's ordinal, then storage format (KRaft) and the server. The node id comes from
// the layout's first id and stride, so the script and the TypeScript model agree by construction.
import { ClusterModel, KafkaPorts, ListenerType, ResolvedListener } from '../kafka';
import { shQuote } from './pod-helpers';
import { nodeIdExpression, RawNodeGroup } from './raw-layout';

/** The ConfigMap's files (read-only) and the writable runtime copy the script completes. */
export const STATIC_CONFIG_DIR = '/etc/kafka/cdk8s';
export const RUNTIME_CONFIG_DIR = '/etc/kafka/runtime';

/** External settings of a raw listener (see `KafkaBrokersListener`). */
export interface RawListenerExternals {
  readonly nodePortBase?: number;
  readonly advertisedHosts?: readonly string[];
}

/** Start script of one node group. `externals` holds the raw settings of each client listener, by name. */
export function startScript(model: ClusterModel, g: RawNodeGroup, externals: ReadonlyMap<string, RawListenerExternals>): string[] {
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
  if (!kraft) {
    // The image's own start script formats KRaft storage and exits in ZooKeeper mode: start the broker directly.
    return [...head,
      `exec /opt/kafka/bin/kafka-server-start.sh ${STATIC_CONFIG_DIR}/server.properties --override "broker.id=$${idVar}"`
      + `${g.zone ? ` --override ${shQuote(`broker.rack=${g.zone.name}`)}` : ''} --override "advertised.listeners=${advertised}"`];
  }
  // Per-pod properties: node id, the zone as rack, the advertised per-pod DNS names (controllers advertise nothing).
  const keys: string[] = ['node.id=%s'];
  const args: string[] = [`"$${idVar}"`];
  if (g.zone) { keys.push('broker.rack=%s'); args.push(shQuote(g.zone.name)); }
  if (advertised) { keys.push('advertised.listeners=%s'); args.push(`"${advertised}"`); }
  return [...head,
    `CONFIG=${RUNTIME_CONFIG_DIR}/server.properties`,
    `cp ${STATIC_CONFIG_DIR}/server.properties "$CONFIG"`,
    `printf '${keys.map(k => `${k}\\n`).join('')}' ${args.join(' ')} >> "$CONFIG"`,
    // Format the log dir once with the fixed cluster id (no-op when already formatted).
    '/opt/kafka/bin/kafka-storage.sh format --config "$CONFIG" --cluster-id "$CLUSTER_ID" --ignore-formatted',
    'exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"',
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
