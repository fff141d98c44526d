// Files of the ZooKeeper test image, written for this project from the documented contract of
// the official image's docker-entrypoint.sh and ZooKeeper's zkServer.sh / zkEnv.sh. See README.md.
import type { ImageFiles } from './kafka-files';

/** Where the official image unpacks the distribution (its WORKDIR), e.g. /apache-zookeeper-3.9.3-bin. */
export function zookeeperHome(version: string): string {
  return `/apache-zookeeper-${version}-bin`;
}

/** ENV of the official image (Dockerfile), in order. */
export function zookeeperEnv(version: string): [string, string][] {
  return [
    ['ZOO_CONF_DIR', '/conf'],
    ['ZOO_DATA_DIR', '/data'],
    ['ZOO_DATA_LOG_DIR', '/datalog'],
    ['ZOO_LOG_DIR', '/logs'],
    ['ZOO_TICK_TIME', '2000'],
    ['ZOO_INIT_LIMIT', '5'],
    ['ZOO_SYNC_LIMIT', '2'],
    ['ZOO_AUTOPURGE_PURGEINTERVAL', '0'],
    ['ZOO_AUTOPURGE_SNAPRETAINCOUNT', '3'],
    ['ZOO_MAX_CLIENT_CNXNS', '60'],
    ['ZOO_STANDALONE_ENABLED', 'true'],
    ['ZOO_ADMINSERVER_ENABLED', 'true'],
    ['PATH', `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${zookeeperHome(version)}/bin`],
    ['ZOOCFGDIR', '/conf'],
  ];
}

const ENTRYPOINT = `#!/bin/bash
# cdk8s-kafka e2e test image: the official zookeeper image's entrypoint contract. As root it hands
# the data dirs to the zookeeper user and drops to it (setpriv instead of gosu); it writes
# $ZOO_CONF_DIR/zoo.cfg from the ZOO_* variables unless the file exists, and $ZOO_DATA_DIR/myid
# from ZOO_MY_ID unless it exists; then it runs its arguments.
set -e
if [ "$1" = zkServer.sh ] && [ "$(id -u)" = 0 ]; then
  chown -R zookeeper "$ZOO_DATA_DIR" "$ZOO_DATA_LOG_DIR" "$ZOO_LOG_DIR"
  exec setpriv --reuid=zookeeper --regid=zookeeper --init-groups "$0" "$@"
fi
if [ ! -f "$ZOO_CONF_DIR/zoo.cfg" ]; then
  {
    printf 'dataDir=%s\\ndataLogDir=%s\\n' "$ZOO_DATA_DIR" "$ZOO_DATA_LOG_DIR"
    printf 'tickTime=%s\\ninitLimit=%s\\nsyncLimit=%s\\n' "$ZOO_TICK_TIME" "$ZOO_INIT_LIMIT" "$ZOO_SYNC_LIMIT"
    printf 'autopurge.snapRetainCount=%s\\nautopurge.purgeInterval=%s\\n' "$ZOO_AUTOPURGE_SNAPRETAINCOUNT" "$ZOO_AUTOPURGE_PURGEINTERVAL"
    printf 'maxClientCnxns=%s\\nstandaloneEnabled=%s\\nadmin.enableServer=%s\\n' "$ZOO_MAX_CLIENT_CNXNS" "$ZOO_STANDALONE_ENABLED" "$ZOO_ADMINSERVER_ENABLED"
    # Space-separated lists, split by the shell as upstream does.
    for s in \${ZOO_SERVERS:-server.1=localhost:2888:3888;2181}; do echo "$s"; done
    if [ -n "$ZOO_4LW_COMMANDS_WHITELIST" ]; then echo "4lw.commands.whitelist=$ZOO_4LW_COMMANDS_WHITELIST"; fi
    for e in $ZOO_CFG_EXTRA; do echo "$e"; done
  } >> "$ZOO_CONF_DIR/zoo.cfg"
fi
if [ ! -f "$ZOO_DATA_DIR/myid" ]; then
  echo "\${ZOO_MY_ID:-1}" > "$ZOO_DATA_DIR/myid"
fi
exec "$@"
`;

const ZK_ENV = `#!/bin/bash
# cdk8s-kafka e2e test image: the environment contract of ZooKeeper's zkEnv.sh (ZOOCFGDIR,
# ZOOCFG, java.env, ZOO_LOG_DIR, JAVA_HOME, ZK_SERVER_HEAP / ZK_CLIENT_HEAP in MB, SERVER_JVMFLAGS,
# CLIENT_JVMFLAGS, JVMFLAGS, CLASSPATH). Sourced by zkServer.sh.
ZOOKEEPER_PREFIX=$(cd "$ZOOBINDIR/.." && pwd)
if [ -z "$ZOOCFGDIR" ]; then
  if [ -e /etc/zookeeper ]; then ZOOCFGDIR=/etc/zookeeper; else ZOOCFGDIR="$ZOOKEEPER_PREFIX/conf"; fi
fi
if [ -f "$ZOOCFGDIR/zookeeper-env.sh" ]; then . "$ZOOCFGDIR/zookeeper-env.sh"; fi
ZOOCFG="$ZOOCFGDIR/\${ZOOCFG:-zoo.cfg}"
if [ -f "$ZOOCFGDIR/java.env" ]; then . "$ZOOCFGDIR/java.env"; fi
[ -n "$ZOO_LOG_DIR" ] || ZOO_LOG_DIR="$ZOOKEEPER_PREFIX/logs"
if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
CLASSPATH="$ZOOCFGDIR:$ZOOKEEPER_PREFIX/lib/*\${CLASSPATH:+:$CLASSPATH}"
ZK_SERVER_HEAP="\${ZK_SERVER_HEAP:-1000}"
export SERVER_JVMFLAGS="-Xmx\${ZK_SERVER_HEAP}m $SERVER_JVMFLAGS"
ZK_CLIENT_HEAP="\${ZK_CLIENT_HEAP:-256}"
export CLIENT_JVMFLAGS="-Xmx\${ZK_CLIENT_HEAP}m $CLIENT_JVMFLAGS"
`;

