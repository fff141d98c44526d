import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

// `npm run strimzi-check` (tools/strimzi-check): every Strimzi resource of both Strimzi flavours, both layouts and
// every example, checked with Strimzi's own Java model. Needs Java 21+, Maven and its install step
// (`npm run strimzi-check:install`, run by .ci/run, which sets STRIMZI_CHECK_REQUIRED=1 so nothing is skipped there).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { missingTools } = require('../tools/strimzi-check/run.js');

const ROOT = path.resolve(__dirname, '..');
const RUN = path.join(ROOT, 'tools', 'strimzi-check', 'run.js');
const REQUIRED = process.env.STRIMZI_CHECK_REQUIRED === '1';
const installed = ['release-1.2.0', 'release-0.45'].every(m => fs.existsSync(path.join(ROOT, 'tools', 'strimzi-check', m, 'target', 'classpath.txt')));
const reason: string | undefined = missingTools() ?? (installed ? undefined : 'its install step has not run (npm run strimzi-check:install)');
if (reason && !REQUIRED) {
  // eslint-disable-next-line no-console
  console.log(`SKIPPED strimzi-check: ${reason}`);
}
const checkTest = reason && !REQUIRED ? test.skip : test;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [RUN, '--offline', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  const lines = `${r.stdout}`.trim().split('\n');
  return { status: r.status, out: `${r.stdout}${r.stderr}`, last: lines[lines.length - 1] };
}

checkTest('every Strimzi resource of the flavours and examples passes Strimzi\'s model with 0 warnings and 0 errors', () => {
  const r = run();
  expect(r.out).toMatch(/^ok +1\.2\.0 +flavour-strimzi\/plain +Kafka\/my-cluster /m);
  expect(r.out).toMatch(/^ok +0\.45\.2 +example-production-connect-zookeeper\/flux +KafkaConnector\//m);
  // The parts that did not run are named, never counted as passed.
  expect(r.out).toMatch(/NOT run: /);
  const m = /^strimzi-check: (\d+) resources, (\d+) warnings, (\d+) errors$/.exec(r.last);
  expect({ last: r.last, status: r.status, findings: r.out.split('\n').filter(l => /^ {10}(warning|error): /.test(l)) })
    .toEqual({ last: `strimzi-check: ${m?.[1]} resources, 0 warnings, 0 errors`, status: 0, findings: [] });
  expect(Number(m?.[1])).toBeGreaterThanOrEqual(70);
}, 600_000);

checkTest('a resource the api model rejects or warns about is reported and fails the check (canary)', () => {
  const r = run('--input', path.join(ROOT, 'test', 'fixtures', 'strimzi-check-bad'), '--release', '1.2.0');
  expect(r.status).toBe(1);
  expect(r.out).toContain('error: api-model: property .spec.kafka.listeners[0].name = Plain-Listener does not match its pattern ^[a-z0-9]{1,11}$');
  expect(r.out).toContain('error: api-model: property .spec.kafka.listeners[0].type has a value the api model does not understand: "internall"');
  expect(r.out).toContain('warning: api-model: UnknownFields: object at path .spec.kafka has an unknown property: replicas');
  expect(r.out).toContain('error: api-model: object at path .spec.kafka.template.pod.securityContext (PodSecurityContext) has unknown Kubernetes properties: runAsUsr');
  expect(r.out).toContain('error: api-model: property .spec.replicas = -1 is below its minimum 0');
  expect(r.out).toContain('error: api-model: item .spec.roles[1] has a value the api model does not understand: "wizard"');
  expect(r.out).toContain('error: api-model: apiVersion kafka.strimzi.io/v1beta2 is not served by this release (it serves kafka.strimzi.io/v1)');
  expect(r.last).toMatch(/^strimzi-check: 4 resources, [1-9]\d* warnings, [1-9]\d* errors$/);
}, 600_000);
