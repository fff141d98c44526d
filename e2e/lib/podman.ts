// The podman command line that works on these machines (../shared/RUNTIME.md): runc, cgroupfs.
import { ExecResult, RunOptions, run, runOk } from './exec';

/** podman with the runtime and cgroup manager that work here. */
export const PODMAN = ['podman', '--runtime', 'runc', '--cgroup-manager=cgroupfs'];

/** Prefix of every object (pod, container, network, image tag of our own) the harness creates. */
export const PREFIX = 'e2e-';

export function podman(args: readonly string[], opts?: RunOptions): Promise<ExecResult> {
  return run([...PODMAN, ...args], opts);
}

export function podmanOk(args: readonly string[], opts?: RunOptions): Promise<string> {
  return runOk([...PODMAN, ...args], opts);
}
