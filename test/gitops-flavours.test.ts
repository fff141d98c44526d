import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { buildFlavour, FLAVOURS } from '../app/flavours';
import { OutputFile, OutputFormat, StagedApp } from '../lib/gitops';
import { toolTest } from './support/tools';
import { expectAllValid } from './support/validate';

// Every KAFKA_FLAVOR through both output layouts, as `KAFKA_OUTPUT=… npm run synth` writes them
// (main.ts = StagedApp + buildFlavour), checked in-process for speed.
// A visible skip without kubectl; a failure under CI, which must run the kustomize checks.
const kubectlTest = (name: string, fn: jest.ProvidesCallback) => toolTest(name, ['kubectl'], fn);

function render(flavor: string, format: OutputFormat): { app: StagedApp; files: OutputFile[] } {
  const app = new StagedApp({ format, outdir: fs.mkdtempSync(path.join(os.tmpdir(), `gitops-${flavor}-`)) });
  buildFlavour(app, flavor);
  return { app, files: app.render() };
}

const objectsOf = (files: OutputFile[]) => files.filter(f => f.path.endsWith('.k8s.yaml'))
  .flatMap(f => YAML.parseAllDocuments(f.content).map(d => d.toJSON()).filter(Boolean));

const hasOperator = (flavor: string) => flavor.startsWith('strimzi');

describe.each(Object.keys(FLAVOURS))('KAFKA_FLAVOR=%s', flavor => {
  test('plain: one `kubectl apply -f dist/` for raw flavours, numbered stage folders when an operator installs CRDs', () => {
    const { files } = render(flavor, OutputFormat.PLAIN);
    const objs = expectAllValid(objectsOf(files));
    if (hasOperator(flavor)) {
      expect(new Set(files.map(f => f.path.split('/')[0]))).toEqual(new Set(['1-operator', '2-cluster', '3-apps']));
      expect(files.filter(f => f.path.startsWith('1-operator/')).flatMap(f => objectsOf([f])).map(o => o.kind)).toContain('HelmRelease');
      // No Strimzi custom resource is applied in the step that installs its CRDs.
      const operatorObjs = objectsOf(files.filter(f => f.path.startsWith('1-operator/')));
      expect(operatorObjs.filter(o => o.apiVersion.startsWith('kafka.strimzi.io/'))).toEqual([]);
    } else {
      expect(files.every(f => !f.path.includes('/'))).toBe(true);
      expect(files.map(f => f.path)).toEqual([...files.map(f => f.path)].sort());
    }
    // Apply order: every Namespace the output creates comes before the objects in it.
    const seen = new Set<string>();
    const created = new Set(objs.filter(o => o.kind === 'Namespace').map(o => o.metadata.name));
    const early: string[] = [];
    for (const o of objs) {
      if (o.kind === 'Namespace') seen.add(o.metadata.name);
      else if (created.has(o.metadata.namespace) && !seen.has(o.metadata.namespace)) early.push(`${o.kind}/${o.metadata.name}`);
    }
    expect(created.size).toBeGreaterThan(0);
    expect(early).toEqual([]);
  });

  test('flux: stage folders with kustomization.yaml, Kustomizations chained with dependsOn, all strictly valid', () => {
    const { files } = render(flavor, OutputFormat.FLUX);
    const objs = expectAllValid(objectsOf(files));
    const ks = objs.filter(o => o.apiVersion === 'kustomize.toolkit.fluxcd.io/v1');
    const stages = ks.map(k => k.metadata.name.replace(/^kafka-/, ''));
    expect(stages[0]).toBe(hasOperator(flavor) ? 'operator' : 'cluster');
    // Raw flavours have no operator stage (nothing installs CRDs); their sample clients form the apps stage.
    expect(stages).toEqual(hasOperator(flavor) ? ['operator', 'cluster', 'apps'] : ['cluster', 'apps']);
    ks.forEach((k, i) => {
      expect(k.spec.dependsOn).toEqual(i === 0 ? undefined : [{ name: ks[i - 1].metadata.name }]);
      expect(k.spec).toMatchObject({ wait: true, prune: true, path: `./dist/${stages[i]}`, sourceRef: { kind: 'GitRepository', name: 'flux-system' } });
      expect(files.map(f => f.path)).toContain(`${stages[i]}/kustomization.yaml`);
    });
  });

  kubectlTest('flux: `kubectl kustomize` builds every stage folder', () => {
    const { app, files } = render(flavor, OutputFormat.FLUX);
    app.synth();
    const folders = [...new Set(files.map(f => path.dirname(f.path)))];
    for (const folder of folders) {
      const out = execFileSync('kubectl', ['kustomize', path.join(app.outdir, folder)], { encoding: 'utf8' });
      expectAllValid(YAML.parseAllDocuments(out).map(d => d.toJSON()).filter(Boolean));
    }
  });

  test('deterministic: two renders are identical', () => {
    expect(render(flavor, OutputFormat.FLUX).files).toEqual(render(flavor, OutputFormat.FLUX).files);
    expect(render(flavor, OutputFormat.PLAIN).files).toEqual(render(flavor, OutputFormat.PLAIN).files);
  });
});
