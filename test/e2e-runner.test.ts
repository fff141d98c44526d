// Unit tests of the e2e pod runner's pure parts (no containers): YAML → pod plans, env
// resolution, StatefulSet rollout ordering, probe timing, DNS entries, kubectl-apply refusals.
import { clusterEntries, renderHosts } from '../e2e/runner/dns';
import { keyOf, matches, quantity, refuseUnsupported } from '../e2e/runner/model';
import { ContainerProbes, restartBackoffSeconds } from '../e2e/runner/probes';
import { ConfigError, expand, resolveArgv, resolveEnv, resolveSecurity, securityArgs } from '../e2e/runner/podspec';
import { SetPod, forbiddenStatefulSetChanges, statefulSetActions } from '../e2e/runner/statefulset';
import { projectedFiles, projectedVolumeFiles, writeAtomic } from '../e2e/runner/volumes';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const pod = { name: 'kafka-0', namespace: 'kafka', uid: 'u1', podIP: '10.0.0.5', hostIP: '127.0.0.1', nodeName: 'n1', serviceAccountName: 'default', labels: { app: 'k' }, annotations: {} };
const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: Buffer.from('p@ss').toString('base64') } };
const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } };
const lookup = { secret: (n: string) => (n === 's' ? secret : undefined), configMap: (n: string) => (n === 'c' ? cm : undefined) };
const image = { entrypoint: ['/entry'], cmd: ['run'], user: 'appuser', workingDir: '' };

describe('env resolution', () => {
  test('fieldRef, secretKeyRef, configMapKeyRef, envFrom with prefix, $(VAR) expansion, later wins', () => {
    const env = resolveEnv({
      envFrom: [{ configMapRef: { name: 'c' }, prefix: 'CM_' }],
      env: [
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'PW', valueFrom: { secretKeyRef: { name: 's', key: 'password' } } },
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'a' } } },
        { name: 'CM_a', value: 'override' },
        { name: 'URL', value: '$(POD).$(NS):$(MISSING) $$(POD)' },
      ],
    }, pod, lookup);
    expect(Object.fromEntries(env)).toEqual({
      CM_a: 'override', CM_b: '2', POD: 'kafka-0', IP: '10.0.0.5', NS: 'kafka', PW: 'p@ss', A: '1', URL: 'kafka-0.kafka:$(MISSING) $(POD)',
    });
  });

  test('a missing Secret key is a CreateContainerConfigError unless optional', () => {
    expect(() => resolveEnv({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'nope' } } }] }, pod, lookup)).toThrow(ConfigError);
    expect(resolveEnv({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'gone', key: 'k', optional: true } } }] }, pod, lookup)).toEqual([]);
  });

  test('expand leaves unknown references and unescapes $$', () => {
    expect(expand('$(A)-$(B)-$$(A)', new Map([['A', 'x']]))).toBe('x-$(B)-$(A)');
  });
});

describe('argv: command/args against the image entrypoint', () => {
  test.each([
    [{}, ['/entry', 'run']],
    [{ args: ['x'] }, ['/entry', 'x']],
    [{ command: ['/bin/sh', '-c'] }, ['/bin/sh', '-c']],
    [{ command: ['/bin/sh'], args: ['-c', 'echo $(POD)'] }, ['/bin/sh', '-c', 'echo kafka-0']],
  ])('%j → %j', (c, argv) => {
    expect(resolveArgv(c, image, [['POD', 'kafka-0']])).toEqual(argv);
  });
});

describe('security context', () => {
  const podSpec = { securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, runAsNonRoot: true, supplementalGroups: [5] } };
  test('pod and container settings become podman flags', () => {
    const s = resolveSecurity(podSpec, { securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }, image);
    expect(securityArgs(s, '512Mi')).toEqual(['--user', '1000:1000', '--group-add', '5', '--group-add', '1000', '--read-only', '--read-only-tmpfs=false',
      '--security-opt', 'no-new-privileges', '--cap-drop', 'ALL', '--memory', `${512 * 1024 * 1024}b`, '--memory-swap', `${512 * 1024 * 1024}b`]);
  });
  test('runAsNonRoot refuses root and unverifiable non-numeric image users', () => {
    expect(() => resolveSecurity({ securityContext: { runAsNonRoot: true, runAsUser: 0 } }, {}, image)).toThrow(/run as root/);
    expect(() => resolveSecurity({ securityContext: { runAsNonRoot: true } }, {}, image)).toThrow(/non-numeric user/);
  });
});

