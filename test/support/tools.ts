// Tests that need a tool of the machine (java, openssl, busybox, podman…): run where the tools
// are, a visible skip where they are not, and a failure under CI, which must have them.
import { spawnSync } from 'child_process';

const found = new Map<string, boolean>();

/** Whether `tool` runs (`tool --version`, or `-version` for java). */
export function hasTool(tool: string): boolean {
  if (!found.has(tool)) {
    const args = tool === 'java' || tool === 'javac' ? ['-version'] : tool === 'openssl' ? ['version'] : ['--version'];
    found.set(tool, spawnSync(tool, args, { stdio: 'ignore' }).status === 0);
  }
  return found.get(tool)!;
}

/** `test` when every tool is installed, else `test.skip` with the reason; under CI a missing tool fails the test. */
export function toolTest(name: string, tools: readonly string[], fn: jest.ProvidesCallback, timeout?: number): void {
  const missing = tools.filter(t => !hasTool(t));
  if (missing.length === 0) test(name, fn, timeout);
  else if (process.env.CI) test(name, () => { throw new Error(`${missing.join(', ')} not on the PATH: CI must run this test`); });
  else test.skip(`${name} (skipped: ${missing.join(', ')} not on the PATH)`, fn);
}