const ZK_SERVER = `#!/bin/bash
# cdk8s-kafka e2e test image: zkServer.sh [--config DIR] {start-foreground|print-cmd|version}
# with the options of ZooKeeper's script (JMX on by default unless JMXDISABLE; JMXPORT etc.).
ZOOBINDIR=$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)
if [ "$1" = --config ]; then ZOOCFGDIR=$2; shift 2; fi
. "$ZOOBINDIR/zkEnv.sh"
MAIN=org.apache.zookeeper.server.quorum.QuorumPeerMain
if [ -z "$JMXDISABLE" ] || [ "$JMXDISABLE" = false ]; then
  echo "ZooKeeper JMX enabled by default" >&2
  JMX="-Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.local.only=\${JMXLOCALONLY:-false}"
  if [ -n "$JMXPORT" ]; then
    JMX="$JMX -Dcom.sun.management.jmxremote.port=$JMXPORT -Dcom.sun.management.jmxremote.authenticate=\${JMXAUTH:-false} -Dcom.sun.management.jmxremote.ssl=\${JMXSSL:-false} -Dzookeeper.jmx.log4j.disable=\${JMXLOG4J:-true}"
    [ -z "$JMXHOSTNAME" ] || JMX="$JMX -Djava.rmi.server.hostname=$JMXHOSTNAME"
  fi
else
  echo "JMX disabled by user request" >&2
  JMX=
fi
JVMFLAGS="$SERVER_JVMFLAGS $JVMFLAGS"
[ -z "$2" ] || ZOOCFG="$ZOOCFGDIR/$2"
echo "Using config: $ZOOCFG" >&2
mkdir -p "$ZOO_LOG_DIR" 2>/dev/null || true
ZOO_LOG_FILE=zookeeper-$USER-server-$HOSTNAME.log
case "$1" in
  start-foreground)
    exec "$JAVA" "-Dzookeeper.log.dir=$ZOO_LOG_DIR" "-Dzookeeper.log.file=$ZOO_LOG_FILE" \\
      -XX:+HeapDumpOnOutOfMemoryError -XX:OnOutOfMemoryError='kill -9 %p' \\
      -cp "$CLASSPATH" $JVMFLAGS $JMX $MAIN "$ZOOCFG"
    ;;
  print-cmd)
    echo "\\"$JAVA\\" -Dzookeeper.log.dir=\\"$ZOO_LOG_DIR\\" -Dzookeeper.log.file=\\"$ZOO_LOG_FILE\\" -cp \\"$CLASSPATH\\" $JVMFLAGS $JMX $MAIN \\"$ZOOCFG\\""
    ;;
  version)
    exec "$JAVA" -cp "$CLASSPATH" org.apache.zookeeper.version.VersionInfoMain
    ;;
  *)
    echo "Usage: $0 [--config <conf-dir>] {start-foreground|print-cmd|version} (the e2e test image runs ZooKeeper in the foreground only)" >&2
    exit 1
    ;;
esac
`;

const LOGBACK = `<!-- cdk8s-kafka e2e test image: console at INFO (zookeeper.console.threshold). -->
<configuration>
  <property name="zookeeper.console.threshold" value="INFO" />
  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{ISO8601} [myid:%X{myid}] - %-5p [%t:%C{1}@%L] - %m%n</pattern></encoder>
    <filter class="ch.qos.logback.classic.filter.ThresholdFilter"><level>\${zookeeper.console.threshold}</level></filter>
  </appender>
  <root level="INFO"><appender-ref ref="CONSOLE" /></root>
</configuration>
`;

const ZOO_SAMPLE = `# cdk8s-kafka e2e test image: sample configuration.
tickTime=2000
initLimit=10
syncLimit=5
dataDir=/tmp/zookeeper
clientPort=2181
`;

/** Every file of the ZooKeeper image that is not a jar. */
export function zookeeperImageFiles(version: string): ImageFiles {
  const home = zookeeperHome(version);
  return {
    '/docker-entrypoint.sh': { content: ENTRYPOINT, mode: 0o755 },
    [`${home}/bin/zkEnv.sh`]: { content: ZK_ENV, mode: 0o755 },
    [`${home}/bin/zkServer.sh`]: { content: ZK_SERVER, mode: 0o755 },
    '/conf/logback.xml': { content: LOGBACK, mode: 0o644 },
    '/conf/zoo_sample.cfg': { content: ZOO_SAMPLE, mode: 0o644 },
  };
}

/** Maven artifacts of the distribution's lib/ (the pom marks logback, Jetty, metrics… provided or optional). */
export function zookeeperArtifacts(version: string): string[] {
  return [
    `org.apache.zookeeper:zookeeper:${version}`,
    'ch.qos.logback:logback-classic:1.2.13',
    'commons-cli:commons-cli:1.5.0',
    'io.dropwizard.metrics:metrics-core:4.1.12.1',
    'org.xerial.snappy:snappy-java:1.1.10.5',
    'jline:jline:2.14.6',
    'org.eclipse.jetty:jetty-server:9.4.56.v20240826',
    'org.eclipse.jetty:jetty-servlet:9.4.56.v20240826',
    'com.fasterxml.jackson.core:jackson-databind:2.15.2',
  ];
}
