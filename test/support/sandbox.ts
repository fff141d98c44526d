// A temp root with fake executables, for running generated shell scripts with their absolute paths moved into it.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A temp root with fake executables; `run` rewrites the script's absolute paths into it. */
export class Sandbox {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'raw-scripts-'));
  constructor(private readonly paths: Record<string, string>) {
    for (const dir of Object.values(paths)) fs.mkdirSync(path.join(this.root, dir), { recursive: true });
  }
  /** A fake tool that appends its arguments (one line) to <root>/calls, then runs `extra`. */
  tool(dir: string, name: string, extra = ''): void {
    fs.writeFileSync(path.join(this.root, this.paths[dir], name),
      `#!/bin/bash\nprintf '%s\\n' "${name} $*" >> "${this.root}/calls"\n${extra}\n`, { mode: 0o755 });
  }
  file(rel: string): string {
    return path.join(this.root, rel);
  }
  run(script: string, env: Record<string, string>) {
    // One pass over every mapped path, longest first (so that /tmp never rewrites an already moved path).
    const froms = Object.keys(this.paths).sort((x, y) => y.length - x.length);
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const s = script.replace(new RegExp(froms.map(esc).join('|'), 'g'), m => path.join(this.root, this.paths[m]));
    // stdin not a socket: Debian's bash would read ~/.bashrc, thinking it runs under sshd.
    const r = spawnSync('/bin/bash', ['-c', s], { env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8', timeout: 20000, stdio: ['ignore', 'pipe', 'pipe'] });
    const calls = fs.existsSync(this.file('calls')) ? fs.readFileSync(this.file('calls'), 'utf8').trim().split('\n') : [];
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls };
  }
  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
