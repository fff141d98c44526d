// Entry point of `npm run plan [-- --base DIR] [--json]` (scripts/plan.js bundles and runs it).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatPlan, planFolders } from './plan';

const ROOT = path.resolve(__dirname, '..');

function main(argv: string[]): number {
  let base = path.join(ROOT, 'dist');
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--base') base = path.resolve(argv[++i] ?? '');
    else if (argv[i].startsWith('--base=')) base = path.resolve(argv[i].slice('--base='.length));
    else if (argv[i] === '--json') json = true;
    else {
      process.stderr.write(`plan: unknown argument ${argv[i]}\nusage: npm run plan [-- --base DIR] [--json]\n`);
      return 2;
    }
  }
  if (!fs.existsSync(base)) {
    process.stderr.write(`plan: no base folder ${base}: synthesize the deployed version first, or pass --base DIR\n`);
    return 2;
  }
  // Exactly what `npm run synth` does (same env: KAFKA_FLAVOR, KAFKA_OUTPUT, KAFKA_APP_ENTRY, ...), into a temp folder.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kafka-plan-'));
  const next = path.join(tmp, 'out');
  try {
    const synth = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'synth.js'), '--outdir', next], { cwd: ROOT, env: process.env, encoding: 'utf8' });
    if (synth.status !== 0) {
      process.stderr.write(`${synth.stdout}${synth.stderr}plan: synth failed; nothing compared\n`);
      return synth.status || 1;
    }
    const plan = planFolders(base, next);
    process.stdout.write(json ? `${JSON.stringify(plan, null, 2)}\n` : `${formatPlan(plan, path.relative(process.cwd(), base) || base)}\n`);
    return plan.safe ? 0 : 3;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
