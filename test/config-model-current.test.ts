/**
 * lib/kafka/config-model/kafka-config-model.json is what Kafka's own jars say: the test re-runs the
 * generator offline (`mvn -o`, against the jars .ci/run's install step resolved into ~/.m2) and
 * compares byte for byte. Without mvn, java or the jars it is a visible skip locally and a failure
 * in CI (CI=true). Regenerate with `npm run config-model`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const SCRIPT = path.join(ROOT, 'scripts', 'kafka-config-model.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { VERSIONS } = require(SCRIPT) as { VERSIONS: string[] };
const M2 = path.join(os.homedir(), '.m2', 'repository', 'org', 'apache', 'kafka');

const tools = ['mvn', 'java', 'javac'].filter(t => spawnSync(t, ['-version']).status !== 0);
const jars = VERSIONS.flatMap(v => [`kafka_2.13/${v}/kafka_2.13-${v}.jar`, `connect-runtime/${v}/connect-runtime-${v}.jar`, `connect-mirror/${v}/connect-mirror-${v}.jar`])
  .filter(j => !fs.existsSync(path.join(M2, j)));
const missing = [...tools.map(t => `${t} on the PATH`), ...(jars.length ? [`${jars.length} Kafka jars in ~/.m2 (run: node scripts/kafka-config-model.js --resolve)`] : [])];

const NAME = 'the committed config model equals a fresh offline run of the generator on the real Kafka jars';
if (missing.length === 0) {
  test(NAME, () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'config-model-current-')), 'model.json');
    try {
      const r = spawnSync(process.execPath, [SCRIPT, '--offline', '--out', out], { encoding: 'utf8', timeout: 590000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const fresh = fs.readFileSync(out, 'utf8');
      const committed = fs.readFileSync(path.join(ROOT, 'lib', 'kafka', 'config-model', 'kafka-config-model.json'), 'utf8');
      // Line by line first: a difference names the kind and key (one line per key), not a 170 KB blob.
      expect(fresh.split('\n').filter(l => !committed.includes(l))).toEqual([]);
      expect(fresh).toBe(committed);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  }, 600000);
} else if (process.env.CI) {
  test(NAME, () => {
    throw new Error(`CI must check the config model, but these are missing: ${missing.join(', ')}`);
  });
} else {
  test.skip(`${NAME} (skipped: missing ${missing.join(', ')})`, () => undefined);
}
