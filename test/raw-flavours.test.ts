import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { NAMESPACE } from '../app/namespace';
import { buildRawKraft } from '../app/raw-kraft';
import { buildRawZookeeper } from '../app/raw-zookeeper';
import { restrictedViolations } from './support/pod-security';
import { inlineSecretFindings } from './support/secrets';
import { toolTest } from './support/tools';
import { appObjects, expectAllValid, findObject } from './support/validate';

const BUILDERS: { [name: string]: (app: App) => void } = { 'raw-kraft': buildRawKraft, 'raw-zookeeper': buildRawZookeeper };

function synth(flavor: string): { app: App; objects: any[] } {
  const app = new App({ outdir: '/tmp/cdk8s-kafka-raw-test' });
  BUILDERS[flavor](app);
  return { app, objects: appObjects(app) };
}

describe.each(Object.keys(BUILDERS))('flavour %s', (flavor) => {
  let objects: any[];
  let app: App;
  beforeAll(() => { ({ app, objects } = synth(flavor)); });

  test('every object validates strictly', () => {
    expectAllValid(objects);
  });

  test('matches the snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('is deterministic', () => {
    expect(JSON.stringify(synth(flavor).objects)).toBe(JSON.stringify(objects));
  });

  test('Namespace first, without a namespace; everything else in it', () => {
    expect(objects[0]).toMatchObject({ kind: 'Namespace', metadata: { name: NAMESPACE } });
    expect(objects[0].metadata.namespace).toBeUndefined();
    expect(objects.slice(1).filter(o => o.metadata.namespace !== NAMESPACE).map(o => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });

  test('charts are ordered for a single kubectl apply', () => {
    const ids = app.charts.map(c => c.node.id);
    expect(ids[0]).toBe('namespace');
    expect(ids[ids.length - 1]).toBe('clients');
    if (flavor === 'raw-zookeeper') expect(ids.indexOf('zookeeper')).toBeLessThan(ids.indexOf('kafka'));
  });

  toolTest('kubectl kustomize accepts the synthesized files', ['kubectl'], () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `raw-kustomize-${flavor}-`));
    const out = new App({ outdir: dir });
    BUILDERS[flavor](out);
    out.synth();
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.k8s.yaml')).sort();
    expect(files[0]).toBe('0000-namespace.k8s.yaml');
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), `resources:\n${files.map(f => `- ${f}`).join('\n')}\n`);
    const rendered = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
    expect(rendered.match(/^kind: /gm)?.length).toBe(objects.length);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every pod spec meets the restricted profile', () => {
    expect(objects.flatMap(restrictedViolations)).toEqual([]);
  });

  test('no secret material inline', () => {
    expect(objects.flatMap(inlineSecretFindings)).toEqual([]);
  });

  test('contains the 3 brokers, the topic Job, the test client and the sample app', () => {
    expect(findObject(objects, 'StatefulSet', 'my-cluster-kafka').spec.replicas).toBe(3);
    const job = objects.find(o => o.kind === 'Job' && o.metadata.name.startsWith('my-cluster-topics-'));
    expect(job.spec.template.spec.containers[0].command[2]).toContain("--topic 'sample-topic' --partitions 6 --replication-factor 3");
    expect(findObject(objects, 'Deployment', 'my-cluster-test-client').spec.template.metadata.labels['kafka.cdk8s.io/client-of']).toBe('my-cluster');
    expect(objects.filter(o => o.kind === 'Deployment').length).toBeGreaterThanOrEqual(3);
    if (flavor === 'raw-zookeeper') {
      expect(findObject(objects, 'StatefulSet', 'zookeeper').spec.replicas).toBe(3);
      expect(findObject(objects, 'StatefulSet', 'my-cluster-kafka').spec.template.spec.containers[0].image).toBe('apache/kafka:3.9.1');
    } else {
      expect(findObject(objects, 'StatefulSet', 'my-cluster-kafka').spec.template.spec.containers[0].image).toBe('apache/kafka:4.3.1');
    }
  });
});
