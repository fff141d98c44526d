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

/**
 * Removes a pod. `podman pod rm` keeps the anonymous volumes of the images' VOLUME paths (the
 * official images declare some), so its containers go first with `-v` (the infra container only
 * goes with the pod).
 */
export async function removePod(name: string): Promise<void> {
  const rows = (await podman(['ps', '-a', '--filter', `pod=${name}`, '--format', '{{.ID}} {{.IsInfra}}'])).stdout.split('\n');
  const ids = rows.filter(r => r.endsWith(' false')).map(r => r.split(' ')[0]);
  if (ids.length) await podman(['rm', '-f', '-v', '-t', '0', ...ids], { timeoutMs: 120_000 });
  await podman(['pod', 'rm', '-f', name], { timeoutMs: 120_000 });
}
