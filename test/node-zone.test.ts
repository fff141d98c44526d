/**
 * The committed NodeZone.class (the rack-aware brokers' init container) run by this machine's JVM
 * against a fake Kubernetes API over HTTPS: it writes the node's zone, verifies the server
 * against the service account's CA, sends the token, and fails with a message otherwise.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { NODE_ZONE_CLASS_BASE64 } from '../lib/raw/node-zone/node-zone-class';
import { toolTest } from './support/tools';

interface Api {
  readonly port: number;
  readonly requests: { url: string; authorization?: string }[];
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1 (the fake API server) and a second, unrelated one. */
function certificates(dir: string): { key: string; cert: string; otherCert: string } {
  const make = (name: string) => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, `${name}.key`), '-out', path.join(dir, `${name}.crt`)], { stdio: 'ignore' });
    return { key: fs.readFileSync(path.join(dir, `${name}.key`), 'utf8'), cert: fs.readFileSync(path.join(dir, `${name}.crt`), 'utf8') };
  };
  const api = make('api');
  return { ...api, otherCert: make('other').cert };
}

function fakeApi(key: string, cert: string, respond: (url: string) => [number, unknown]): Promise<Api> {
  const requests: Api['requests'] = [];
  const server = https.createServer({ key, cert }, (req, res) => {
    requests.push({ url: req.url!, authorization: req.headers.authorization });
    const [status, body] = respond(req.url!);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve({
    port: (server.address() as { port: number }).port,
    requests,
    close: () => new Promise(r => server.close(() => r())),
  })));
}

function runNodeZone(dir: string, port: number, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn('java', ['-cp', path.join(dir, 'class'), 'NodeZone'], {
      env: {
        PATH: process.env.PATH!, NODE_NAME: 'node-a', ZONE_LABEL: 'topology.kubernetes.io/zone', OUTPUT: path.join(dir, 'rack.properties'),
        KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(port), SERVICE_ACCOUNT_DIR: path.join(dir, 'sa'), ATTEMPTS: '2', ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => { stdout += d; });
    child.stderr.on('data', d => { stderr += d; });
    child.on('close', status => resolve({ status, stdout, stderr }));
  });
}

describe('NodeZone (init container of rack-aware raw brokers)', () => {
  let dir: string;
  let certs: { key: string; cert: string; otherCert: string };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-zone-'));
    fs.mkdirSync(path.join(dir, 'class'));
    fs.writeFileSync(path.join(dir, 'class', 'NodeZone.class'), Buffer.from(NODE_ZONE_CLASS_BASE64, 'base64'));
    fs.mkdirSync(path.join(dir, 'sa'));
    fs.writeFileSync(path.join(dir, 'sa', 'token'), 'the-token\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const trust = (pem: string) => fs.writeFileSync(path.join(dir, 'sa', 'ca.crt'), pem);

  const node = (labels: Record<string, string>) => ({ kind: 'Node', apiVersion: 'v1', metadata: { name: 'node-a', labels, annotations: { note: '"labels": {"x": "y"}' } } });

  toolTest('writes broker.rack from the node\'s zone label, authenticated with the token, TLS checked against the CA', ['java', 'openssl'], async () => {
    certs = certificates(dir);
    trust(certs.cert);
    const api = await fakeApi(certs.key, certs.cert, () => [200, node({ 'kubernetes.io/hostname': 'node-a', 'topology.kubernetes.io/zone': 'eu-west-1b' })]);
    try {
      const r = await runNodeZone(dir, api.port);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'rack.properties'), 'utf8')).toBe('broker.rack=eu-west-1b\n');
      expect(api.requests).toEqual([{ url: '/api/v1/nodes/node-a', authorization: 'Bearer the-token' }]);
    } finally {
      await api.close();
    }
  }, 60000);

  toolTest('fails, naming the label, when the node has no zone label', ['java', 'openssl'], async () => {
    certs = certs ?? certificates(dir);
    trust(certs.cert);
    const api = await fakeApi(certs.key, certs.cert, () => [200, node({ 'kubernetes.io/hostname': 'node-a' })]);
    try {
      const r = await runNodeZone(dir, api.port);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe('node-zone: node node-a has no label topology.kubernetes.io/zone: label the nodes with their zone, or drop rack awareness\n');
    } finally {
      await api.close();
    }
  }, 60000);

  toolTest('fails when the service account may not read the node (HTTP 403), after retrying', ['java', 'openssl'], async () => {
    certs = certs ?? certificates(dir);
    trust(certs.cert);
    const api = await fakeApi(certs.key, certs.cert, () => [403, { kind: 'Status', reason: 'Forbidden' }]);
    try {
      const r = await runNodeZone(dir, api.port);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^node-zone: reading node node-a returned HTTP 403 \(the pod's service account needs get on nodes\)/);
      expect(api.requests.length).toBeGreaterThan(1);
    } finally {
      await api.close();
    }
  }, 60000);

  toolTest('refuses a server whose certificate the service account\'s CA did not sign (no token sent)', ['java', 'openssl'], async () => {
    certs = certs ?? certificates(dir);
    trust(certs.otherCert);
    const api = await fakeApi(certs.key, certs.cert, () => [200, node({ 'topology.kubernetes.io/zone': 'evil' })]);
    try {
      const r = await runNodeZone(dir, api.port);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^node-zone: cannot read node node-a from the API server at 127\.0\.0\.1:\d+: .*(SSLHandshake|PKIX|certification path)/);
      expect(api.requests).toEqual([]);
    } finally {
      await api.close();
    }
  }, 60000);
});
