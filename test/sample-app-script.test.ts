/**
 * Runs the SampleApp's client-config and producer scripts with the local POSIX shells, with
 * fake Secret files and a fake console producer, to check the generated client properties
 * (PEM inlining and JAAS/properties escaping) and the producer loop.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLIENT_CONFIG_SCRIPT, CONSUMER_SCRIPT, PRODUCER_SCRIPT } from '../lib/sample-app-scripts';
import { toolTest } from './support/tools';

// The images' shells (Debian's dash and bash, Alpine's busybox): a missing one is a visible skip, a failure under CI.
const SHELLS = ['/bin/sh', '/usr/bin/dash', '/bin/bash', '/bin/busybox'];

const CA = '-----BEGIN CERTIFICATE-----\nMIIBCA1\nMIIBCA2\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nMIIBCB1\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\r\nMIIUSER\r\n-----END CERTIFICATE-----\r\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIKEY1\nMIIKEY2\n-----END PRIVATE KEY-----\n';

/** Parses Java properties the way java.util.Properties does for the subset we emit (one line per key, backslash and \\uXXXX escapes). */
function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line) continue;
    const i = line.indexOf('=');
    const raw = line.slice(i + 1);
    let value = '';
    for (let j = 0; j < raw.length; j++) {
      if (raw[j] === '\\') {
        const n = raw[++j];
        if (n === 'u') {
          value += String.fromCharCode(parseInt(raw.slice(j + 1, j + 5), 16));
          j += 4;
          continue;
        }
        value += n === 'n' ? '\n' : n === 'r' ? '\r' : n === 't' ? '\t' : n;
      } else {
        value += raw[j];
      }
    }
    out[line.slice(0, i)] = value;
  }
  return out;
}

