// Tests that need a tool of the machine (java, openssl, busybox, podman…): run where the tools
// are, a visible skip where they are not, and a failure under CI, which must have them.
import { spawnSync } from 'child_process';

const found = new Map<string, boolean>();

/** The arguments a tool answers with status 0 when it works (shells have no --version: they run `true`). */
function probe(tool: string): string[] {
  const name = tool.slice(tool.lastIndexOf('/') + 1);
  if (name === 'java' || name === 'javac') return ['-version'];
  if (name === 'openssl') return ['version'];
  if (name === 'kubectl') return ['version', '--client'];
  if (name === 'busybox') return ['true'];
  if (['sh', 'dash', 'bash'].includes(name)) return ['-c', 'true'];
  return ['--version'];
}

/** Whether `tool` (a name on the PATH, or an absolute path) runs. */
export function hasTool(tool: string): boolean {
  if (!found.has(tool)) found.set(tool, spawnSync(tool, probe(tool), { stdio: 'ignore' }).status === 0);
  return found.get(tool)!;
}

/** `test` when every tool is installed, else `test.skip` with the reason; under CI a missing tool fails the test. */
export function toolTest(name: string, tools: readonly string[], fn: jest.ProvidesCallback, timeout?: number): void {
  const missing = tools.filter(t => !hasTool(t));
  if (missing.length === 0) test(name, fn, timeout);
  else if (process.env.CI) test(name, () => { throw new Error(`${missing.join(', ')} not on the PATH: CI must run this test`); });
  else test.skip(`${name} (skipped: ${missing.join(', ')} not on the PATH)`, fn);
}
