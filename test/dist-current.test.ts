import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validateObjects, readManifest } from '../validation/strict-schema';
import { committedDist } from './support/committed-dist';

// dist/ is committed (the default flavour, raw-kraft): it is what `kubectl apply -f dist/` and a
// GitOps repository consume, so it must be exactly what `npm run synth` produces from this tree.
// A flavour tried with the README's commands rewrites dist/: then HEAD's dist/ is the committed one.
const ROOT = path.resolve(__dirname, '..');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-current-'));
const DIST = committedDist(TMP);
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

function tree(dir: string): { [file: string]: string } {
  const out: { [file: string]: string } = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('committed dist/', () => {
  test('is the current output of `npm run synth` (default flavour); regenerate with `npm run synth`', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dist-current-')), 'dist');
    const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
    for (const k of ['KAFKA_FLAVOR', 'KAFKA_OUTPUT', 'KAFKA_APP_ENTRY', 'KAFKA_SYNTH_OUTDIR', 'KAFKA_FLUX_PATH', 'KAFKA_FLUX_SOURCE']) delete env[k];
    const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'synth.js'), '--outdir', out], { cwd: ROOT, env, encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(tree(DIST)).toEqual(tree(out));
  });

  test('every committed object validates strictly', () => {
    const objects = Object.keys(tree(DIST)).filter(f => f.endsWith('.yaml')).flatMap(f => readManifest(path.join(DIST, f)));
    expect(objects.map(o => o.kind)).toContain('StatefulSet');
    expect(validateObjects(objects)).toEqual([]);
  });
});
