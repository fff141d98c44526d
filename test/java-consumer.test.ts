/**
 * The Java package jsii-pacmak generates (`npm run package`, stage/dist-packages/java) used by a
 * Java cdk8s app built and run with Maven offline (test/fixtures/java-consumer, scripts/java-consumer.js):
 * it synthesizes a KafkaBrokers and a StrimziCluster (with SampleApps and a topic), its output is
 * strictly valid and byte-identical to what the same app in TypeScript writes from the current
 * sources (test/fixtures/java-consumer/app.ts), so a stale jar (or a stale jsii runtime cache)
 * fails here. Invalid input arrives in Java as an exception with the library's message.
 *
 * Needs java, mvn, the package (`npm run package`) and the Maven dependencies
 * (`node scripts/java-consumer.js --resolve`; .ci/run runs both in its install step): a visible
 * skip without them locally, a failure in CI.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validateObjects, readManifest } from '../validation/strict-schema';
import { synthTwin } from './fixtures/java-consumer/app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const consumer = require('../scripts/java-consumer.js') as {
  JAR: string; prepare(dir: string): void; build(dir: string): string; run(dir: string, classpath: string, outdir: string): string;
};
const ROOT = path.resolve(__dirname, '..');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const missing = [
  ...['java', 'javac', 'mvn'].filter(t => spawnSync(t, ['-version']).status !== 0).map(t => `${t} on the PATH`),
  ...(fs.existsSync(consumer.JAR) ? [] : [`${path.relative(ROOT, consumer.JAR)} (run: npm run package)`]),
];

const files = (dir: string) => fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort();

const NAME = 'a Java app on the generated package synthesizes a KafkaBrokers and a StrimziCluster, strictly valid and identical to the TypeScript app';
if (missing.length === 0) {
  test(NAME, () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'java-consumer-'));
    try {
      // The jar carries the npm tarball the jsii runtime loads: it must be this version's.
      const listing = execFileSync('unzip', ['-l', consumer.JAR], { encoding: 'utf8' });
      expect(listing).toContain(`${MANIFEST.name}@${MANIFEST.version}.jsii.tgz`);

      const project = path.join(tmp, 'project');
      fs.mkdirSync(project);
      consumer.prepare(project);
      const classpath = consumer.build(project);
      const javaOut = path.join(tmp, 'java-dist');
      const stdout = consumer.run(project, classpath, javaOut);
      expect(stdout).toContain('bootstrap: my-cluster-kafka-bootstrap.kafka.svc.cluster.local:9092');
      expect(stdout).toMatch(/^releases: \d+$/m);
      expect(stdout).toMatch(/^refused: software\.amazon\.jsii\.JsiiError: bad\/kafka: invalid brokers: got 0; allowed: /m);

      const tsOut = path.join(tmp, 'ts-dist');
      synthTwin(tsOut);
      expect(files(javaOut)).toEqual(['raw.k8s.yaml', 'strimzi.k8s.yaml']);
      expect(files(javaOut)).toEqual(files(tsOut));
      for (const f of files(tsOut)) {
        // Line by line first, so that a difference shows where (a stale jar renders older code).
        const java = fs.readFileSync(path.join(javaOut, f), 'utf8');
        const ts = fs.readFileSync(path.join(tsOut, f), 'utf8');
        expect(java.split('\n').filter(l => !ts.split('\n').includes(l))).toEqual([]);
        expect(java).toBe(ts);
      }
      const objects = files(javaOut).flatMap(f => readManifest(path.join(javaOut, f)));
      expect(validateObjects(objects)).toEqual([]);
      const kinds = new Set(objects.map(o => `${o.apiVersion}/${o.kind}`));
      for (const k of ['apps/v1/StatefulSet', 'kafka.strimzi.io/v1/Kafka', 'kafka.strimzi.io/v1/KafkaNodePool', 'kafka.strimzi.io/v1/KafkaTopic', 'apps/v1/Deployment']) {
        expect(kinds).toContain(k);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 600_000);
} else if (process.env.CI) {
  test(NAME, () => {
    throw new Error(`CI must run the Java consumer, but these are missing: ${missing.join(', ')}`);
  });
} else {
  test.skip(`${NAME} (skipped: missing ${missing.join(', ')})`, () => undefined);
}
