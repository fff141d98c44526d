/**
 * `npm ci` prints no install-script warning: npm 11 blocks dependency install scripts and ends
 * every install with "npm warn install-scripts ... not yet covered by allowScripts" for each one
 * package.json does not decide. The only one is esbuild's postinstall (it checks, and on a
 * missing platform package downloads, the native binary); esbuild runs from its
 * @esbuild/<platform> optional dependency without it, as it always did here, so package.json
 * denies it (`npm install-scripts deny esbuild`).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const probe = spawnSync('npm', ['install-scripts', 'ls', '--json'], { cwd: ROOT, encoding: 'utf8' });
const supported = probe.status === 0;

test('package.json decides every install script (esbuild denied), so npm ci warns about none', () => {
  expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).allowScripts).toEqual({ esbuild: false });
  if (!supported) {
    process.stdout.write(`npm ${spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim()} has no install-scripts command: only package.json checked\n`);
    return;
  }
  expect(JSON.parse(probe.stdout)).toEqual({ allowScripts: [] });
});

test('esbuild works without its postinstall (the synth app and the plan tool bundle with it)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { transformSync } = require('esbuild');
  expect(transformSync('const a: number = 1', { loader: 'ts' }).code).toBe('const a = 1;\n');
});
