/**
 * docs/errors.md is generated from the error sites in lib/ (scripts/errors-catalogue.js): it
 * lists every KafkaConfigError message shape, and this test fails when it is stale.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { collect } = require('../scripts/errors-catalogue');

const ROOT = path.resolve(__dirname, '..');

test('docs/errors.md is current (run node scripts/errors-catalogue.js after changing a message)', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'errors-catalogue.js'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

test('every shape names a field, what is allowed and a fix', () => {
  const shapes: { field: string; allowed: string; fix: string }[] = collect();
  expect(shapes.length).toBeGreaterThan(250);
  for (const s of shapes) {
    expect(s.field).not.toBe('');
    expect(s.allowed).not.toBe('');
    expect(s.fix).not.toBe('');
  }
  // The checks this issue added are in it.
  const fields = new Set(shapes.map(s => s.field));
  for (const f of ['clusterName', 'topic', 'metadata.name', 'clusterDomain']) expect(fields).toContain(f);
});
