// `npm run e2e [-- scenario...]`: synthesizes each scenario's app as a user does, builds the images
// its manifests reference, runs it on the pod runner, checks it, writes .e2e/report.json.
// `--if-available` (npm test): prints "e2e skipped: <reason>" when the container runtime is not
// usable, and fails instead when KAFKA_E2E=required.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureImages } from './images/build';
import { ScenarioResult, table, writeReport } from './lib/report';
import { runtimeProblem } from './lib/runtime';
import { Cluster, removeRun } from './runner/cluster';
import { loadManifests } from './runner/model';
import { SCENARIOS, Scenario } from './scenarios';

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, '.e2e');
const reportFile = path.join(outDir, 'report.json');
const started = Date.now();
const log = (line: string) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

let current: Cluster | undefined;

function synth(s: Scenario, dir: string, extra: { [k: string]: string } = {}): void {
  const env = { ...process.env, KAFKA_FLAVOR: s.synthEnv.KAFKA_FLAVOR ?? '', CDK8S_CHECK_UPGRADE: 'false', E2E_STAGE: '' } as NodeJS.ProcessEnv;
  delete env.KAFKA_APP_ENTRY;
  delete env.KAFKA_OUTPUT;
  if (s.synthEnv.KAFKA_APP_ENTRY) env.KAFKA_APP_ENTRY = path.join(root, s.synthEnv.KAFKA_APP_ENTRY);
  Object.assign(env, extra);
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'synth.js'), '--outdir', dir], { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`synth of ${s.name} failed:\n${r.stdout}\n${r.stderr}`);
}

function images(dir: string): string[] {
  const out = new Set<string>();
  for (const o of loadManifests(dir)) {
    const spec = o.kind === 'Pod' ? o.spec : o.spec?.template?.spec;
    for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) out.add(c.image);
  }
  return [...out];
}

async function runScenario(s: Scenario): Promise<ScenarioResult> {
  const t0 = Date.now();
  const base = path.join(outDir, s.name);
  const result: ScenarioResult = { name: s.name, passed: false, seconds: 0, produced: 0, acknowledged: 0, consumed: 0, lost: 0, notes: [] };
  const cluster = new Cluster({ id: s.name, workDir: path.join(base, 'work'), log: l => log(`${s.name}: ${l}`) });
  try {
    fs.rmSync(base, { recursive: true, force: true });
    synth(s, path.join(base, 'manifests'));
    await ensureImages(images(path.join(base, 'manifests')), log);
    log(`${s.name}: applying ${path.relative(root, path.join(base, 'manifests'))}`);
    current = cluster;
    await cluster.start();
    await cluster.apply(path.join(base, 'manifests'));
    // Day-2 scenarios re-synthesize the app with other env (E2E_STAGE) into a sibling folder, as a user edits and runs `npm run synth`.
    const resynth = async (stage: string) => {
      const dir = path.join(base, `manifests-${stage}`);
      synth(s, dir, { E2E_STAGE: stage });
      await ensureImages(images(dir), log);
      return dir;
    };
    const t = await s.run({ cluster, notes: result.notes, log: l => log(`${s.name}: ${l}`), manifests: path.join(base, 'manifests'), resynth });
    Object.assign(result, t, { passed: true });
  } catch (e) {
    result.notes.push(`FAILED: ${(e as Error).message}`);
    log(`${s.name}: FAILED: ${(e as Error).message}`);
    log(`${s.name}: pods:\n${cluster.describePods()}`);
  } finally {
    current = undefined;
    await cluster.shutdown(false).catch(e => log(`cleanup: ${e}`));
    // Keep manifests and logs for reading; drop volumes and pod folders.
    fs.rmSync(path.join(base, 'work', 'pods'), { recursive: true, force: true });
    fs.rmSync(path.join(base, 'work', 'claims'), { recursive: true, force: true });
  }
  result.seconds = Math.round((Date.now() - t0) / 1000);
  log(`${s.name}: ${result.passed ? 'passed' : 'FAILED'} in ${result.seconds} s`);
  return result;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const ifAvailable = args.includes('--if-available');
  const names = args.filter(a => !a.startsWith('--'));
  const unknown = names.filter(n => !SCENARIOS.some(s => s.name === n));
  if (unknown.length) {
    console.error(`unknown scenario ${unknown.join(', ')}; scenarios: ${SCENARIOS.map(s => s.name).join(', ')}`);
    return 2;
  }
  const required = process.env.KAFKA_E2E === 'required';
  const problem = process.env.KAFKA_E2E === 'skip' ? 'KAFKA_E2E=skip' : await runtimeProblem();
  if (problem) {
    if (required) { console.error(`e2e failed: KAFKA_E2E=required but ${problem}`); return 1; }
    if (ifAvailable) { console.log(`e2e skipped: ${problem}`); return 0; }
    console.error(`e2e cannot run: ${problem}`);
    return 1;
  }
  const selected = names.length ? SCENARIOS.filter(s => names.includes(s.name)) : SCENARIOS;
  if (args.includes('--prepare')) {
    // Synthesize every selected scenario and build the images they reference; run nothing.
    for (const s of selected) {
      const dir = path.join(outDir, s.name, 'manifests');
      synth(s, dir);
      await ensureImages(images(dir), log);
      for (const stage of s.stages ?? []) {
        synth(s, `${dir}-${stage}`, { E2E_STAGE: stage });
        await ensureImages(images(`${dir}-${stage}`), log);
      }
    }
    log(`e2e: images ready for ${selected.map(s => s.name).join(', ')}`);
    return 0;
  }
  // Leftovers of an interrupted run (every podman object of ours carries the label e2e.run).
  await removeRun();
  const results: ScenarioResult[] = [];
  for (const s of selected) {
    results.push(await runScenario(s));
    writeReport(reportFile, results);
  }
  console.log(`\n${table(results)}\n\nreport: ${path.relative(process.cwd(), reportFile)} (${Math.round((Date.now() - started) / 1000)} s in all)`);
  const failed = results.filter(r => !r.passed).length;
  console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

const stop = (signal: string) => {
  log(`${signal}: removing the pods of this run`);
  void (current ? current.shutdown(false) : Promise.resolve()).finally(() => removeRun().finally(() => process.exit(130)));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

main().then(code => process.exit(code), e => { console.error(e); process.exit(1); });
