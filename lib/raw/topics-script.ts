// The script of KafkaTopicsJob: creates each declared topic, or reconciles an existing one to the
// declaration (partitions increased, dynamic configs set to exactly the declared ones), and fails
// with a message where Kafka cannot follow (fewer partitions, another replication factor).
import { KafkaConfigValue, toProperties } from '../kafka';
import { shQuote } from './pod-helpers';

/** A declared topic, resolved. */
export interface ScriptTopic {
  readonly topicName: string;
  readonly partitions: number;
  readonly replicas: number;
  readonly config: { readonly [key: string]: KafkaConfigValue };
}

const TOPICS = '/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$B"';
const CONFIGS = '/opt/kafka/bin/kafka-configs.sh --bootstrap-server "$B" --entity-type topics';

/** The reconcile function every topic line calls: `reconcile <topic> <partitions> <replicas> <config file> <declared keys…>`. */
const RECONCILE = [
  'reconcile() {',
  '  t=$1; p=$2; r=$3; cfg=$4; shift 4',
  `  if ! desc=$(${TOPICS} --describe --topic "$t" 2>/dev/null) || [ -z "$desc" ]; then`,
  '    return 1',
  '  fi',
  "  have=$(printf '%s\\n' \"$desc\" | sed -n 's/.*PartitionCount: *\\([0-9][0-9]*\\).*/\\1/p' | head -n 1)",
  "  rf=$(printf '%s\\n' \"$desc\" | sed -n 's/.*ReplicationFactor: *\\([0-9][0-9]*\\).*/\\1/p' | head -n 1)",
  '  if [ "$p" -lt "$have" ]; then',
  '    echo "topic $t has $have partitions, the declaration $p: Kafka cannot remove partitions; declare $have or more" >&2; failed=1',
  '  elif [ "$p" -gt "$have" ]; then',
  `    ${TOPICS} --alter --topic "$t" --partitions "$p"`,
  '    echo "topic $t: partitions $have -> $p"',
  '  fi',
  '  if [ "$rf" != "$r" ]; then',
  '    echo "topic $t has replication factor $rf, the declaration $r: a factor change needs a partition reassignment (kafka-reassign-partitions), which this Job does not do" >&2; failed=1',
  '  fi',
  '  if [ -s "$cfg" ]; then',
  `    ${CONFIGS} --entity-name "$t" --alter --add-config-file "$cfg"`,
  '  fi',
  // Dynamic topic configs not declared (any more) are deleted: the declaration is the topic's config.
  `  extra=$(${CONFIGS} --entity-name "$t" --describe | sed -n 's/^  \\([^= ]*\\)=.*/\\1/p' | while read -r k; do`,
  '    keep=; for d in "$@"; do [ "$d" = "$k" ] && keep=1; done; [ -n "$keep" ] || printf \'%s,\' "$k"; done)',
  '  if [ -n "$extra" ]; then',
  `    ${CONFIGS} --entity-name "$t" --alter --delete-config "\${extra%,}"`,
  '    echo "topic $t: removed configs ${extra%,}"',
  '  fi',
  '  return 0',
  '}',
];

/** The whole script: wait for the brokers, then create or reconcile each topic; exit 1 when one cannot follow its declaration. */
export function topicsScript(bootstrap: string, brokers: number, waitSeconds: number, topics: readonly ScriptTopic[]): string[] {
  return [
    'set -eu',
    `B=${shQuote(bootstrap)}`,
    `want=${brokers}`,
    `deadline=$(( $(date +%s) + ${waitSeconds} ))`,
    // Wait until every broker is registered, so that the replication factor can be met.
    'until [ "$(/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server "$B" 2>/dev/null | grep -c "(id: ")" -ge "$want" ]; do',
    '  if [ "$(date +%s)" -ge "$deadline" ]; then echo "fewer than $want brokers answer at $B" >&2; exit 1; fi',
    '  echo "waiting for $want brokers at $B"; sleep 5',
    'done',
    'failed=0',
    ...RECONCILE,
    ...topics.flatMap((t, i) => {
      const cfg = `/tmp/topic-${i}.properties`;
      const keys = Object.keys(t.config);
      const call = `reconcile ${shQuote(t.topicName)} ${t.partitions} ${t.replicas} ${cfg}${keys.map(k => ` ${shQuote(k)}`).join('')}`;
      return [
        // A quoted heredoc: the escaped properties reach the file as they are.
        `cat > ${cfg} <<'CDK8S_KAFKA_TOPIC_CONFIG'`,
        ...(keys.length ? toProperties(t.config).trimEnd().split('\n') : []),
        'CDK8S_KAFKA_TOPIC_CONFIG',
        `if ! ${call}; then`,
        `  ${TOPICS} --create --if-not-exists --topic ${shQuote(t.topicName)} --partitions ${t.partitions} --replication-factor ${t.replicas}`
          + keys.map(k => ` --config ${shQuote(`${k}=${String(t.config[k])}`)}`).join(''),
        // Created (or created meanwhile by someone else): reconcile once more, so a topic that existed is never left as it was.
        `  ${call} || { echo ${shQuote(`cannot describe topic ${t.topicName} after creating it`)} >&2; failed=1; }`,
        'fi',
      ];
    }),
    'exit "$failed"',
  ];
}
