import { execFileSync } from 'child_process';
import { App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { KafkaBrokers, KafkaBrokersProps, KafkaLogLevel, ZookeeperEnsemble } from '../lib/raw';
import { restrictedViolations } from './support/pod-security';
import { expectAllValid, findObject } from './support/validate';

// Raw Kafka pods log to stdout only: a console log4j configuration rendered into the pod's
// ConfigMap and selected with KAFKA_LOG4J_OPTS, no GC log files (EXTRA_ARGS without -loggc), and
// a size limit on the /opt/kafka/logs emptyDir as a backstop.

function newChart(): Chart {
  return new Chart(new App({ outdir: '/tmp/cdk8s-kafka-raw-logging' }), 'c', { namespace: 'kafka' });
}

function synth(props: KafkaBrokersProps = {}, withZk = false): { cluster: KafkaBrokers; objects: any[] } {
  const chart = newChart();
  const zookeeper = withZk ? new ZookeeperEnsemble(chart, 'zk', { name: 'zk' }) : undefined;
  const cluster = new KafkaBrokers(chart, 'kafka', { clusterName: 'k', zookeeper, ...props });
  const objects = expectAllValid(chart.toJson());
  expect(objects.flatMap(restrictedViolations)).toEqual([]);
  return { cluster, objects };
}

const container = (sts: any) => sts.spec.template.spec.containers[0];
const envOf = (sts: any): Record<string, string> => Object.fromEntries(container(sts).env.map((e: any) => [e.name, e.value]));
const volume = (sts: any, name: string) => sts.spec.template.spec.volumes.find((v: any) => v.name === name);
const mountPath = (sts: any, name: string) => container(sts).volumeMounts.find((m: any) => m.name === name)?.mountPath;

/** Loggers of a rendered log4j2 YAML configuration, with the root as 'root'. */
function log4j2Levels(text: string): Record<string, string> {
  const cfg = YAML.parse(text).Configuration;
  return {
    root: cfg.Loggers.Root.level,
    ...Object.fromEntries((cfg.Loggers.Logger ?? []).map((l: any) => [l.name, l.level])),
  };
}

/** Key/value pairs of a rendered log4j 1 properties file. */
function properties(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').filter(l => l && !l.startsWith('#')).map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

const DEFAULT_LEVELS = {
  'root': 'INFO',
  'kafka.request.logger': 'WARN',
  'kafka.network.RequestChannel$': 'WARN',
  'kafka.controller': 'INFO',
  'org.apache.kafka.controller': 'INFO',
  'state.change.logger': 'INFO',
  'kafka.authorizer.logger': 'INFO',
};

describe('KRaft (Kafka 4.x): log4j2 YAML, console only', () => {
  const { objects } = synth({ controllers: { replicas: 3 } });
  const brokerSts = findObject(objects, 'StatefulSet', 'k-kafka');
  const ctrlSts = findObject(objects, 'StatefulSet', 'k-controller');

  test.each([['brokers', 'k-kafka'], ['controllers', 'k-controller']])('%s: KAFKA_LOG4J_OPTS selects the ConfigMap\'s log4j2.yaml; no -loggc, no GC log', (_, name) => {
    const sts = findObject(objects, 'StatefulSet', name);
    const env = envOf(sts);
    expect(env.KAFKA_LOG4J_OPTS).toBe('-Dlog4j2.configurationFile=/etc/kafka/cdk8s/log4j2.yaml');
    expect(env.EXTRA_ARGS).toBe('-name kafkaServer');
    expect(env.LOG_DIR).toBe('/opt/kafka/logs');
    expect(env).not.toHaveProperty('KAFKA_GC_LOG_OPTS');
    expect(env).not.toHaveProperty('GC_LOG_ENABLED');
    // The file the option names is in the ConfigMap mounted at that directory.
    expect(mountPath(sts, 'static-config')).toBe('/etc/kafka/cdk8s');
    const cm = findObject(objects, 'ConfigMap', volume(sts, 'static-config').configMap.name);
    expect(Object.keys(cm.data).sort()).toEqual(['log4j2.yaml', 'server.properties']);
  });

  test('the configuration has one Console appender on stdout and the default levels', () => {
    const text = findObject(objects, 'ConfigMap', 'k-kafka-config').data['log4j2.yaml'];
    const cfg = YAML.parse(text).Configuration;
    expect(cfg.Appenders).toEqual({ Console: { name: 'STDOUT', target: 'SYSTEM_OUT', PatternLayout: { pattern: '[%d] %p %m (%c)%n' } } });
    expect(cfg.Loggers.Root.AppenderRef).toEqual([{ ref: 'STDOUT' }]);
    // Named loggers inherit the root's appender (no AppenderRef, no additivity: false).
    for (const l of cfg.Loggers.Logger) expect(Object.keys(l).sort()).toEqual(['level', 'name']);
    expect(log4j2Levels(text)).toEqual(DEFAULT_LEVELS);
    expect(findObject(objects, 'ConfigMap', 'k-controller-config').data['log4j2.yaml']).toBe(text);
  });

  test('the logs emptyDir is bounded (backstop: nothing is written there)', () => {
    for (const sts of [brokerSts, ctrlSts]) {
      expect(mountPath(sts, 'logs')).toBe('/opt/kafka/logs');
      expect(volume(sts, 'logs')).toEqual({ name: 'logs', emptyDir: { sizeLimit: '1Gi' } });
    }
  });

  test('the start command leaves logging to the env (no -loggc, no log4j override in the script)', () => {
    for (const sts of [brokerSts, ctrlSts]) {
      const script = container(sts).command[2];
      expect(script).toContain('exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"');
      expect(script).not.toMatch(/loggc|log4j/);
    }
  });
});

describe('ZooKeeper mode (Kafka 3.9): log4j 1 properties, console only', () => {
  const { objects } = synth({}, true);
  const sts = findObject(objects, 'StatefulSet', 'k-kafka');

  test('KAFKA_LOG4J_OPTS selects the ConfigMap\'s log4j.properties; no -loggc', () => {
    const env = envOf(sts);
    expect(env.KAFKA_LOG4J_OPTS).toBe('-Dlog4j.configuration=file:/etc/kafka/cdk8s/log4j.properties');
    expect(env.EXTRA_ARGS).toBe('-name kafkaServer');
    expect(env).not.toHaveProperty('KAFKA_GC_LOG_OPTS');
    expect(Object.keys(findObject(objects, 'ConfigMap', 'k-kafka-config').data).sort()).toEqual(['log4j.properties', 'server.properties']);
    expect(volume(sts, 'logs')).toEqual({ name: 'logs', emptyDir: { sizeLimit: '1Gi' } });
  });

  test('only a ConsoleAppender, root INFO to it, the default levels', () => {
    const props = properties(findObject(objects, 'ConfigMap', 'k-kafka-config').data['log4j.properties']);
    expect(props['log4j.rootLogger']).toBe('INFO, stdout');
    expect(Object.keys(props).filter(k => /^log4j\.appender\.[^.]+$/.test(k))).toEqual(['log4j.appender.stdout']);
    expect(props['log4j.appender.stdout']).toBe('org.apache.log4j.ConsoleAppender');
    const levels = Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith('log4j.logger.')).map(([k, v]) => [k.slice('log4j.logger.'.length), v]));
    expect({ root: 'INFO', ...levels }).toEqual(DEFAULT_LEVELS);
    expect(Object.keys(props).some(k => k.startsWith('log4j.additivity.'))).toBe(false);
  });
});

