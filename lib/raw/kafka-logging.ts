// Logging of raw Kafka pods: a console-only log4j configuration (no log files) and GC logging
// on stdout or off, instead of the distribution's file appenders that grow without bound.
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import { fail, propertiesLine } from '../kafka';

/** Levels of Kafka's log4j loggers. */
export enum KafkaLogLevel {
  TRACE = 'TRACE',
  DEBUG = 'DEBUG',
  INFO = 'INFO',
  WARN = 'WARN',
  ERROR = 'ERROR',
  FATAL = 'FATAL',
  OFF = 'OFF',
}

/** Key of {@link KafkaBrokersProps.logLevels} that sets the root logger. */
export const ROOT_LOGGER = 'root';

/**
 * Default levels of the console configuration. The distribution sends the request, controller,
 * state-change and authorizer loggers to their own files (kafka.controller at TRACE in 3.x); on
 * stdout they share one stream, so everything but the per-request loggers stays at INFO.
 */
export const DEFAULT_LOG_LEVELS: { readonly [logger: string]: KafkaLogLevel } = {
  [ROOT_LOGGER]: KafkaLogLevel.INFO,
  'kafka.request.logger': KafkaLogLevel.WARN,
  'kafka.network.RequestChannel$': KafkaLogLevel.WARN,
  'kafka.controller': KafkaLogLevel.INFO,
  'org.apache.kafka.controller': KafkaLogLevel.INFO,
  'state.change.logger': KafkaLogLevel.INFO,
  'kafka.authorizer.logger': KafkaLogLevel.INFO,
};

/** GC log decorations: one line per collection (`gc` tag at info), no wildcard (the start script word-splits and globs the value). */
export const GC_LOG_OPTS = '-Xlog:gc:stdout:time,level,tags';

/** Same pattern as Kafka's own configuration. */
const LOG_PATTERN = '[%d] %p %m (%c)%n';
/** A Java logger name: dot-separated identifiers (`$` allowed, as in `kafka.network.RequestChannel$`). */
const LOGGER_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/;

/** What the broker and controller pods get: one config file for the ConfigMap and the env vars that select it. */
export interface ResolvedKafkaLogging {
  /** Key in the pod's ConfigMap (mounted at the static config directory). */
  readonly fileName: string;
  readonly content: string;
  /** KAFKA_LOG4J_OPTS, EXTRA_ARGS (no `-loggc`) and, with GC logging, KAFKA_GC_LOG_OPTS. */
  readonly env: k8s.EnvVar[];
}

/**
 * Validates the user's logger levels and renders the console configuration in the format of the
 * Kafka version: log4j2 YAML for Kafka 4 and later (or an unknown version), log4j 1 properties
 * for Kafka 3.x (reload4j).
 */
export function resolveKafkaLogging(scope: Construct, opts: {
  logLevels?: { readonly [logger: string]: KafkaLogLevel };
  gcLogging?: boolean;
  kafkaVersion: string;
  configDir: string;
}): ResolvedKafkaLogging {
  const levels = { ...DEFAULT_LOG_LEVELS, ...validateLogLevels(scope, opts.logLevels) };
  if (opts.gcLogging !== undefined && typeof opts.gcLogging !== 'boolean') {
    fail(scope, 'gcLogging', opts.gcLogging, 'true or false', 'set gcLogging: true for one GC line per collection on stdout, or omit it');
  }
  const major = /^(\d+)\./.exec(opts.kafkaVersion);
  const log4j2 = !major || Number(major[1]) >= 4;
  const fileName = log4j2 ? 'log4j2.yaml' : 'log4j.properties';
  const path = `${opts.configDir}/${fileName}`;
  return {
    fileName,
    content: log4j2 ? log4j2Yaml(levels) : log4jProperties(levels),
    env: [
      // kafka-server-start.sh only picks the distribution's file-appender config when this is empty.
      { name: 'KAFKA_LOG4J_OPTS', value: log4j2 ? `-Dlog4j2.configurationFile=${path}` : `-Dlog4j.configuration=file:${path}` },
      // The start script's default is '-name kafkaServer -loggc'; -loggc writes 10 × 100M GC files to LOG_DIR.
      { name: 'EXTRA_ARGS', value: '-name kafkaServer' },
      ...(opts.gcLogging ? [{ name: 'KAFKA_GC_LOG_OPTS', value: GC_LOG_OPTS }] : []),
    ],
  };
}

function validateLogLevels(scope: Construct, given: { readonly [logger: string]: KafkaLogLevel } | undefined): { [logger: string]: KafkaLogLevel } {
  if (given === undefined) return {};
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    fail(scope, 'logLevels', given, 'an object of logger name → KafkaLogLevel', "write e.g. { 'kafka.request.logger': KafkaLogLevel.DEBUG }");
  }
  const allowed = Object.values(KafkaLogLevel) as string[];
  for (const [logger, level] of Object.entries(given)) {
    if (!LOGGER_NAME.test(logger)) {
      fail(scope, `logLevels["${logger}"]`, logger, `'${ROOT_LOGGER}' or a Java logger name (dot-separated identifiers, e.g. kafka.request.logger)`,
        'use the logger (class or package) name as Kafka logs it in parentheses, e.g. org.apache.kafka.raft');
    }
    if (!allowed.includes(level)) {
      const upper = typeof level === 'string' ? level.toUpperCase() : '';
      fail(scope, `logLevels["${logger}"]`, level, allowed.join(', '),
        allowed.includes(upper) ? `write it in upper case: KafkaLogLevel.${upper}` : 'use a KafkaLogLevel, e.g. KafkaLogLevel.DEBUG');
    }
  }
  return { ...given };
}

function log4j2Yaml(levels: { [logger: string]: KafkaLogLevel }): string {
  const q = (s: string) => JSON.stringify(s);
  const loggers = Object.keys(levels).filter(l => l !== ROOT_LOGGER).sort();
  return [
    '# Rendered by cdk8s-kafka: console only (kubectl logs), no log files.',
    'Configuration:',
    '  Appenders:',
    '    Console:',
    '      name: STDOUT',
    '      target: SYSTEM_OUT',
    '      PatternLayout:',
    `        pattern: ${q(LOG_PATTERN)}`,
    '  Loggers:',
    '    Root:',
    `      level: ${levels[ROOT_LOGGER]}`,
    '      AppenderRef:',
    '        - ref: STDOUT',
    ...(loggers.length ? ['    Logger:', ...loggers.flatMap(l => [`      - name: ${q(l)}`, `        level: ${levels[l]}`])] : []),
    '',
  ].join('\n');
}

function log4jProperties(levels: { [logger: string]: KafkaLogLevel }): string {
  return [
    '# Rendered by cdk8s-kafka: console only (kubectl logs), no log files.',
    // Escaped like every properties file (log4j 1 reads it with Properties.load).
    propertiesLine('log4j.rootLogger', `${levels[ROOT_LOGGER]}, stdout`),
    propertiesLine('log4j.appender.stdout', 'org.apache.log4j.ConsoleAppender'),
    propertiesLine('log4j.appender.stdout.layout', 'org.apache.log4j.PatternLayout'),
    propertiesLine('log4j.appender.stdout.layout.ConversionPattern', LOG_PATTERN),
    ...Object.keys(levels).filter(l => l !== ROOT_LOGGER).sort().map(l => propertiesLine(`log4j.logger.${l}`, levels[l])),
    '',
  ].join('\n');
}