const setPod = (ordinal: number, revision: string, ready = true, extra: Partial<SetPod> = {}): SetPod => ({ ordinal, revision, ready, terminating: false, finished: false, ...extra });

describe('StatefulSet controller', () => {
  const rolling = { replicas: 3, podManagementPolicy: 'Parallel' as const, updateStrategy: { type: 'RollingUpdate' as const } };
  test('Parallel creates every missing ordinal at once; OrderedReady one at a time after the lower ones are Ready', () => {
    expect(statefulSetActions(rolling, [], 'r1', 'r1').map(a => a.kind === 'create' && a.ordinal)).toEqual([0, 1, 2]);
    const ordered = { ...rolling, podManagementPolicy: 'OrderedReady' as const };
    expect(statefulSetActions(ordered, [], 'r1', 'r1')).toEqual([{ kind: 'create', ordinal: 0, revision: 'update' }]);
    expect(statefulSetActions(ordered, [setPod(0, 'r1', false)], 'r1', 'r1')).toEqual([]);
    expect(statefulSetActions(ordered, [setPod(0, 'r1')], 'r1', 'r1')).toEqual([{ kind: 'create', ordinal: 1, revision: 'update' }]);
  });
  test('a rolling update deletes the highest outdated ordinal, one at a time, only when all are Ready', () => {
    const old = [setPod(0, 'r1'), setPod(1, 'r1'), setPod(2, 'r1')];
    expect(statefulSetActions(rolling, old, 'r2', 'r1')).toEqual([{ kind: 'delete', ordinal: 2, reason: 'update' }]);
    expect(statefulSetActions(rolling, [setPod(0, 'r1'), setPod(1, 'r1'), setPod(2, 'r2', false)], 'r2', 'r1')).toEqual([]);
    expect(statefulSetActions(rolling, [setPod(0, 'r1'), setPod(1, 'r1'), setPod(2, 'r2')], 'r2', 'r1')).toEqual([{ kind: 'delete', ordinal: 1, reason: 'update' }]);
    expect(statefulSetActions(rolling, [setPod(0, 'r1'), setPod(1, 'r1', true, { terminating: true }), setPod(2, 'r2')], 'r2', 'r1')).toEqual([]);
    expect(statefulSetActions(rolling, [setPod(0, 'r1'), setPod(2, 'r2')], 'r2', 'r1')).toEqual([{ kind: 'create', ordinal: 1, revision: 'update' }]);
  });
  test('partition: ordinals below it keep (and are recreated at) the current revision', () => {
    const part = { ...rolling, updateStrategy: { type: 'RollingUpdate' as const, partition: 2 } };
    expect(statefulSetActions(part, [setPod(0, 'r1'), setPod(1, 'r1'), setPod(2, 'r2')], 'r2', 'r1')).toEqual([]);
    expect(statefulSetActions(part, [setPod(1, 'r1'), setPod(2, 'r2')], 'r2', 'r1')).toEqual([{ kind: 'create', ordinal: 0, revision: 'current' }]);
  });
  test('OnDelete never deletes for an update; scale down removes the highest ordinals; finished pods are replaced', () => {
    const onDelete = { ...rolling, updateStrategy: { type: 'OnDelete' as const } };
    expect(statefulSetActions(onDelete, [setPod(0, 'r1'), setPod(1, 'r1'), setPod(2, 'r1')], 'r2', 'r1')).toEqual([]);
    expect(statefulSetActions({ ...rolling, replicas: 1 }, [setPod(0, 'r1'), setPod(1, 'r1'), setPod(2, 'r1')], 'r1', 'r1').map(a => a.ordinal)).toEqual([2, 1]);
    expect(statefulSetActions(rolling, [setPod(0, 'r1'), setPod(1, 'r1', false, { finished: true }), setPod(2, 'r1')], 'r1', 'r1')[0]).toEqual({ kind: 'delete', ordinal: 1, reason: 'finished' });
  });
  test('immutable fields are refused like the API server does', () => {
    const spec = { replicas: 3, serviceName: 'h', selector: { matchLabels: { a: 'b' } }, template: {}, podManagementPolicy: 'Parallel', volumeClaimTemplates: [{ metadata: { name: 'data' } }] };
    expect(forbiddenStatefulSetChanges(spec, { ...spec, replicas: 4, template: { x: 1 } })).toEqual([]);
    expect(forbiddenStatefulSetChanges(spec, { ...spec, serviceName: 'other', podManagementPolicy: 'OrderedReady' })).toEqual(['serviceName', 'podManagementPolicy']);
    expect(forbiddenStatefulSetChanges({ replicas: 1 }, { replicas: 1, podManagementPolicy: 'OrderedReady' })).toEqual([]);
  });
});