describe('options', () => {
  test('logLevels merge over the defaults on brokers and controllers; root too', () => {
    const { objects } = synth({
      controllers: { replicas: 3 },
      logLevels: { 'root': KafkaLogLevel.WARN, 'kafka.request.logger': KafkaLogLevel.DEBUG, 'org.apache.kafka.raft': KafkaLogLevel.TRACE },
    });
    const expected = { ...DEFAULT_LEVELS, 'root': 'WARN', 'kafka.request.logger': 'DEBUG', 'org.apache.kafka.raft': 'TRACE' };
    expect(log4j2Levels(findObject(objects, 'ConfigMap', 'k-kafka-config').data['log4j2.yaml'])).toEqual(expected);
    expect(log4j2Levels(findObject(objects, 'ConfigMap', 'k-controller-config').data['log4j2.yaml'])).toEqual(expected);
  });

  test('logLevels in ZooKeeper mode, a logger name with $', () => {
    const { objects } = synth({ logLevels: { 'kafka.network.RequestChannel$': KafkaLogLevel.TRACE, 'org.apache.zookeeper': KafkaLogLevel.WARN } }, true);
    const props = properties(findObject(objects, 'ConfigMap', 'k-kafka-config').data['log4j.properties']);
    expect(props['log4j.logger.kafka.network.RequestChannel$']).toBe('TRACE');
    expect(props['log4j.logger.org.apache.zookeeper']).toBe('WARN');
  });

  test('gcLogging: one GC line per collection on stdout, for brokers and controllers', () => {
    const { objects } = synth({ gcLogging: true, controllers: { replicas: 3 } });
    for (const name of ['k-kafka', 'k-controller']) {
      const env = envOf(findObject(objects, 'StatefulSet', name));
      expect(env.KAFKA_GC_LOG_OPTS).toBe('-Xlog:gc:stdout:time,level,tags');
      expect(env.EXTRA_ARGS).toBe('-name kafkaServer');
    }
  });

  test('the format follows the Kafka version: a 3.x image in KRaft mode gets log4j properties, an explicit 4.x version log4j2', () => {
    const { objects: o3 } = synth({ image: 'apache/kafka:3.9.1' });
    expect(envOf(findObject(o3, 'StatefulSet', 'k-kafka')).KAFKA_LOG4J_OPTS).toBe('-Dlog4j.configuration=file:/etc/kafka/cdk8s/log4j.properties');
    const { objects: o4 } = synth({ image: 'registry.example.com/kafka:custom', kafkaVersion: '4.1.0' });
    expect(envOf(findObject(o4, 'StatefulSet', 'k-kafka')).KAFKA_LOG4J_OPTS).toBe('-Dlog4j2.configurationFile=/etc/kafka/cdk8s/log4j2.yaml');
  });
});

