// Volumes on the host, as the kubelet lays them out: ConfigMap/Secret folders written atomically
// (..data symlink swap, so running pods see updates), emptyDir folders per pod, claim folders that
// outlive their pods (with lost+found, as a fresh ext4 volume), fsGroup ownership.
import * as fs from 'fs';
import * as path from 'path';
import { objectData } from './podspec';
import { K8sObject } from './model';

/** Writes `files` (relative path → content, mode) into `dir` the way the kubelet's AtomicWriter does. */
export function writeAtomic(dir: string, files: { [rel: string]: { content: string; mode: number } }, gid?: number): void {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = `..${new Date().toISOString().replace(/[:.]/g, '_')}.${process.pid}.${Math.random().toString(36).slice(2, 8)}`;
  const tsDir = path.join(dir, stamp);
  fs.mkdirSync(tsDir);
  for (const [rel, f] of Object.entries(files)) {
    const target = path.join(tsDir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.content);
    fs.chmodSync(target, f.mode);
    if (gid !== undefined) fs.chownSync(target, 0, gid);
  }
  fs.chmodSync(tsDir, 0o755);
  // Swap ..data to the new folder in one rename; the user-visible names link through ..data.
  const tmpLink = path.join(dir, '..data_tmp');
  fs.rmSync(tmpLink, { force: true });
  fs.symlinkSync(stamp, tmpLink);
  const old = fs.existsSync(path.join(dir, '..data')) ? fs.readlinkSync(path.join(dir, '..data')) : undefined;
  fs.renameSync(tmpLink, path.join(dir, '..data'));
  const top = new Set(Object.keys(files).map(rel => rel.split('/')[0]));
  for (const name of top) {
    const link = path.join(dir, name);
    if (!fs.existsSync(link)) fs.symlinkSync(path.join('..data', name), link);
  }
  for (const entry of fs.readdirSync(dir)) {
    if (!entry.startsWith('..') && !top.has(entry)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  if (old && old !== stamp) fs.rmSync(path.join(dir, old), { recursive: true, force: true });
}

/** Files of a configMap or secret volume (items select and rename keys; modes from defaultMode / item mode). */
export function projectedFiles(volume: any, source: K8sObject | undefined, fsGroup: number | undefined): { [rel: string]: { content: string; mode: number } } | undefined {
  const spec = volume.configMap ?? volume.secret;
  if (!source) return spec.optional ? {} : undefined;
  const data = objectData(source);
  const defaultMode: number = spec.defaultMode ?? 0o644;
  // With fsGroup the kubelet makes the files group-readable (owner root, group fsGroup).
  const withGroup = (m: number) => (fsGroup !== undefined ? m | 0o440 : m);
  const out: { [rel: string]: { content: string; mode: number } } = {};
  if (spec.items) {
    for (const it of spec.items) {
      if (!(it.key in data)) {
        if (spec.optional) continue;
        return undefined;
      }
      out[it.path] = { content: data[it.key], mode: withGroup(it.mode ?? defaultMode) };
    }
  } else {
    for (const [k, v] of Object.entries(data)) out[k] = { content: v, mode: withGroup(defaultMode) };
  }
  return out;
}

/**
 * Files of a projected volume's configMap and secret sources (each as its own volume would give
 * them, with the projected volume's defaultMode); undefined when a non-optional source is
 * missing. Other source kinds (serviceAccountToken, downwardAPI, clusterTrustBundle) are not run.
 */
export function projectedVolumeFiles(volume: any, lookup: (kind: 'ConfigMap' | 'Secret', name: string) => K8sObject | undefined,
  fsGroup: number | undefined): { [rel: string]: { content: string; mode: number } } | undefined {
  const out: { [rel: string]: { content: string; mode: number } } = {};
  const defaultMode = volume.projected.defaultMode;
  for (const source of volume.projected.sources ?? []) {
    const kind = source.configMap ? 'ConfigMap' : source.secret ? 'Secret' : undefined;
    if (!kind) throw new Error(`projected volume ${volume.name}: only configMap and secret sources are run (got ${Object.keys(source).join(', ')})`);
    const spec = { ...(source.configMap ?? source.secret), ...(defaultMode !== undefined ? { defaultMode } : {}) };
    const files = projectedFiles(kind === 'ConfigMap' ? { configMap: spec } : { secret: spec }, lookup(kind, spec.name), fsGroup);
    if (!files) return undefined;
    Object.assign(out, files);
  }
  return out;
}

/** A new claim folder: empty but for lost+found, as a freshly formatted ext4 volume. */
export function ensureClaimDir(dir: string): boolean {
  if (fs.existsSync(dir)) return false;
  fs.mkdirSync(path.join(dir, 'lost+found'), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.join(dir, 'lost+found'), 0o700);
  fs.chmodSync(dir, 0o755);
  return true;
}

/**
 * fsGroup as the kubelet applies it to emptyDir and claim volumes: group ownership, group
 * rw(x), setgid on folders, recursively; OnRootMismatch skips volumes whose root already matches.
 */
export function applyFsGroup(dir: string, gid: number, policy: 'Always' | 'OnRootMismatch'): void {
  const st = fs.statSync(dir);
  if (policy === 'OnRootMismatch' && st.gid === gid && (st.mode & 0o2070) === 0o2070) return;
  const walk = (p: string) => {
    const s = fs.lstatSync(p);
    if (s.isSymbolicLink()) return;
    fs.chownSync(p, s.uid, gid);
    if (s.isDirectory()) {
      fs.chmodSync(p, (s.mode & 0o7777) | 0o2070);
      for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    } else {
      fs.chmodSync(p, (s.mode & 0o7777) | 0o060 | ((s.mode & 0o100) ? 0o010 : 0));
    }
  };
  walk(dir);
}

/** Bytes used under `dir` (files' allocated size, as du), for emptyDir sizeLimit. */
export function usedBytes(dir: string): number {
  let total = 0;
  const walk = (p: string) => {
    let s: fs.Stats;
    try { s = fs.lstatSync(p); } catch { return; }
    total += s.blocks * 512;
    if (s.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
  return total;
}
