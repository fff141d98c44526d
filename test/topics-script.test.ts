/**
 * KafkaTopicsJob's script, run by bash against fake kafka-topics/kafka-configs that keep a topic
 * state in files: a new topic is created, an existing one reconciled to the declaration
 * (partitions raised, dynamic configs set to exactly the declared ones), and what Kafka cannot
 * do (fewer partitions, another replication factor) fails the Job with a message.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { KafkaTopicOptions } from '../lib/kafka';
import { KafkaBrokers, KafkaTopicsJob } from '../lib/raw';
import { Sandbox } from './support/sandbox';
import { expectAllValid, findObjects } from './support/validate';

function scriptFor(topics: KafkaTopicOptions[]): string {
  const chart = new Chart(new App(), 'c', { namespace: 'kafka' });
  const cluster = new KafkaBrokers(chart, 'kafka', { clusterName: 'k' });
  new KafkaTopicsJob(chart, 'topics', { cluster, topics });
  const [job] = findObjects(expectAllValid(chart.toJson()), 'Job');
  return job.spec.template.spec.containers[0].command[2];
}

/**
 * Fake tools over a state folder `state/<topic>/{partitions,rf,configs}`: kafka-topics
 * --describe/--create/--alter, kafka-configs --describe/--alter (--add-config-file, --delete-config).
 */
function fakeKafka(box: Sandbox): void {
  box.tool('/opt/kafka/bin', 'kafka-broker-api-versions.sh', 'for i in 0 1 2; do echo "k-kafka-$i:9094 (id: $i rack: null) -> ("; done');
  box.tool('/opt/kafka/bin', 'kafka-topics.sh', String.raw`
S="$(dirname "$0")/../state"; t=; p=; r=; mode=; cfgs=()
while [ $# -gt 0 ]; do case "$1" in
  --topic) t=$2; shift ;; --partitions) p=$2; shift ;; --replication-factor) r=$2; shift ;; --config) cfgs+=("$2"); shift ;;
  --describe|--create|--alter) mode=$1 ;; esac; shift; done
case "$mode" in
  --describe) [ -d "$S/$t" ] || { echo "Topic '$t' does not exist" >&2; exit 1; }
    printf 'Topic: %s\tTopicId: x\tPartitionCount: %s\tReplicationFactor: %s\tConfigs: \n' "$t" "$(cat "$S/$t/partitions")" "$(cat "$S/$t/rf")" ;;
  --create) [ -d "$S/$t" ] && exit 0; mkdir -p "$S/$t"; echo "$p" > "$S/$t/partitions"; echo "$r" > "$S/$t/rf"; : > "$S/$t/configs"
    for c in "${'$'}{cfgs[@]}"; do echo "$c" >> "$S/$t/configs"; done ;;
  --alter) echo "$p" > "$S/$t/partitions" ;;
esac`);
  box.tool('/opt/kafka/bin', 'kafka-configs.sh', String.raw`
S="$(dirname "$0")/../state"; t=; mode=; file=; del=
while [ $# -gt 0 ]; do case "$1" in
  --entity-name) t=$2; shift ;; --add-config-file) file=$2; shift ;; --delete-config) del=$2; shift ;; --describe|--alter) mode=$1 ;; esac; shift; done
if [ "$mode" = --describe ]; then
  echo "Dynamic configs for topic $t are:"
  while IFS= read -r l; do [ -n "$l" ] && echo "  $l sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:$l}"; done < "$S/$t/configs"
  exit 0
fi
if [ -n "$file" ]; then while IFS= read -r l; do k=${'$'}{l%%=*}; grep -v "^$k=" "$S/$t/configs" > "$S/$t/c2" || true; mv "$S/$t/c2" "$S/$t/configs"; echo "$l" >> "$S/$t/configs"; done < "$file"; fi
if [ -n "$del" ]; then IFS=, read -ra ks <<< "$del"; for k in "${'$'}{ks[@]}"; do grep -v "^$k=" "$S/$t/configs" > "$S/$t/c2" || true; mv "$S/$t/c2" "$S/$t/configs"; done; fi`);
}

describe('KafkaTopicsJob script: create or reconcile each topic', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = new Sandbox({ '/opt/kafka/bin': 'bin', '/tmp': 'tmp' });
    fs.mkdirSync(box.file('state'));
    fakeKafka(box);
  });
  afterEach(() => box.dispose());
  const state = (topic: string, file: string) => fs.readFileSync(path.join(box.file('state'), topic, file), 'utf8').trim();
  const run = (topics: KafkaTopicOptions[]) => box.run(scriptFor(topics), {});

  test('a new topic is created with its partitions, factor and configs', () => {
    const r = run([{ topicName: 'orders', partitions: 6, config: { 'retention.ms': 86400000 } }]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect([state('orders', 'partitions'), state('orders', 'rf'), state('orders', 'configs')]).toEqual(['6', '3', 'retention.ms=86400000']);
  });

  test('an existing topic: partitions raised, declared configs set, undeclared dynamic configs removed', () => {
    expect(run([{ topicName: 'orders', partitions: 3, config: { 'retention.ms': 1000, 'cleanup.policy': 'delete' } }]).status).toBe(0);
    const r = run([{ topicName: 'orders', partitions: 12, config: { 'retention.ms': 2000 } }]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(state('orders', 'partitions')).toBe('12');
    expect(state('orders', 'configs')).toBe('retention.ms=2000');
    expect(r.stdout).toContain('topic orders: partitions 3 -> 12');
    expect(r.stdout).toContain('topic orders: removed configs cleanup.policy');
  });

  test('fewer partitions or another replication factor fail the Job with the reason; other topics are still reconciled', () => {
    expect(run([{ topicName: 'orders', partitions: 6 }, { topicName: 'audit', partitions: 1 }]).status).toBe(0);
    const r = run([{ topicName: 'orders', partitions: 3, replicas: 2 }, { topicName: 'audit', partitions: 2 }]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('topic orders has 6 partitions, the declaration 3: Kafka cannot remove partitions; declare 6 or more');
    expect(r.stderr).toContain('topic orders has replication factor 3, the declaration 2: a factor change needs a partition reassignment');
    expect(state('orders', 'partitions')).toBe('6');
    expect(state('audit', 'partitions')).toBe('2');
  });

  test('config values travel through an escaped properties file (a value with : and , reaches Kafka exactly)', () => {
    expect(run([{ topicName: 'orders' }]).status).toBe(0);
    const r = run([{ topicName: 'orders', config: { 'message.timestamp.type': 'LogAppendTime', 'follower.replication.throttled.replicas': '0:1,1:2' } }]);
    expect(r.status).toBe(0);
    expect(state('orders', 'configs').split('\n').sort()).toEqual(['follower.replication.throttled.replicas=0:1,1:2', 'message.timestamp.type=LogAppendTime']);
  });
});
