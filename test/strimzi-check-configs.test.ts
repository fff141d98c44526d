/**
 * The strimzi-check step that reads the broker configurations the operator layer generated and
 * checks them against Kafka's ConfigDef model (runs without Java: plain files in, findings out).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkBrokerConfigs, parseProperties } from '../tools/strimzi-check/check-broker-configs';

function layout(kafkaVersion: string, properties: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strimzi-check-configs-'));
  fs.mkdirSync(path.join(dir, 'synth', 'case', 'plain'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'synth', 'case', 'plain', 'kafka.yaml'),
    `apiVersion: kafka.strimzi.io/v1\nkind: Kafka\nmetadata:\n  name: k\nspec:\n  kafka:\n    version: ${kafkaVersion}\n`);
  fs.mkdirSync(path.join(dir, 'config', 'case', 'plain'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'config', 'case', 'plain', 'k-broker-0.properties'), properties);
  return dir;
}

describe('strimzi-check: generated broker configurations against the Kafka config model', () => {
  test('a generated configuration Kafka accepts has no findings; config-provider placeholders are left to the broker', () => {
    const dir = layout('4.3.1', '# generated\nnode.id=0\nprocess.roles=broker,controller\nnum.io.threads=${strimzienv:IO}\n'
      + 'listener.name.tls-9093.ssl.keystore.key=${strimzisecrets:kafka/k:k.key}\nlog.dirs=/var/lib/kafka/data-0/kafka-log0\n');
    const r = checkBrokerConfigs(path.join(dir, 'config'), path.join(dir, 'synth'));
    expect(r).toEqual({ files: 1, keys: 5, unchecked: 0, findings: [] });
  });

  test('a removed key and a wrong value are findings, named by file and key, against the cluster\'s own version', () => {
    const dir = layout('4.3.1', 'num.network.threads=abc\nlog.message.format.version=3.0\n');
    const r = checkBrokerConfigs(path.join(dir, 'config'), path.join(dir, 'synth'));
    expect(r.findings.map(f => f.file)).toEqual([path.join('case', 'plain', 'k-broker-0.properties'), path.join('case', 'plain', 'k-broker-0.properties')]);
    expect(r.findings[0].message).toMatch(/^invalid config\["num\.network\.threads"\]: got "abc"; allowed: an int .*Kafka 4\.3\.1/);
    expect(r.findings[1].message).toMatch(/invalid config\["log\.message\.format\.version"\].*only in Kafka 3\.8\.0 to 3\.9\.2/);
    // The same key is fine on Kafka 3.9 (ZooKeeper-mode upgrades still use it).
    const old = layout('3.9.2', 'log.message.format.version=3.0\n');
    expect(checkBrokerConfigs(path.join(old, 'config'), path.join(old, 'synth')).findings).toEqual([]);
  });

  test('files without a synthesized Kafka resource are counted as not checked, never as passed', () => {
    const dir = layout('4.3.1', 'node.id=0\n');
    fs.rmSync(path.join(dir, 'synth'), { recursive: true });
    expect(checkBrokerConfigs(path.join(dir, 'config'), path.join(dir, 'synth'))).toEqual({ files: 0, keys: 0, unchecked: 1, findings: [] });
  });

  test('parseProperties reads the operator\'s format: comments and blank lines skipped, = inside values kept', () => {
    expect(parseProperties('##\n# x\n\na=b=c\n! y\nk = v\n')).toEqual([['a', 'b=c'], ['k', ' v']]);
  });
});
