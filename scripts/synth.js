#!/usr/bin/env node
/**
 * `npm run synth`: a synth that never destroys the previous output.
 *
 * cdk8s-cli deletes its output folder before it runs the app, so a failing `cdk8s synth`
 * leaves no dist/ at all. This script runs the same CLI (same app command, same validation
 * plugins from cdk8s.yaml) into a temporary folder beside the output folder, and replaces
 * the output folder only when the synth and its validations succeed (rename swap on the same
 * filesystem). On failure the previous output is left byte-identical, the CLI's report is
 * printed and the exit code is non-zero.
 *
 * Usage: node scripts/synth.js [--outdir DIR] [-- extra cdk8s synth flags]
 *   --outdir DIR (or KAFKA_SYNTH_OUTDIR=DIR): output folder (default: <repo>/dist)
 * KAFKA_FLAVOR, KAFKA_OUTPUT, KAFKA_FLUX_PATH, KAFKA_FLUX_SOURCE and KAFKA_APP_ENTRY pass through.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

function parseArgs(argv) {
  const args = { outdir: undefined, extra: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.extra.push(...argv.slice(i + 1));
      break;
    } else if (a === '--outdir' || a === '-o') {
      args.outdir = argv[++i];
    } else if (a.startsWith('--outdir=')) {
      args.outdir = a.slice('--outdir='.length);
    } else {
      args.extra.push(a);
    }
  }
  return args;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const outdir = path.resolve(args.outdir || process.env.KAFKA_SYNTH_OUTDIR || path.join(root, 'dist'));
  const parent = path.dirname(outdir);
  const base = path.basename(outdir);
  fs.mkdirSync(parent, { recursive: true });
  // Beside the output folder, so the final rename never crosses filesystems.
  const tmp = path.join(parent, `.${base}.synth-${process.pid}`);
  const old = path.join(parent, `.${base}.old-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });

  const started = Date.now();
  const cli = path.join(root, 'node_modules', '.bin', 'cdk8s');
  const res = spawnSync(cli, ['synth', '--output', tmp, ...args.extra], {
    cwd: root, // cdk8s.yaml, the app command and ./validation are resolved from the repository root
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  // Report paths as the user will find them after the swap.
  const show = s => (s || '').split(tmp).join(outdir);
  process.stdout.write(show(res.stdout));
  process.stderr.write(show(res.stderr));

  const status = res.error ? 1 : res.status === null ? 1 : res.status;
  if (status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const reason = res.error ? res.error.message : firstError(res.stderr) || firstError(res.stdout) || `cdk8s synth exited with ${status}`;
    process.stderr.write(`\nsynth failed: ${show(reason)}\n${display(outdir)} was left unchanged.\n`);
    process.exit(status || 1);
  }

  // Left behind by cdk8s-cli for validation reports; not a manifest (kubectl apply -f would choke on it).
  fs.rmSync(path.join(tmp, 'construct-metadata.json'), { force: true });
  const hadPrevious = fs.existsSync(outdir);
  if (hadPrevious) fs.renameSync(outdir, old);
  try {
    fs.renameSync(tmp, outdir);
  } catch (e) {
    if (hadPrevious) fs.renameSync(old, outdir);
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  if (hadPrevious) fs.rmSync(old, { recursive: true, force: true });
  process.stdout.write(`synth ok: ${display(outdir)} replaced in ${((Date.now() - started) / 1000).toFixed(2)} s\n`);
}

/** The output folder relative to the working directory when it is inside it, else absolute. */
function display(dir) {
  const rel = path.relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : dir;
}

/** The first thrown error message of the app ("Error: …", "KafkaConfigError: …") or a CLI error line. */
function firstError(text) {
  const lines = (text || '').split('\n');
  const thrown = lines.find(l => /^\s*[A-Za-z]*Error: /.test(l));
  if (thrown) return thrown.trim();
  const failed = lines.find(l => /Validation failed|failed|error/i.test(l));
  return failed ? failed.trim() : undefined;
}

main();