describe('probes', () => {
  test('startup gates readiness and liveness; thresholds drive ready, unready and restart', () => {
    const p = new ContainerProbes({
      startup: { tcpSocket: { port: 1 }, periodSeconds: 5, failureThreshold: 2 },
      readiness: { tcpSocket: { port: 1 }, periodSeconds: 5, failureThreshold: 2 },
      liveness: { tcpSocket: { port: 1 }, periodSeconds: 10, failureThreshold: 2 },
    }, 0);
    expect(p.due(0)).toEqual(['startup']);
    p.begin('startup');
    expect(p.record('startup', false, 0)).toEqual([]);
    expect(p.due(4000)).toEqual([]);
    expect(p.record('startup', true, 5000)).toEqual(['started']);
    expect(p.due(5000).sort()).toEqual(['liveness', 'readiness']);
    expect(p.record('readiness', true, 5000)).toEqual(['ready']);
    expect(p.record('readiness', false, 10000)).toEqual([]);
    expect(p.record('readiness', false, 15000)).toEqual(['unready']);
    expect(p.record('liveness', false, 15000)).toEqual([]);
    expect(p.record('liveness', false, 25000)).toEqual(['restart']);
  });
  test('startup failures past the threshold restart; no readiness probe means ready once started', () => {
    const p = new ContainerProbes({ startup: { exec: { command: ['x'] }, failureThreshold: 1 } }, 0);
    expect(p.record('startup', false, 0)).toEqual(['restart']);
    const q = new ContainerProbes({}, 0);
    expect(q.ready && q.started).toBe(true);
    const r = new ContainerProbes({ readiness: { exec: { command: ['x'] }, initialDelaySeconds: 10 } }, 0);
    expect(r.due(9999)).toEqual([]);
    expect(r.due(10000)).toEqual(['readiness']);
  });
  test('CrashLoopBackOff: immediate, then 10 s doubling to 300 s', () => {
    expect([1, 2, 3, 4, 7, 20].map(restartBackoffSeconds)).toEqual([0, 10, 20, 40, 300, 300]);
  });
});

describe('DNS as hosts files', () => {
  const headless = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'h', namespace: 'kafka' }, spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'k' } } };
  const bootstrap = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'b', namespace: 'kafka' }, spec: { selector: { app: 'k' } } };
  const pods = [
    { name: 'k-0', namespace: 'kafka', ip: '10.0.0.2', hostname: 'k-0', subdomain: 'h', labels: { app: 'k' }, ready: true, terminating: false },
    { name: 'k-1', namespace: 'kafka', ip: '10.0.0.3', hostname: 'k-1', subdomain: 'h', labels: { app: 'k' }, ready: false, terminating: false },
  ];
  test('per-pod names under the headless Service include not-ready pods with publishNotReadyAddresses; other Services only Ready ones', () => {
    const entries = clusterEntries([headless, bootstrap], pods, 'cluster.local', 'kafka');
    const names = (ip: string) => entries.filter(e => e[0] === ip).flatMap(e => e[1]);
    expect(names('10.0.0.3')).toContain('k-1.h.kafka.svc.cluster.local');
    expect(names('10.0.0.3')).not.toContain('b');
    expect(names('10.0.0.2')).toEqual(expect.arrayContaining(['b', 'b.kafka', 'b.kafka.svc', 'b.kafka.svc.cluster.local', 'k-0.h', 'k-0.h.kafka.svc.cluster.local']));
  });
  test('a Service with a cluster IP and no Ready endpoint resolves to the unused address; from another namespace only qualified names', () => {
    const entries = clusterEntries([bootstrap], [], 'cluster.local', 'other', '10.0.0.254');
    expect(entries).toEqual([['10.0.0.254', ['b.kafka', 'b.kafka.svc', 'b.kafka.svc.cluster.local']]]);
  });
  test('the pod\'s own line is its FQDN and hostname', () => {
    expect(renderHosts(pods[0], [], 'cluster.local')).toContain('10.0.0.2\tk-0.h.kafka.svc.cluster.local k-0\n');
  });
});