function runConfig(shell: string, env: Record<string, string>): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-cfg-'));
  try {
    fs.writeFileSync(path.join(dir, 'ca.crt'), CA);
    fs.writeFileSync(path.join(dir, 'user.crt'), CERT);
    fs.writeFileSync(path.join(dir, 'user.key'), KEY);
    const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace('$DIR', dir)]));
    const file = path.join(dir, 'client.properties');
    // busybox runs its shell as the applet `sh`; stdin is not a socket, or Debian's bash reads ~/.bashrc (it assumes sshd).
    execFileSync(shell, [...(shell.endsWith('busybox') ? ['sh'] : []), '-c', CLIENT_CONFIG_SCRIPT],
      { env: { PATH: process.env.PATH!, KAFKA_CLIENT_CONFIG: file, ...resolved }, stdio: ['ignore', 'pipe', 'pipe'] });
    expect((fs.statSync(file).mode & 0o077)).toBe(0); // umask 077: only the owner reads the key
    // Kafka's Utils.loadProps reads properties as ISO-8859-1 (Properties.load(InputStream)).
    return parseProperties(fs.readFileSync(file, 'latin1'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(SHELLS)('client config script under %s', shell => {
  const test = (name: string, fn: () => void) => toolTest(name, [shell], fn);
  test('plain listener: only the security protocol', () => {
    expect(runConfig(shell, { SECURITY_PROTOCOL: 'PLAINTEXT' })).toEqual({ 'security.protocol': 'PLAINTEXT' });
  });

  test('TLS: the CA bundle inlined as a PEM truststore with its line breaks', () => {
    const p = runConfig(shell, { SECURITY_PROTOCOL: 'SSL', CA_FILE: '$DIR/ca.crt' });
    expect(p).toEqual({ 'security.protocol': 'SSL', 'ssl.truststore.type': 'PEM', 'ssl.truststore.certificates': CA });
  });

  test('mutual TLS: certificate chain and key inlined (CRs dropped)', () => {
    const p = runConfig(shell, { SECURITY_PROTOCOL: 'SSL', CA_FILE: '$DIR/ca.crt', USER_CERT_FILE: '$DIR/user.crt', USER_KEY_FILE: '$DIR/user.key' });
    expect(p['ssl.keystore.type']).toBe('PEM');
    expect(p['ssl.keystore.certificate.chain']).toBe(CERT.replace(/\r/g, ''));
    expect(p['ssl.keystore.key']).toBe(KEY);
    expect(p['ssl.truststore.certificates']).toBe(CA);
  });

  test('SCRAM with a Strimzi sasl.jaas.config value: passed through', () => {
    const jaas = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="my-user" password="Abc123";';
    const p = runConfig(shell, { SECURITY_PROTOCOL: 'SASL_SSL', CA_FILE: '$DIR/ca.crt', SASL_MECHANISM: 'SCRAM-SHA-512', SASL_JAAS_CONFIG: jaas });
    expect(p['sasl.mechanism']).toBe('SCRAM-SHA-512');
    expect(p['sasl.jaas.config']).toBe(jaas);
  });

  test('SCRAM with user name and password: quotes and backslashes escaped for JAAS and properties', () => {
    const p = runConfig(shell, { SECURITY_PROTOCOL: 'SASL_PLAINTEXT', SASL_MECHANISM: 'SCRAM-SHA-512', SASL_USERNAME: 'app', SASL_PASSWORD: 'p"a\\s=s:w#d' });
    expect(p['sasl.jaas.config']).toBe('org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="p\\"a\\\\s=s:w#d";');
    expect(p['ssl.truststore.type']).toBeUndefined();
  });

  test('SCRAM with a password outside ASCII: \\u escapes, so the ISO-8859-1 reader sees the real characters', () => {
    const password = 'pässwörd-🔑"\\';
    const p = runConfig(shell, { SECURITY_PROTOCOL: 'SASL_PLAINTEXT', SASL_MECHANISM: 'SCRAM-SHA-512', SASL_USERNAME: 'app', SASL_PASSWORD: password });
    expect(p['sasl.jaas.config']).toBe('org.apache.kafka.common.security.scram.ScramLoginModule required username="app" password="pässwörd-🔑\\"\\\\";');
  });
});

test('producer script pipes numbered messages into the console producer with the env contract', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-prod-'));
  try {
    // A fake kafka-console-producer on the PATH: records its arguments and the first 3 messages.
    const fake = path.join(dir, 'kafka-console-producer');
    fs.writeFileSync(fake, `#!/bin/sh\necho "$@" > "${dir}/args"\ntest -f "${dir}/topic" || echo started-before-topic > "${dir}/args"\nhead -n 3 > "${dir}/messages"\n`, { mode: 0o755 });
    // A fake kafka-topics: the topic "appears" at the second --describe (the topic Job ran meanwhile).
    fs.writeFileSync(path.join(dir, 'kafka-topics'), `#!/bin/sh\necho "$@" >> "${dir}/describes"\nif [ -f "${dir}/seen" ]; then touch "${dir}/topic"; exit 0; fi\ntouch "${dir}/seen"; exit 1\n`, { mode: 0o755 });
    const r = spawnSync('/bin/sh', ['-c', PRODUCER_SCRIPT.replace('sleep "$MESSAGE_INTERVAL_SECONDS"', ':').replace('sleep 5', ':')], {
      env: {
        PATH: `${dir}:${process.env.PATH}`, POD_NAME: 'sample-producer-abc', BOOTSTRAP_SERVERS: 'kafka:9092',
        TOPIC_NAME: 'sample-topic', KAFKA_CLIENT_CONFIG: '/tmp/client.properties', MESSAGE_INTERVAL_SECONDS: '1',
      },
      timeout: 10000,
    });
    expect(r.error).toBeUndefined();
    expect(fs.readFileSync(path.join(dir, 'args'), 'utf8').trim())
      .toBe('--bootstrap-server kafka:9092 --topic sample-topic --producer.config /tmp/client.properties --producer-property retries=2147483647');
    // Regression (kafka-upgrade e2e: messages 26 and 27 of a producer dropped after the console
    // producer's default 3 retries while a leader moved): sends retry until delivery.timeout.ms.
    // Regression (raw-kraft e2e: message 1 of a producer never consumed): the producer starts only once the topic exists.
    expect(fs.readFileSync(path.join(dir, 'describes'), 'utf8').trim().split('\n'))
      .toEqual(Array(2).fill('--bootstrap-server kafka:9092 --command-config /tmp/client.properties --describe --topic sample-topic'));
    expect(fs.readFileSync(path.join(dir, 'messages'), 'utf8'))
      .toBe('sample-producer-abc message 1\nsample-producer-abc message 2\nsample-producer-abc message 3\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('consumer script starts the console consumer only once its credentials can describe the topic', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sample-cons-'));
  try {
    fs.writeFileSync(path.join(dir, 'kafka-console-consumer'), `#!/bin/sh\ntest -f "${dir}/topic" && echo "$@" > "${dir}/args" || echo started-before-topic > "${dir}/args"\n`, { mode: 0o755 });
    // A fake kafka-topics: authentication fails at the first --describe (the SCRAM Job has not run yet), succeeds at the second.
    fs.writeFileSync(path.join(dir, 'kafka-topics'), `#!/bin/sh\necho "$@" >> "${dir}/describes"\nif [ -f "${dir}/seen" ]; then touch "${dir}/topic"; exit 0; fi\ntouch "${dir}/seen"; exit 1\n`, { mode: 0o755 });
    const r = spawnSync('/bin/sh', ['-c', CONSUMER_SCRIPT.replace('sleep 5', ':')], {
      env: {
        PATH: `${dir}:${process.env.PATH}`, BOOTSTRAP_SERVERS: 'kafka:9092', TOPIC_NAME: 'sample-topic',
        KAFKA_CLIENT_CONFIG: '/tmp/client.properties', CONSUMER_GROUP: 'sample-consumer',
      },
      timeout: 10000,
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    // Regression (raw-kraft-scram e2e: the consumer failed authentication before the SCRAM Job and restarted).
    expect(fs.readFileSync(path.join(dir, 'args'), 'utf8').trim())
      .toBe('--bootstrap-server kafka:9092 --topic sample-topic --group sample-consumer --from-beginning --consumer.config /tmp/client.properties');
    expect(fs.readFileSync(path.join(dir, 'describes'), 'utf8').trim().split('\n')).toHaveLength(2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
