// The broker and controller configurations the Strimzi operator layer generated, checked against
// Kafka's own ConfigDef model (lib/kafka/config-model) of the cluster's Kafka version: every key
// known to that version (or in a namespace Kafka leaves free), every value of the right type,
// range and enum. Values that are config-provider references (`${strimzisecrets:...}`) are the
// operator's placeholders and only their keys are checked.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { checkConfigModel } from '../../lib/kafka/config-model/check';

/** One finding: the file, the key and what the model says. */
export interface ConfigFinding {
  readonly file: string;
  readonly message: string;
}

/** Parses the operator's generated properties (comments, `key=value`, no continuation lines). */
export function parseProperties(text: string): [string, string][] {
  return text.split('\n').filter(l => l.trim() && !/^\s*[#!]/.test(l)).map(l => {
    const i = l.indexOf('=');
    return [l.slice(0, i).trim(), l.slice(i + 1)];
  });
}

/** Kafka version of the Kafka resource in a synthesized folder (`spec.kafka.version`). */
function kafkaVersionIn(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String).filter(x => /\.ya?ml$/.test(x))) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      const o = doc.toJSON();
      if (o?.kind === 'Kafka' && o.spec?.kafka?.version) return String(o.spec.kafka.version);
    }
  }
  return undefined;
}

/** Checks every `<configDir>/<case>/<layout>/*.properties` against the model of `<synthDir>/<case>/<layout>`'s Kafka version. */
export function checkBrokerConfigs(configDir: string, synthDir: string): { files: number; keys: number; unchecked: number; findings: ConfigFinding[] } {
  const findings: ConfigFinding[] = [];
  let files = 0;
  let keys = 0;
  let unchecked = 0;
  const scope = 'strimzi-check';
  for (const rel of fs.readdirSync(configDir, { recursive: true }).map(String).filter(f => f.endsWith('.properties')).sort()) {
    const caseDir = path.dirname(rel);
    const version = kafkaVersionIn(path.join(synthDir, caseDir));
    if (!version) {
      // Not an output of this run's synthesis (--input): the Kafka version is unknown, nothing to check against.
      unchecked++;
      continue;
    }
    files++;
    for (const [key, value] of parseProperties(fs.readFileSync(path.join(configDir, rel), 'utf8'))) {
      keys++;
      // A config-provider reference is resolved by the broker at start; only the key can be checked here.
      const checked = value.includes('${') ? 'x' : value;
      try {
        checkConfigModel(scope, 'config', { [key]: checked }, { kind: 'broker', kafkaVersion: version });
      } catch (e) {
        // A placeholder value may fail a value check that the real value passes: report key problems only then.
        if (checked === value || /unknown|removed|not (yet )?in|alias/i.test((e as Error).message)) {
          findings.push({ file: rel, message: (e as Error).message.replace(/^strimzi-check: /, '') });
        }
      }
    }
  }
  return { files, keys, unchecked, findings };
}

if (require.main === module) {
  const [configDir, synthDir] = process.argv.slice(2);
  const r = checkBrokerConfigs(configDir, synthDir);
  for (const f of r.findings) console.log(`ERROR   broker-config ${f.file}: ${f.message}`);
  console.log(JSON.stringify({ files: r.files, keys: r.keys, findings: r.findings.length }));
}
