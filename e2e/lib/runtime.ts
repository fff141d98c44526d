// Is the container runtime of ../shared/RUNTIME.md usable here? (npm test skips the e2e otherwise.)
import { run } from './exec';
import { PODMAN } from './podman';

/** Why the e2e cannot run on this machine, or undefined when it can. */
export async function runtimeProblem(): Promise<string | undefined> {
  if (process.platform !== 'linux') return `needs Linux (this is ${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'needs root (rootful podman with runc, as in ../shared/RUNTIME.md)';
  for (const tool of ['podman', 'runc', 'mmdebstrap', 'mvn', 'nsenter', 'unzip', 'curl']) {
    const r = await run(['sh', '-c', `command -v ${tool}`]);
    if (r.code !== 0) return `${tool} is not installed (see e2e/README.md: apt-get install podman runc mmdebstrap; Maven)`;
  }
  const info = await run([...PODMAN, 'info', '--format', '{{.Host.OCIRuntime.Name}}'], { timeoutMs: 60_000 });
  if (info.code !== 0) return `podman does not work: ${(info.stderr || info.stdout).trim().split('\n').pop()}`;
  return undefined;
}
