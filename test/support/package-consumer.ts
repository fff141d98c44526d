/**
 * The library as its users get it: `npm pack` of a copy of the sources, and consumer projects
 * that `npm install` the tarball with their own pinned cdk8s and constructs (from the npm
 * registry, the only network the tests use; `--prefer-offline` reuses npm's cache).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
export const QUIET_NPM: NodeJS.ProcessEnv = {
  ...process.env,
  npm_config_loglevel: 'error', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false',
};

/** What `npm pack` reads besides node_modules. */
const SOURCES = ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json', 'lib', 'imports', 'validation', 'schemas'];

/**
 * Packs a copy of the sources (so that `prepack`, which cleans and rebuilds build/, never races
 * with another test over the repo's build/). Returns the tarball.
 *
 * The stage's node_modules holds copies of the production dependencies (what the lockfile does
 * not mark dev), which `npm pack` bundles, and links to the rest, which `prepack` builds with.
 * A link to the whole repo node_modules made npm bundle ajv without its own dependencies (npm
 * does not walk into a linked tree), and every consumer failed `npm ls`.
 */
export function packLibrary(tmp: string): string {
  const stage = path.join(tmp, 'stage');
  fs.mkdirSync(stage);
  for (const entry of SOURCES) fs.cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
  const production = new Set(productionPackages());
  const modules = path.join(ROOT, 'node_modules');
  for (const top of fs.readdirSync(modules)) {
    const names = top.startsWith('@') ? fs.readdirSync(path.join(modules, top)).map(n => `${top}/${n}`) : [top];
    for (const name of names) {
      const from = path.join(modules, name);
      const to = path.join(stage, 'node_modules', name);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      if (production.has(`node_modules/${name}`)) fs.cpSync(from, to, { recursive: true });
      else fs.symlinkSync(from, to, 'dir');
    }
  }
  execFileSync(NPM, ['pack', '--pack-destination', tmp], { cwd: stage, env: QUIET_NPM, stdio: 'pipe' });
  const tgz = fs.readdirSync(tmp).filter(f => f.endsWith('.tgz'));
  if (tgz.length !== 1) throw new Error(`npm pack wrote ${tgz.length} tarballs`);
  return path.join(tmp, tgz[0]);
}

/** Lockfile paths of the packages a production install gets (`node_modules/ajv`, ...). */
export function productionPackages(): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  return Object.entries<any>(lock.packages).filter(([k, v]) => k !== '' && !v.dev && !v.devOptional).map(([k]) => k);
}

/** The lowest version a peer range allows (`^2.68.81` → `2.68.81`). */
export function lowestOf(range: string): string {
  const m = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  if (!m) throw new Error(`peer range ${range}: expected ^x.y.z`);
  return m[1];
}

/** The version of a package installed in the repo (what the lockfile pins). */
export function repoVersion(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

export interface Consumer {
  readonly dir: string;
  /** `npm install` wall time, seconds. */
  readonly installSeconds: number;
}

/** A fresh project with `cdk8s-kafka` (the tarball) and exact cdk8s/constructs versions, installed by npm. */
export function installConsumer(dir: string, tarball: string, versions: { cdk8s: string; constructs: string }): Consumer {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'consumer', version: '1.0.0', private: true,
    dependencies: { 'cdk8s': versions.cdk8s, 'constructs': versions.constructs, 'cdk8s-kafka': `file:${tarball}` },
  }, null, 2));
  const started = Date.now();
  try {
    execFileSync(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, env: QUIET_NPM, stdio: 'pipe', encoding: 'utf8' });
  } catch (e: any) {
    throw new Error(`npm install in the consumer project failed (needs the npm registry or npm's cache):\n${e.stdout}${e.stderr}`);
  }
  return { dir, installSeconds: (Date.now() - started) / 1000 };
}

/** Every installed package of a project: name → install paths (`npm ls --all --parseable`). */
export function installedPackages(dir: string): Map<string, string[]> {
  const out = execFileSync(NPM, ['ls', '--all', '--parseable'], { cwd: dir, env: QUIET_NPM, encoding: 'utf8' });
  const byName = new Map<string, string[]>();
  for (const p of out.trim().split('\n').slice(1)) {
    const rel = path.relative(dir, p).split(path.sep);
    const i = rel.lastIndexOf('node_modules');
    const name = rel[i + 1].startsWith('@') ? `${rel[i + 1]}/${rel[i + 2]}` : rel[i + 1];
    byName.set(name, [...byName.get(name) ?? [], path.relative(dir, p)]);
  }
  return byName;
}

/** Size in bytes of the files under `dir`. */
export function duBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += fs.statSync(path.join(e.parentPath ?? (e as any).path, e.name)).size;
  }
  return total;
}
