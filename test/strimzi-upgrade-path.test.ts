/**
 * The way from Strimzi 0.45.2 (ZooKeeper) to 1.2.0 of docs/upgrade.md, walked with the library:
 * every step of the strimzi-zookeeper flavour (KAFKA_STRIMZI_STEP) synthesizes with its checks,
 * validates strictly, matches the docs' table, and `npm run plan` classifies each step as the
 * guide says (safe, except the one step that needs crd-upgrade first).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { buildStrimziUpgradeStep, STRIMZI_UPGRADE_STEPS, strimziUpgradeStepFromEnv } from '../app/strimzi-upgrade';
import { buildStrimziZookeeper } from '../app/strimzi-zookeeper';
import { StagedApp } from '../lib/gitops';
import { identity, K8sObject } from '../tools/plan/objects';
import { Plan, planObjects } from '../tools/plan/plan';
import { strimziOperatorRelease } from '../tools/plan/strimzi-upgrade-rules';
import { validateObjects } from '../validation/strict-schema';

const ROOT = path.resolve(__dirname, '..');

/** The staged output of `build` (synth checks included), by identity. */
function output(build: (app: App) => void): Map<string, K8sObject> {
  const app = new StagedApp({ outdir: os.tmpdir() });
  build(app);
  const objects = app.render().filter(f => f.path.endsWith('.k8s.yaml'))
    .flatMap(f => YAML.parseAllDocuments(f.content).map(d => d.toJSON()).filter(Boolean));
  expect(validateObjects(objects)).toEqual([]);
  return new Map(objects.map((o: K8sObject) => [identity(o), o]));
}
const unsafe = (plan: Plan) => [...plan.objects.flatMap(o => o.findings), ...plan.together].filter(f => f.consequence === 'rejected' || f.consequence === 'data-at-risk');

describe('the strimzi-zookeeper flavour walked from Strimzi 0.45.2 to 1.2.0', () => {
  const steps = STRIMZI_UPGRADE_STEPS.map((_, n) => output(app => buildStrimziUpgradeStep(app, n)));

  test('step 0 is the flavour as deployed, byte for byte; the last is Strimzi 1.2.0 with Kafka 4.3.1', () => {
    expect([...steps[0].values()]).toEqual([...output(app => buildStrimziZookeeper(app, {})).values()]);
    const last = [...steps[steps.length - 1].values()];
    const kafka = last.find(o => o.kind === 'Kafka')!;
    expect([kafka.apiVersion, kafka.spec.kafka.version, kafka.spec.kafka.metadataVersion, strimziOperatorRelease(steps[steps.length - 1])]).toEqual(['kafka.strimzi.io/v1', '4.3.1', '4.3-IV0', '1.2.0']);
    // What the migration made stays: dedicated controllers and the broker pool "kafka" (the ZooKeeper brokers' pods and claims).
    expect(last.filter(o => o.kind === 'KafkaNodePool').map(o => `${o.metadata.name}:${o.spec.roles}`)).toEqual(['controller:controller', 'kafka:broker']);
  });

  test('every step changes something, and the plan finds every step safe except the operator step to 1.x, which needs crd-upgrade first', () => {
    const verdicts = steps.slice(1).map((next, i) => {
      const plan = planObjects(steps[i], next);
      expect({ step: i + 1, changed: plan.objects.length > 0 }).toEqual({ step: i + 1, changed: true });
      return unsafe(plan).map(f => `${i + 1}: ${f.consequence}: ${f.detail} | ${f.wayOut}`);
    }).flat();
    expect(verdicts).toEqual([
      '12: rejected: Strimzi operator 0.50.1 → 1.0.1: the 1.0.1 CRDs drop v1beta2; the API server refuses them while a CRD\'s status.storedVersions still lists v1beta2 '
      + '| run the conversion tool\'s crd-upgrade on 0.50.1 and check that every Strimzi CRD\'s storedVersions is [v1] (docs/upgrade.md), then apply',
    ]);
  });

  test('the docs/upgrade.md table lists exactly these steps', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'upgrade.md'), 'utf8');
    const rows = doc.split('\n').filter(l => /^\| \d+ \|/.test(l)).map(l => l.split('|').slice(1, -1).map(c => c.trim()));
    expect(rows.map(r => Number(r[0]))).toEqual(STRIMZI_UPGRADE_STEPS.map((_, n) => n));
    rows.forEach((r, n) => {
      const step = STRIMZI_UPGRADE_STEPS[n];
      const props = r[4];
      expect({ n, version: r[2], kafka: r[3], zookeeper: props.includes('`zookeeper`'), migration: /kraftMigration: StrimziKraftMigration\.(\w+)/.exec(props)?.[1], job: props.includes('StrimziCrdUpgradeJob') })
        .toEqual({ n, version: `\`${step.version}\``, kafka: `\`${step.kafkaVersion}\``, zookeeper: step.zookeeper, migration: step.kraftMigration?.toUpperCase().replace('-', '_'), job: !!step.crdUpgradeJob });
    });
  });

  test('KAFKA_STRIMZI_STEP: a step number, or refused', () => {
    expect(strimziUpgradeStepFromEnv({})).toBeUndefined();
    expect(strimziUpgradeStepFromEnv({ KAFKA_STRIMZI_STEP: ' 7 ' })).toBe(7);
    for (const bad of ['16', '-1', 'latest', '1.5']) {
      expect(() => strimziUpgradeStepFromEnv({ KAFKA_STRIMZI_STEP: bad })).toThrow(
        `KAFKA_STRIMZI_STEP: invalid value ${JSON.stringify(bad)}; allowed: 0 to 15. Fix: set the step of docs/upgrade.md you are at, or unset it for step 0`);
    }
  });
});

describe('npm run synth / npm run plan along the path', () => {
  test('KAFKA_STRIMZI_STEP=11 then 12: plan exits 3 and points at crd-upgrade', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kafka-upgrade-'));
    try {
      const env = (step: number) => ({ ...process.env, KAFKA_FLAVOR: 'strimzi-zookeeper', KAFKA_STRIMZI_STEP: String(step) });
      const synth = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'synth.js'), '--outdir', tmp], { cwd: ROOT, env: env(11), encoding: 'utf8' });
      expect(synth.status).toBe(0);
      expect(fs.readdirSync(tmp).sort()).toEqual(['1-operator', '2-cluster', '3-apps']);
      const plan = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'plan.js'), '--base', tmp], { cwd: ROOT, env: env(12), encoding: 'utf8' });
      expect(plan.status).toBe(3);
      expect(plan.stdout).toContain('way out: run the conversion tool\'s crd-upgrade on 0.50.1 and check that every Strimzi CRD\'s storedVersions is [v1] (docs/upgrade.md), then apply');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
