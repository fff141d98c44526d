// The e2e harness's child processes: what a probe or a podman call sees as its standard input.
import { run } from '../e2e/lib/exec';

describe('run', () => {
  test('without input, stdin is not a socket (Debian bash would source ~/.bashrc as for an ssh session)', async () => {
    const r = await run(['bash', '-c', 'if [ -S /dev/stdin ]; then echo socket; else echo other; fi']);
    expect(r.stdout.trim()).toBe('other');
  });

  test('with input, the command reads it and sees its end', async () => {
    const r = await run(['cat'], { input: 'a\nb\n' });
    expect(r).toMatchObject({ code: 0, stdout: 'a\nb\n', timedOut: false });
  });

  test('a command past its timeout is killed and reported as timed out', async () => {
    const r = await run(['sleep', '5'], { timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(r.code).not.toBe(0);
  });
});
