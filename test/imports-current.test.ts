/**
 * imports/ is generated, offline, from the vendored schemas (`npm run import`: the Kubernetes
 * 1.27 kinds into imports/k8s.ts, the cdk8s.yaml CRD entries into their modules). Regenerate it
 * into a temporary folder and compare byte for byte, so that no hand edit or stale module
 * survives a schema update. Fix a failure with `npm run import` and commit imports/.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

test('imports/ is what `npm run import` generates from schemas/', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kafka-imports-'));
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'import.js'), '--outdir', out], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
    const committed = fs.readdirSync(path.join(ROOT, 'imports')).sort();
    expect(committed).toEqual(fs.readdirSync(out).sort());
    expect(committed).toContain('k8s.ts');
    const stale = committed.filter(f => !fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(ROOT, 'imports', f))));
    expect(stale).toEqual([]);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
