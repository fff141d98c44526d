// Files of the Kafka test image, written for this project from the documented contract of
// Kafka's bin/*.sh launchers (env variables, main classes, defaults). See e2e/images/README.md.

/** One launcher: the main class it starts and whether it sets a 512M default heap (console and verifiable clients do). */
interface Tool { readonly main: string; readonly heap512?: boolean }

/** Tools of the 4.x line (classes checked against the 4.3.1 jars by the image build). */
const TOOLS_4: { readonly [script: string]: Tool } = {
  'kafka-storage': { main: 'kafka.tools.StorageTool' },
  'kafka-topics': { main: 'org.apache.kafka.tools.TopicCommand' },
  'kafka-configs': { main: 'kafka.admin.ConfigCommand' },
  'kafka-console-producer': { main: 'org.apache.kafka.tools.ConsoleProducer', heap512: true },
  'kafka-console-consumer': { main: 'org.apache.kafka.tools.consumer.ConsoleConsumer', heap512: true },
  'kafka-broker-api-versions': { main: 'org.apache.kafka.tools.BrokerApiVersionsCommand' },
  'kafka-metadata-quorum': { main: 'org.apache.kafka.tools.MetadataQuorumCommand' },
  'kafka-verifiable-producer': { main: 'org.apache.kafka.tools.VerifiableProducer', heap512: true },
  'kafka-verifiable-consumer': { main: 'org.apache.kafka.tools.VerifiableConsumer', heap512: true },
  'kafka-consumer-groups': { main: 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand' },
  'kafka-get-offsets': { main: 'org.apache.kafka.tools.GetOffsetShell' },
  'kafka-features': { main: 'org.apache.kafka.tools.FeatureCommand' },
  'kafka-acls': { main: 'org.apache.kafka.tools.AclCommand' },
  'kafka-reassign-partitions': { main: 'org.apache.kafka.tools.reassign.ReassignPartitionsCommand' },
  'kafka-leader-election': { main: 'org.apache.kafka.tools.LeaderElectionCommand' },
  'kafka-dump-log': { main: 'org.apache.kafka.tools.DumpLogSegments' },
  'kafka-cluster': { main: 'org.apache.kafka.tools.ClusterTool' },
};

/** Tools of 4.0–4.2: DumpLogSegments moved from the Scala core to the tools module in 4.3 (checked against the 4.2.0 jars). */
const TOOLS_4_0: { readonly [script: string]: Tool } = {
  ...TOOLS_4,
  'kafka-dump-log': { main: 'kafka.tools.DumpLogSegments' },
};

/** Tools of the 3.9 line: some still live in the Scala core (checked against the 3.9.1 jars). */
const TOOLS_3: { readonly [script: string]: Tool } = {
  ...TOOLS_4,
  'kafka-console-producer': { main: 'kafka.tools.ConsoleProducer', heap512: true },
  'kafka-broker-api-versions': { main: 'kafka.admin.BrokerApiVersionsCommand' },
  'kafka-acls': { main: 'kafka.admin.AclCommand' },
  'kafka-dump-log': { main: 'kafka.tools.DumpLogSegments' },
};

/** Whether a Kafka version logs with log4j2 (4.x) or log4j 1 / reload4j (3.x). */
export function usesLog4j2(version: string): boolean {
  return Number(version.split('.')[0]) >= 4;
}

/** Launcher tools of a version: script name → main class (the build checks every class exists). */
export function kafkaTools(version: string): { readonly [script: string]: Tool } {
  if (!usesLog4j2(version)) return TOOLS_3;
  const [major, minor] = version.split('.').map(Number);
  return major === 4 && minor < 3 ? TOOLS_4_0 : TOOLS_4;
}

const RUN_CLASS = (log4j2: boolean) => `#!/bin/bash
# cdk8s-kafka e2e test image: starts a Kafka main class with the environment contract of
# Kafka's kafka-run-class.sh (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_GC_LOG_OPTS,
# KAFKA_JMX_OPTS, JMX_PORT, KAFKA_LOG4J_OPTS, LOG_DIR, KAFKA_OPTS, JAVA_HOME, CLASSPATH and the
# -name/-loggc/-daemon flags). Written for the test image; not the upstream script.
if [ $# -lt 1 ]; then
  echo "USAGE: $0 [-daemon] [-name servicename] [-loggc] classname [opts]"
  exit 1
fi
base_dir=$(dirname "$0")/..
CLASSPATH="\${CLASSPATH:+$CLASSPATH:}$base_dir/libs/*"

if [ -z "$KAFKA_JMX_OPTS" ]; then
  KAFKA_JMX_OPTS="-Dcom.sun.management.jmxremote=true -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false"
fi
if [ -n "$JMX_PORT" ]; then
  KAFKA_JMX_OPTS="$KAFKA_JMX_OPTS -Dcom.sun.management.jmxremote.port=$JMX_PORT"
  case "$KAFKA_JMX_OPTS" in
    *-Dcom.sun.management.jmxremote.rmi.port=*) ;;
    *) KAFKA_JMX_OPTS="$KAFKA_JMX_OPTS -Dcom.sun.management.jmxremote.rmi.port=$JMX_PORT" ;;
  esac
fi
[ -n "$LOG_DIR" ] || LOG_DIR="$base_dir/logs"
if [ -z "$KAFKA_LOG4J_OPTS" ]; then
  # A tool: log to the console with the tools' configuration.
  KAFKA_LOG4J_OPTS="${log4j2 ? '-Dlog4j2.configurationFile=$base_dir/config/tools-log4j2.yaml' : '-Dlog4j.configuration=file:$base_dir/config/tools-log4j.properties'}"
else
  mkdir -p "$LOG_DIR"
fi
KAFKA_LOG4J_CMD_OPTS="-Dkafka.logs.dir=$LOG_DIR $KAFKA_LOG4J_OPTS"
if [ -n "$KAFKA_DEBUG" ]; then
  KAFKA_OPTS="\${JAVA_DEBUG_OPTS:--agentlib:jdwp=transport=dt_socket,server=y,suspend=\${DEBUG_SUSPEND_FLAG:-n},address=\${JAVA_DEBUG_PORT:-5005}} $KAFKA_OPTS"
fi
if [ -n "$JAVA_HOME" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
[ -n "$KAFKA_HEAP_OPTS" ] || KAFKA_HEAP_OPTS="-Xmx256M"
[ -n "$KAFKA_JVM_PERFORMANCE_OPTS" ] || KAFKA_JVM_PERFORMANCE_OPTS="-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true"

DAEMON_MODE=false
GC_LOG_ENABLED=false
while [ $# -gt 0 ]; do
  case "$1" in
    -name) DAEMON_NAME=$2; CONSOLE_OUTPUT_FILE=$LOG_DIR/$DAEMON_NAME.out; shift 2 ;;
    -loggc) [ -n "$KAFKA_GC_LOG_OPTS" ] || GC_LOG_ENABLED=true; shift ;;
    -daemon) DAEMON_MODE=true; shift ;;
    *) break ;;
  esac
done
if [ "$GC_LOG_ENABLED" = true ]; then
  KAFKA_GC_LOG_OPTS="-Xlog:gc*:file=$LOG_DIR/$DAEMON_NAME-gc.log:time,tags:filecount=10,filesize=100M"
fi

# Word splitting of the option variables is intended (as upstream).
if [ "$DAEMON_MODE" = true ]; then
  nohup "$JAVA" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_GC_LOG_OPTS $KAFKA_JMX_OPTS $KAFKA_LOG4J_CMD_OPTS -cp "$CLASSPATH" $KAFKA_OPTS "$@" > "$CONSOLE_OUTPUT_FILE" 2>&1 < /dev/null &
else
  exec "$JAVA" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $KAFKA_GC_LOG_OPTS $KAFKA_JMX_OPTS $KAFKA_LOG4J_CMD_OPTS -cp "$CLASSPATH" $KAFKA_OPTS "$@"
fi
`;

const SERVER_START = (log4j2: boolean) => `#!/bin/bash
# cdk8s-kafka e2e test image: kafka-server-start.sh contract (server.properties [--override k=v]*,
# default KAFKA_LOG4J_OPTS and a 1G heap, EXTRA_ARGS default '-name kafkaServer -loggc', -daemon).
if [ $# -lt 1 ]; then
  echo "USAGE: $0 [-daemon] server.properties [--override property=value]*"
  exit 1
fi
base_dir=$(dirname "$0")
if [ -z "$KAFKA_LOG4J_OPTS" ]; then
  export KAFKA_LOG4J_OPTS="${log4j2 ? '-Dlog4j2.configurationFile=$base_dir/../config/log4j2.yaml' : '-Dlog4j.configuration=file:$base_dir/../config/log4j.properties'}"
fi
if [ -z "$KAFKA_HEAP_OPTS" ]; then
  export KAFKA_HEAP_OPTS="-Xmx1G -Xms1G"
fi
EXTRA_ARGS=\${EXTRA_ARGS-'-name kafkaServer -loggc'}
if [ "$1" = -daemon ]; then
  EXTRA_ARGS="-daemon $EXTRA_ARGS"
  shift
fi
exec "$base_dir/kafka-run-class.sh" $EXTRA_ARGS kafka.Kafka "$@"
`;

const SERVER_STOP = `#!/bin/bash
# cdk8s-kafka e2e test image: stops the broker of this container (SIGTERM: controlled shutdown).
PIDS=$(ps ax | grep -i 'kafka\\.Kafka' | grep java | grep -v grep | awk '{print $1}')
if [ -z "$PIDS" ]; then
  echo "No kafka server to stop"
  exit 1
fi
kill -s TERM $PIDS
`;

const TOOL = (main: string, heap512: boolean) => `#!/bin/bash
# cdk8s-kafka e2e test image launcher.
${heap512 ? 'if [ -z "$KAFKA_HEAP_OPTS" ]; then\n  export KAFKA_HEAP_OPTS="-Xmx512M"\nfi\n' : ''}exec "$(dirname "$0")/kafka-run-class.sh" ${main} "$@"
`;

/**
 * The image's default CMD. The official one turns KAFKA_* variables into a server.properties;
 * no manifest of this project uses it (every pod sets its own command), so the test image
 * refuses loudly instead of emulating it: a manifest that relied on it fails the run.
 */
const DOCKER_RUN = `#!/bin/bash
echo "cdk8s-kafka e2e test image: /etc/kafka/docker/run (the official image's default CMD) is not emulated; set the container's command" >&2
exit 1
`;

const LOG4J2_SERVER = `# cdk8s-kafka e2e test image: broker default (console).
Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
`;

const LOG4J2_TOOLS = `# cdk8s-kafka e2e test image: tools log warnings to stderr.
Configuration:
  Appenders:
    Console:
      name: STDERR
      target: SYSTEM_ERR
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: WARN
      AppenderRef:
        - ref: STDERR
`;

const LOG4J_SERVER = `# cdk8s-kafka e2e test image: broker default (console).
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
`;

const LOG4J_TOOLS = `# cdk8s-kafka e2e test image: tools log warnings to stderr.
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.appender.stderr.Target=System.err
`;

/** A single-node KRaft default, as the distribution's config/server.properties (4.x) or config/kraft/server.properties (3.x). */
const KRAFT_DEFAULT = `# cdk8s-kafka e2e test image: single-node KRaft default.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
listeners=PLAINTEXT://:9092,CONTROLLER://:9093
inter.broker.listener.name=PLAINTEXT
advertised.listeners=PLAINTEXT://localhost:9092
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=/tmp/kraft-combined-logs
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
`;

/** ZooKeeper-mode default of the 3.x distribution's config/server.properties. */
const ZK_DEFAULT = `# cdk8s-kafka e2e test image: ZooKeeper-mode default.
broker.id=0
log.dirs=/tmp/kafka-logs
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
zookeeper.connect=localhost:2181
zookeeper.connection.timeout.ms=18000
`;

/** File path (absolute, in the image) → { content, mode }. */
export type ImageFiles = { [path: string]: { content: string; mode: number } };

/** Every file of the Kafka image that is not a jar: launchers, default configs, the docker/ scripts. */
export function kafkaImageFiles(version: string): ImageFiles {
  const log4j2 = usesLog4j2(version);
  const exe = (content: string) => ({ content, mode: 0o755 });
  const file = (content: string) => ({ content, mode: 0o644 });
  const files: ImageFiles = {
    '/opt/kafka/bin/kafka-run-class.sh': exe(RUN_CLASS(log4j2)),
    '/opt/kafka/bin/kafka-server-start.sh': exe(SERVER_START(log4j2)),
    '/opt/kafka/bin/kafka-server-stop.sh': exe(SERVER_STOP),
    '/etc/kafka/docker/run': exe(DOCKER_RUN),
  };
  for (const [script, tool] of Object.entries(kafkaTools(version))) {
    files[`/opt/kafka/bin/${script}.sh`] = exe(TOOL(tool.main, tool.heap512 ?? false));
  }
  if (log4j2) {
    Object.assign(files, {
      '/opt/kafka/config/server.properties': file(KRAFT_DEFAULT),
      '/opt/kafka/config/log4j2.yaml': file(LOG4J2_SERVER),
      '/opt/kafka/config/tools-log4j2.yaml': file(LOG4J2_TOOLS),
      '/etc/kafka/docker/server.properties': file(KRAFT_DEFAULT),
      '/etc/kafka/docker/log4j2.yaml': file(LOG4J2_SERVER),
      '/etc/kafka/docker/tools-log4j2.yaml': file(LOG4J2_TOOLS),
    });
  } else {
    Object.assign(files, {
      '/opt/kafka/config/server.properties': file(ZK_DEFAULT),
      '/opt/kafka/config/kraft/server.properties': file(KRAFT_DEFAULT),
      '/opt/kafka/config/log4j.properties': file(LOG4J_SERVER),
      '/opt/kafka/config/tools-log4j.properties': file(LOG4J_TOOLS),
      '/etc/kafka/docker/server.properties': file(KRAFT_DEFAULT),
      '/etc/kafka/docker/log4j.properties': file(LOG4J_SERVER),
      '/etc/kafka/docker/tools-log4j.properties': file(LOG4J_TOOLS),
    });
  }
  return files;
}

/** Maven artifacts whose runtime class path makes /opt/kafka/libs (groupId:artifactId:version). */
export function kafkaArtifacts(version: string): string[] {
  const core = [`org.apache.kafka:kafka_2.13:${version}`, `org.apache.kafka:kafka-tools:${version}`];
  // The distribution ships an slf4j binding that the Maven poms leave out: log4j2's for 4.x
  // (at the log4j-core version Kafka resolves), reload4j's for 3.x (kafka-tools' pom has it).
  return usesLog4j2(version) ? [...core, 'org.apache.logging.log4j:log4j-slf4j-impl:@log4j-core'] : core;
}
