/**
 * The committed dist/ (the default flavour's output), even when a flavour was tried: the README's
 * `KAFKA_FLAVOR=strimzi npm run synth` (and every other variant) writes that flavour into dist/,
 * which must not make `npm test` fail. When the working tree's dist/ differs from Git's HEAD, the
 * tests that check "dist/ is current" compare against HEAD's dist/ instead (what is committed),
 * and say so; a dist/ left stale by a library change still fails, since HEAD's is stale too.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');

const git = (args: string[], cwd: string) => spawnSync('git', args, { cwd, encoding: 'utf8' });

/**
 * The folder holding the committed dist/: `<root>/dist` when it is what HEAD has (or when `root`
 * is not a Git work tree, e.g. an unpacked tarball), else HEAD's dist/ extracted into `tmp`.
 */
export function committedDist(tmp: string, root = ROOT): string {
  const dist = path.join(root, 'dist');
  if (git(['rev-parse', '--is-inside-work-tree'], root).stdout.trim() !== 'true') return dist;
  // Changed, deleted or untracked files under dist/ (a flavour's layout adds folders).
  const status = git(['status', '--porcelain', '--untracked-files=all', '--', 'dist'], root);
  if (status.status !== 0 || status.stdout.trim() === '') return dist;
  const out = path.join(tmp, 'committed');
  fs.mkdirSync(out, { recursive: true });
  const archive = spawnSync('git', ['archive', '--format=tar', 'HEAD', 'dist'], { cwd: root, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive HEAD dist failed: ${archive.stderr}`);
  const untar = spawnSync('tar', ['-x', '-C', out], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  process.stdout.write(`dist/ differs from HEAD (a flavour tried? \`npm run synth\` or \`git checkout dist\` restores it): checking HEAD's dist/\n`);
  return path.join(out, 'dist');
}