describe('the start scripts\' variables, as kafka-server-start.sh and kafka-run-class.sh read them', () => {
  // kafka-server-start.sh: EXTRA_ARGS=${EXTRA_ARGS-'-name kafkaServer -loggc'}; kafka-run-class.sh puts
  // $KAFKA_GC_LOG_OPTS unquoted on the java command line (word-split and globbed).
  const run = (env: Record<string, string>, script: string) =>
    execFileSync('/bin/bash', ['-c', script], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: '/tmp', encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  // The rendered pods' env, not values of the test: a change to what the constructs set shows here.
  const rendered = (props: KafkaBrokersProps) => envOf(findObject(synth(props).objects, 'StatefulSet', 'k-kafka'));

  test('the rendered EXTRA_ARGS drops -loggc (unset, the script would add it), with and without gcLogging', () => {
    const script = 'EXTRA_ARGS=${EXTRA_ARGS-\'-name kafkaServer -loggc\'}; echo "$EXTRA_ARGS"';
    for (const gcLogging of [false, true]) {
      expect(run({ EXTRA_ARGS: rendered({ gcLogging }).EXTRA_ARGS }, script)).toBe('-name kafkaServer\n');
    }
    expect(run({}, script)).toBe('-name kafkaServer -loggc\n');
  });

  test('the rendered GC option survives word splitting and globbing as one argument', () => {
    const opts = rendered({ gcLogging: true }).KAFKA_GC_LOG_OPTS;
    expect(run({ KAFKA_GC_LOG_OPTS: opts }, 'printf "<%s>" $KAFKA_GC_LOG_OPTS')).toBe('<-Xlog:gc:stdout:time,level,tags>');
  });
});

describe('ZookeeperEnsemble logs to the console (unchanged)', () => {
  test('the image\'s logback.xml is copied as is (root → CONSOLE in ZooKeeper 3.9); no log or GC options are set', () => {
    const chart = newChart();
    new ZookeeperEnsemble(chart, 'zk', { name: 'zk' });
    const sts = findObject(expectAllValid(chart.toJson()), 'StatefulSet', 'zk');
    expect(container(sts).command[2]).toContain('cp -R /conf/. "$ZOO_CONF_DIR"/');
    const env = envOf(sts);
    expect(Object.keys(env).filter(k => /LOG4J|JVMFLAGS|GC/.test(k))).toEqual([]);
  });
});

describe('bad input', () => {
  const build = (props: any) => () => new KafkaBrokers(newChart(), 'kafka', props);
  const CASES: [string, any, string][] = [
    ['a logger name with a space', { logLevels: { 'kafka request': KafkaLogLevel.DEBUG } },
      'c/kafka: invalid logLevels["kafka request"]: got "kafka request"; allowed: \'root\' or a Java logger name (dot-separated identifiers, e.g. kafka.request.logger). '
      + 'Fix: use the logger (class or package) name as Kafka logs it in parentheses, e.g. org.apache.kafka.raft'],
    ['a logger name ending in a dot', { logLevels: { 'kafka.': KafkaLogLevel.DEBUG } },
      'c/kafka: invalid logLevels["kafka."]: got "kafka."; allowed: \'root\' or a Java logger name (dot-separated identifiers, e.g. kafka.request.logger). '
      + 'Fix: use the logger (class or package) name as Kafka logs it in parentheses, e.g. org.apache.kafka.raft'],
    ['a level in lower case', { logLevels: { 'kafka.request.logger': 'debug' } },
      'c/kafka: invalid logLevels["kafka.request.logger"]: got "debug"; allowed: TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF. Fix: write it in upper case: KafkaLogLevel.DEBUG'],
    ['an unknown level', { logLevels: { root: 'VERBOSE' } },
      'c/kafka: invalid logLevels["root"]: got "VERBOSE"; allowed: TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF. Fix: use a KafkaLogLevel, e.g. KafkaLogLevel.DEBUG'],
    ['logLevels as a list', { logLevels: ['kafka=DEBUG'] },
      'c/kafka: invalid logLevels: got ["kafka=DEBUG"]; allowed: an object of logger name → KafkaLogLevel. Fix: write e.g. { \'kafka.request.logger\': KafkaLogLevel.DEBUG }'],
    ['gcLogging not a boolean', { gcLogging: 'yes' },
      'c/kafka: invalid gcLogging: got "yes"; allowed: true or false. Fix: set gcLogging: true for one GC line per collection on stdout, or omit it'],
  ];
  test.each(CASES)('%s', (_description, props, message) => {
    expect(build(props)).toThrow(message);
    try { build(props)(); } catch (e: any) { expect(e.message).toBe(message); }
  });
});
