// Child processes for the e2e harness: run a command, capture its output, bound its time.
import { spawn, SpawnOptions } from 'child_process';

/** What a finished command gave. */
export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the command was killed because it ran past its timeout. */
  readonly timedOut: boolean;
}

/** Options of {@link run}. */
export interface RunOptions {
  /** Milliseconds before the command is killed (SIGKILL). @default no limit */
  readonly timeoutMs?: number;
  /** Text written to the command's standard input. */
  readonly input?: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs `argv` and resolves with its exit code and output; never rejects for a non-zero exit. */
export function run(argv: readonly string[], opts: RunOptions = {}): Promise<ExecResult> {
  return new Promise(resolve => {
    // Without input, stdin is /dev/null, never a socket: bash built with SSH_SOURCE_BASHRC (Debian's)
    // takes a socket on stdin for an ssh session and sources ~/.bashrc, which here ran pyenv-rehash
    // past the 1 s of a tcpSocket probe, so brokers never passed their startup probe.
    const stdin = opts.input === undefined ? 'ignore' : 'pipe';
    const spawnOpts: SpawnOptions = { cwd: opts.cwd, env: opts.env ?? process.env, stdio: [stdin, 'pipe', 'pipe'] };
    const child = spawn(argv[0], argv.slice(1), spawnOpts);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, opts.timeoutMs);
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', e => err.push(Buffer.from(String(e))));
    child.on('close', code => {
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
    if (child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.input);
    }
  });
}

/** Runs `argv` and returns its stdout; throws with the command and its stderr on a non-zero exit. */
export async function runOk(argv: readonly string[], opts: RunOptions = {}): Promise<string> {
  const r = await run(argv, opts);
  if (r.code !== 0) {
    throw new Error(`${argv.join(' ')} exited ${r.timedOut ? 'on timeout' : r.code}: ${(r.stderr || r.stdout).trim().slice(-2000)}`);
  }
  return r.stdout;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