describe('manifests', () => {
  test('Service port ≠ targetPort is refused, unknown kinds are refused', () => {
    const svc = (targetPort: number) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort }] } });
    expect(() => refuseUnsupported([svc(80)])).not.toThrow();
    expect(() => refuseUnsupported([svc(8080)])).toThrow(/cannot be emulated/);
    expect(() => refuseUnsupported([{ apiVersion: 'kafka.strimzi.io/v1', kind: 'Kafka', metadata: { name: 'k' } }])).toThrow(/not run/);
  });
  test('selectors, keys and quantities', () => {
    expect(matches({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'In', values: ['x'] }] }, { a: '1', b: 'x' })).toBe(true);
    expect(matches({ a: '1' }, { a: '2' })).toBe(false);
    expect(keyOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kafka' } })).toBe('Namespace//kafka');
    expect([quantity('2Gi'), quantity('500M'), quantity('250m'), quantity(7)]).toEqual([2 * 1024 ** 3, 5e8, 0, 7]);
  });
});

describe('ConfigMap volumes', () => {
  test('items, modes and fsGroup; an update swaps ..data so running pods see the new content', () => {
    const files = projectedFiles({ configMap: { name: 'c', items: [{ key: 'a', path: 'x/a.txt', mode: 0o600 }], defaultMode: 0o644 } }, cm, 1000)!;
    expect(files).toEqual({ 'x/a.txt': { content: '1', mode: 0o640 } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cm-'));
    writeAtomic(dir, { 'server.properties': { content: 'a=1\n', mode: 0o644 } });
    const inode = fs.statSync(dir).ino;
    writeAtomic(dir, { 'server.properties': { content: 'a=2\n', mode: 0o644 }, 'extra': { content: 'x', mode: 0o644 } });
    expect(fs.readFileSync(path.join(dir, 'server.properties'), 'utf8')).toBe('a=2\n');
    expect(fs.readlinkSync(path.join(dir, 'server.properties'))).toBe('..data/server.properties');
    expect(fs.statSync(dir).ino).toBe(inode);
    writeAtomic(dir, { 'extra': { content: 'y', mode: 0o644 } });
    expect(fs.existsSync(path.join(dir, 'server.properties'))).toBe(false);
    expect(fs.readdirSync(dir).filter(e => e.startsWith('..') && e !== '..data')).toHaveLength(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  test('projected volumes: configMap and secret sources in one folder, with the projected defaultMode; a missing source fails it', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'kafka' }, data: { password: Buffer.from('pa"ss\\').toString('base64') } };
    const lookup = (kind: string, name: string) => (kind === 'ConfigMap' && name === 'c' ? cm : kind === 'Secret' && name === 's' ? secret : undefined) as any;
    const volume = { name: 'b', projected: { defaultMode: 0o440, sources: [{ configMap: { name: 'c' } }, { secret: { name: 's', items: [{ key: 'password', path: 'password' }] } }] } };
    expect(projectedVolumeFiles(volume, lookup, undefined)).toEqual({ a: { content: '1', mode: 0o440 }, b: { content: '2', mode: 0o440 }, password: { content: 'pa"ss\\', mode: 0o440 } });
    expect(projectedVolumeFiles({ name: 'b', projected: { sources: [{ secret: { name: 'gone' } }] } }, lookup, undefined)).toBeUndefined();
    expect(() => projectedVolumeFiles({ name: 'b', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }, lookup, undefined))
      .toThrow('projected volume b: only configMap and secret sources are run (got serviceAccountToken)');
  });
  test('a missing key without optional fails the volume', () => {
    expect(projectedFiles({ configMap: { name: 'c', items: [{ key: 'zz', path: 'z' }] } }, cm, undefined)).toBeUndefined();
    expect(projectedFiles({ secret: { secretName: 'x', optional: true } }, undefined, undefined)).toEqual({});
  });
});
