/**
 * Trying a flavour the README's way (`KAFKA_FLAVOR=… npm run synth`, `KAFKA_OUTPUT=flux …`) rewrites
 * dist/ with that flavour; `npm test` must still pass. The tests that check that dist/ is current
 * (dist-current, plan) compare against Git's HEAD dist/ when the working tree's differs
 * (test/support/committed-dist.ts). Checked in a scratch clone of HEAD, so the repo's dist/ is
 * never touched.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { committedDist, ROOT } from './support/committed-dist';

function tree(dir: string): { [file: string]: string } {
  const out: { [file: string]: string } = {};
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (fs.statSync(path.join(dir, f)).isFile()) out[f] = fs.readFileSync(path.join(dir, f), 'utf8');
  }
  return out;
}

const run = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const clean: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
  for (const k of Object.keys(clean)) if (k.startsWith('KAFKA_')) delete clean[k];
  return spawnSync(process.execPath, args, { cwd, env: { ...clean, ...env }, encoding: 'utf8', timeout: 300_000 });
};

test('after any flavour was synthesized into dist/, the committed dist/ is what the dist checks read, and it is current', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flavour-trial-'));
  try {
    const clone = path.join(tmp, 'clone');
    expect(spawnSync('git', ['clone', '-q', '--shared', ROOT, clone]).status).toBe(0);
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    const head = tree(path.join(clone, 'dist'));
    expect(committedDist(tmp, clone)).toBe(path.join(clone, 'dist'));

    const fresh = run(clone, ['scripts/synth.js', '--outdir', path.join(tmp, 'fresh')]);
    expect(fresh.status).toBe(0);

    for (const [i, env] of [{ KAFKA_FLAVOR: 'strimzi' }, { KAFKA_FLAVOR: 'raw-zookeeper', KAFKA_OUTPUT: 'flux' }].entries()) {
      const r = run(clone, ['scripts/synth.js'], env);
      expect([r.status, r.stderr]).toEqual([0, expect.anything()]);
      expect(tree(path.join(clone, 'dist'))).not.toEqual(head); // the flavour is in dist/, as the README says
      const committed = committedDist(path.join(tmp, `trial-${i}`), clone);
      expect(committed).not.toBe(path.join(clone, 'dist'));
      expect(tree(committed)).toEqual(head);
      // What test/dist-current.test.ts asserts: a fresh default synth equals the committed dist/.
      expect(tree(committed)).toEqual(tree(path.join(tmp, 'fresh')));
      // ...and what test/plan.test.ts runs: no change against it.
      const plan = run(clone, ['scripts/plan.js', '--base', committed]);
      expect([plan.status, plan.stderr]).toEqual([0, '']);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}, 600_000);
