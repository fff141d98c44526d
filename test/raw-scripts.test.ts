/**
 * Runs the raw flavour's generated shell scripts (broker, controller, ZooKeeper and SCRAM Job)
 * with bash against fake Kafka/ZooKeeper binaries, with their absolute paths moved into a temp
 * directory, to pin what they do at runtime: the per-pod properties, the arguments of the Kafka
 * tools, and the exact password a SCRAM Job hands to kafka-configs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { KafkaBrokers, KafkaMode, KafkaTopicsJob, KafkaUserSecret, ZookeeperEnsemble } from '../lib/raw';
import { ListenerAuthentication, ListenerType } from '../lib/kafka';
import { Sandbox } from './support/sandbox';
import { hasTool, toolTest } from './support/tools';
import { expectAllValid, findObject } from './support/validate';

function objects(build: (chart: Chart) => void): any[] {
  const chart = new Chart(new App({ outdir: '/tmp/cdk8s-kafka-raw-scripts' }), 'c', { namespace: 'kafka' });
  build(chart);
  return expectAllValid(chart.toJson());
}

const container = (o: any): any => o.spec.template.spec.containers[0];
const scriptOf = (o: any): string => {
  const c = container(o);
  expect(c.command.slice(0, 2)).toEqual(['/bin/bash', '-c']);
  return c.command[2];
};

describe('KRaft broker and controller scripts', () => {
  const objs = objects(c => new KafkaBrokers(c, 'k', {
    clusterName: 'k',
    brokers: 3,
    listeners: [
      { name: 'plain', port: 9092 },
      { name: 'ext', port: 9096, type: ListenerType.NODE_PORT, nodePortBase: 31090 },
      { name: 'lb', port: 9097, type: ListenerType.LOAD_BALANCER, advertisedHosts: ['a.example.com', 'b.example.com', 'c.example.com'] },
    ],
  }));
  const sts = findObject(objs, 'StatefulSet', 'k-kafka');
  const staticConfig = findObject(objs, 'ConfigMap', 'k-kafka-config').data['server.properties'];
  const voters = staticConfig.match(/^controller\.quorum\.voters=(.*)$/m)![1];
  let box: Sandbox;
  beforeEach(() => {
    box = new Sandbox({ '/opt/kafka/bin': 'bin', '/etc/kafka/cdk8s': 'static', '/etc/kafka/runtime': 'runtime', '/var/lib/kafka/data': 'data', '/tmp': 'tmp' });
    box.tool('/opt/kafka/bin', 'kafka-storage.sh');
    box.tool('/opt/kafka/bin', 'kafka-server-start.sh');
    // The catch-up check: no under-replicated partition at all.
    box.tool('/opt/kafka/bin', 'kafka-topics.sh');
    fs.writeFileSync(box.file('static/server.properties'), staticConfig);
  });
  afterEach(() => box.dispose());

  /** Waits for the background catch-up check to finish (it runs beside the fake server). */
  const waitFor = (file: string) => {
    const until = Date.now() + 10000;
    while (!fs.existsSync(file) && Date.now() < until) spawnSync('sleep', ['0.1']);
    return fs.existsSync(file);
  };

  test('broker 2: static config plus its node id and resolved advertised listeners, formatted, voters recorded, then started', () => {
    const r = box.run(scriptOf(sts), { HOSTNAME: 'k-kafka-2', HOST_IP: '10.0.0.7', CLUSTER_ID: 'lLlNVEYI3LeVdgB_NmS_PQ' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const runtime = box.file('runtime/server.properties');
    expect(fs.readFileSync(runtime, 'utf8')).toBe(`${staticConfig}node.id=2\nadvertised.listeners=`
      + 'PLAIN://k-kafka-2.k-kafka-brokers.kafka.svc.cluster.local:9092,EXT://10.0.0.7:31092,LB://c.example.com:9097,'
      + 'REPLICATION://k-kafka-2.k-kafka-brokers.kafka.svc.cluster.local:9094\n');
    expect(r.calls.filter(c => !c.startsWith('kafka-topics.sh'))).toEqual([
      `kafka-storage.sh format --config ${runtime} --cluster-id lLlNVEYI3LeVdgB_NmS_PQ --ignore-formatted`,
      `kafka-server-start.sh ${runtime}`,
    ]);
    expect(fs.readFileSync(box.file('data/cdk8s-quorum-voters'), 'utf8')).toBe(`${voters}\n`);
    // A container restart starts again from the static config (no duplicated keys).
    box.run(scriptOf(sts), { HOSTNAME: 'k-kafka-2', HOST_IP: '10.0.0.7', CLUSTER_ID: 'x' });
    expect(fs.readFileSync(runtime, 'utf8').match(/^node\.id=/gm)).toHaveLength(1);
  });

  test('a node formatted with other voters refuses to start (a static quorum cannot change its voters)', () => {
    fs.writeFileSync(box.file('data/cdk8s-quorum-voters'), '0@old-0:9093,1@old-1:9093,2@old-2:9093\n');
    const r = box.run(scriptOf(sts), { HOSTNAME: 'k-kafka-1', HOST_IP: '10.0.0.7', CLUSTER_ID: 'x' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`refusing to start: this node was formatted with the KRaft voters 0@old-0:9093,1@old-1:9093,2@old-2:9093, the configuration now has ${voters};`);
    expect(r.stderr).toContain('a static quorum cannot change its voters');
    expect(r.calls).toEqual([]);
  });

  test('readiness gate: the marker appears only once no partition lists this broker outside the ISR', () => {
    // kafka-topics --under-replicated-partitions: broker 1 lags on partition 0, then (second call) nothing lags.
    box.tool('/opt/kafka/bin', 'kafka-topics.sh', [
      'n=$(grep -c kafka-topics "$(dirname "$0")/../calls")',
      'if [ "$n" -le 1 ]; then',
      '  printf "\\tTopic: orders\\tPartition: 0\\tLeader: 0\\tReplicas: 0,1,2\\tIsr: 0,2\\tElr: \\tLastKnownElr: \\n"',
      '  printf "\\tTopic: orders\\tPartition: 1\\tLeader: 1\\tReplicas: 1,2,10\\tIsr: 1,2\\n"',
      'fi',
    ].join('\n'));
    // sleep 5 between checks: make it instant here.
    box.tool('/opt/kafka/bin', 'sleep');
    const r = box.run(scriptOf(sts).replace(/sleep 5/g, '/opt/kafka/bin/sleep'), { HOSTNAME: 'k-kafka-1', HOST_IP: '10.0.0.7', CLUSTER_ID: 'x' });
    expect(r.status).toBe(0);
    expect(waitFor(box.file('tmp/kafka-caught-up'))).toBe(true);
    const checks = fs.readFileSync(box.file('calls'), 'utf8').split('\n').filter(c => c.startsWith('kafka-topics.sh'));
    expect(checks[0]).toBe('kafka-topics.sh --bootstrap-server localhost:9094 --describe --under-replicated-partitions');
    expect(checks.length).toBeGreaterThanOrEqual(2);
  });

  test('readiness gate: a lagging broker stays un-Ready (no marker) while another broker\'s lag does not hold it', () => {
    box.tool('/opt/kafka/bin', 'kafka-topics.sh', 'printf "\\tTopic: orders\\tPartition: 0\\tLeader: 0\\tReplicas: 0,1,2\\tIsr: 0,2\\n"');
    box.tool('/opt/kafka/bin', 'sleep', 'exit 1');
    // Broker 1 lags: the check loops (stopped here by the failing sleep under set -e), no marker.
    box.run(scriptOf(sts).replace(/sleep 5/g, '/opt/kafka/bin/sleep'), { HOSTNAME: 'k-kafka-1', HOST_IP: '10.0.0.7', CLUSTER_ID: 'x' });
    spawnSync('sleep', ['1']);
    expect(fs.existsSync(box.file('tmp/kafka-caught-up'))).toBe(false);
    // Broker 2 is in the ISR of the same partition: caught up.
    box.run(scriptOf(sts).replace(/sleep 5/g, '/opt/kafka/bin/sleep'), { HOSTNAME: 'k-kafka-2', HOST_IP: '10.0.0.7', CLUSTER_ID: 'x' });
    expect(waitFor(box.file('tmp/kafka-caught-up'))).toBe(true);
  });

  test('the readiness probe needs the marker and the replication port', () => {
    const probe = container(sts).readinessProbe;
    expect(probe.exec.command).toEqual(['/bin/bash', '-c', 'test -f /tmp/kafka-caught-up && exec 3<>/dev/tcp/127.0.0.1/9094']);
    expect(container(sts).startupProbe.tcpSocket.port).toBe(9094);
  });

  test('a broker without an advertised host of a LoadBalancer listener stops before formatting', () => {
    const r = box.run(scriptOf(sts), { HOSTNAME: 'k-kafka-3', HOST_IP: '10.0.0.7', CLUSTER_ID: 'x' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no advertised host for broker 3 on listener lb');
    expect(r.calls).toEqual([]);
  });

  test('zones and dedicated controllers: one broker StatefulSet, the rack read from the file the init container wrote; controller ids from 1000', () => {
    const zoned = objects(c => new KafkaBrokers(c, 'k', {
      clusterName: 'k', brokers: 6, zones: ['z1', 'z2', 'z3'], controllers: { replicas: 3 },
      listeners: [{ name: 'plain', port: 9092 }, { name: 'ext', port: 9096, type: ListenerType.NODE_PORT, nodePortBase: 31090 }],
    }));
    fs.writeFileSync(box.file('static/server.properties'), '');
    fs.writeFileSync(box.file('runtime/rack.properties'), 'broker.rack=z2\n');
    let r = box.run(scriptOf(findObject(zoned, 'StatefulSet', 'k-kafka')), { HOSTNAME: 'k-kafka-4', HOST_IP: '10.0.0.8', CLUSTER_ID: 'x' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.readFileSync(box.file('runtime/server.properties'), 'utf8')).toBe('node.id=4\nadvertised.listeners='
      + 'PLAIN://k-kafka-4.k-kafka-brokers.kafka.svc.cluster.local:9092,EXT://10.0.0.8:31094,'
      + 'REPLICATION://k-kafka-4.k-kafka-brokers.kafka.svc.cluster.local:9094\nbroker.rack=z2\n');
    // Broker 4's NodePort Service selects this pod and exposes 31094.
    const svc = findObject(zoned, 'Service', 'k-kafka-ext-4');
    expect(svc.spec.selector['statefulset.kubernetes.io/pod-name']).toBe('k-kafka-4');
    expect(svc.spec.ports[0].nodePort).toBe(31094);

    fs.rmSync(box.file('calls'));
    fs.rmSync(box.file('data/cdk8s-quorum-voters'));
    r = box.run(scriptOf(findObject(zoned, 'StatefulSet', 'k-controller')), { HOSTNAME: 'k-controller-1', CLUSTER_ID: 'x' });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(box.file('runtime/server.properties'), 'utf8')).toBe('node.id=1001\n');
    expect(r.calls[0]).toBe(`kafka-storage.sh format --config ${box.file('runtime/server.properties')} --cluster-id x --ignore-formatted`);
    // Controllers have no partitions: no catch-up check.
    expect(r.calls.filter(c => c.startsWith('kafka-topics.sh'))).toEqual([]);
  });

  test('NODE_PORT with advertisedHosts: each broker advertises its own host (not the node IP) on its own node port', () => {
    const np = objects(c => new KafkaBrokers(c, 'k', {
      clusterName: 'k', brokers: 3, controllers: { replicas: 3 },
      listeners: [{ name: 'plain', port: 9092 }, { name: 'np', port: 9096, type: ListenerType.NODE_PORT, nodePortBase: 31090,
        advertisedHosts: ['n0.example.com', 'n1.example.com', 'n2.example.com'] }],
    }));
    fs.writeFileSync(box.file('static/server.properties'), '');
    const r = box.run(scriptOf(findObject(np, 'StatefulSet', 'k-kafka')), { HOSTNAME: 'k-kafka-1', HOST_IP: '10.0.0.8', CLUSTER_ID: 'x' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.readFileSync(box.file('runtime/server.properties'), 'utf8')).toBe('node.id=1\nadvertised.listeners='
      + 'PLAIN://k-kafka-1.k-kafka-brokers.kafka.svc.cluster.local:9092,NP://n1.example.com:31091,'
      + 'REPLICATION://k-kafka-1.k-kafka-brokers.kafka.svc.cluster.local:9094\n');
    expect(findObject(np, 'Service', 'k-kafka-np-1').spec).toMatchObject({ type: 'NodePort', ports: [{ port: 9096, nodePort: 31091 }] });
  });
});

test('ZooKeeper mode: the broker starts directly with its id, rack and advertised listeners as overrides', () => {
  const objs = objects(c => {
    const zk = new ZookeeperEnsemble(c, 'zk', { name: 'zookeeper' });
    new KafkaBrokers(c, 'k', { clusterName: 'k', mode: KafkaMode.ZOOKEEPER, zookeeper: zk, zones: ['z1', 'z2', 'z3'] });
  });
  const box = new Sandbox({ '/opt/kafka/bin': 'bin', '/etc/kafka/cdk8s': 'static', '/etc/kafka/runtime': 'runtime', '/tmp': 'tmp' });
  try {
    box.tool('/opt/kafka/bin', 'kafka-server-start.sh', 'printf "%s\\n" "$@" > "$(dirname "$0")/../args"');
    box.tool('/opt/kafka/bin', 'kafka-topics.sh');
    fs.writeFileSync(box.file('runtime/rack.properties'), 'broker.rack=z3\n');
    const r = box.run(scriptOf(findObject(objs, 'StatefulSet', 'k-kafka')), { HOSTNAME: 'k-kafka-2' });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(box.file('args'), 'utf8').trim().split('\n')).toEqual([
      box.file('static/server.properties'),
      '--override', 'broker.id=2',
      '--override', 'broker.rack=z3',
      '--override', 'advertised.listeners=PLAIN://k-kafka-2.k-kafka-brokers.kafka.svc.cluster.local:9092,REPLICATION://k-kafka-2.k-kafka-brokers.kafka.svc.cluster.local:9094',
    ]);
  } finally {
    box.dispose();
  }
});

test('ZooKeeper: myid is ordinal + 1, the image config is copied to the writable conf dir, then the image entrypoint runs', () => {
  const objs = objects(c => new ZookeeperEnsemble(c, 'zk', { name: 'zookeeper' }));
  const c = container(findObject(objs, 'StatefulSet', 'zookeeper'));
  const env = Object.fromEntries(c.env.map((e: any) => [e.name, e.value]));
  const box = new Sandbox({ '/opt/zookeeper/conf': 'conf', '/conf': 'image-conf', '/data': 'data', '/docker-entrypoint.sh': 'entry/docker-entrypoint.sh' });
  try {
    fs.rmdirSync(box.file('entry/docker-entrypoint.sh'));
    fs.writeFileSync(box.file('image-conf/logback.xml'), '<configuration/>');
    fs.writeFileSync(box.file('entry/docker-entrypoint.sh'), `#!/bin/bash\necho "myid=$ZOO_MY_ID conf=$ZOO_CONF_DIR args=$*"\n`, { mode: 0o755 });
    const rewrite = (v: string) => v.replace('/opt/zookeeper/conf', box.file('conf')).replace(/^\/data/, box.file('data'));
    const r = box.run(scriptOf(findObject(objs, 'StatefulSet', 'zookeeper')), {
      HOSTNAME: 'zookeeper-2', ZOO_CONF_DIR: rewrite(env.ZOO_CONF_DIR), ZOO_DATA_DIR: rewrite(env.ZOO_DATA_DIR), ZOO_DATA_LOG_DIR: rewrite(env.ZOO_DATA_LOG_DIR),
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`myid=3 conf=${box.file('conf')} args=zkServer.sh start-foreground\n`);
    expect(fs.readFileSync(box.file('conf/logback.xml'), 'utf8')).toBe('<configuration/>');
    expect(fs.statSync(box.file('data/datalog')).isDirectory()).toBe(true);
    // The image reads zoo.cfg from ZOOCFGDIR: the same writable directory the entrypoint writes it to.
    expect(env.ZOOCFGDIR).toBe(env.ZOO_CONF_DIR);
  } finally {
    box.dispose();
  }
});

describe('SCRAM credentials Job', () => {
  const objs = objects(c => {
    const cluster = new KafkaBrokers(c, 'k', {
      clusterName: 'k', listeners: [{ name: 'scram', port: 9092, authentication: ListenerAuthentication.SCRAM_SHA_512 }],
    });
    new KafkaUserSecret(c, 'alice', { cluster, userName: 'alice', secretName: 'alice-credentials' });
    new KafkaTopicsJob(c, 'topics', { cluster, topics: [{ topicName: 'orders' }] });
  });
  const job = objs.find(o => o.kind === 'Job' && o.metadata.name.startsWith('k-scram-alice-'));
  const script = scriptOf(job);

  /**
   * Runs the Job against fake tools; the fake kafka-configs keeps a copy of its --add-config-file
   * and its mode. Returns the password kafka-configs would store (Java properties and
   * ConfigCommand's credential pattern applied), or undefined when the Job failed.
   */
  function stored(password: string, pathPrefix = ''): { status: number | null; stderr: string; calls: string[]; password?: string; raw?: string; mode?: string } {
    const box = new Sandbox({ '/opt/kafka/bin': 'bin', '/tmp/scram-credential.properties': 'tmp/scram-credential.properties' });
    try {
      fs.rmdirSync(box.file('tmp/scram-credential.properties'));
      box.tool('/opt/kafka/bin', 'kafka-broker-api-versions.sh');
      box.tool('/opt/kafka/bin', 'kafka-configs.sh', `for a; do f=$a; done; cp "$f" "${box.root}/seen"; stat -c %a "$f" > "${box.root}/mode"`);
      const r = box.run(script, { SCRAM_PASSWORD: password, ...(pathPrefix ? { PATH: `${pathPrefix}:${process.env.PATH}` } : {}) });
      const seen = box.file('seen');
      const result = { status: r.status, stderr: r.stderr, calls: r.calls };
      if (!fs.existsSync(seen)) return result;
      // The trap removed the file with the password.
      expect(fs.existsSync(box.file('tmp/scram-credential.properties'))).toBe(false);
      const raw = fs.readFileSync(seen, 'latin1');
      const value = parseJavaProperties(raw)['SCRAM-SHA-512'];
      const m = /^(?:iterations=(-?[0-9]*),)?password=(.*)$/.exec(value);
      expect(m?.[1]).toBe('8192');
      return { ...result, raw, password: m?.[2], mode: fs.readFileSync(box.file('mode'), 'utf8').trim() };
    } finally {
      box.dispose();
    }
  }

  const PASSWORDS = ['plain', 'x]y', 'a]b[c,d=e', ' spaces around ', 'p"a\\s=s:w#d!', "it's $HOME $(id) `id`", 'ünïcødé', 'key 🔑'];

  test.each(PASSWORDS)('password %j reaches kafka-configs exactly, in a file only the Job user reads', password => {
    const r = stored(password);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.password).toBe(password);
    expect(r.mode).toBe('600');
    expect(r.raw).toMatch(/^SCRAM-SHA-512=iterations=8192,password=(\\u[0-9A-F]{4})+\n$/);
    // Never on a command line, where kafka-configs' --add-config syntax would mangle it.
    expect(r.calls).toHaveLength(2);
    expect(r.calls[0]).toBe('kafka-broker-api-versions.sh --bootstrap-server k-kafka-brokers.kafka.svc.cluster.local:9094');
    expect(r.calls[1]).toMatch(/^kafka-configs\.sh --bootstrap-server k-kafka-brokers\.kafka\.svc\.cluster\.local:9094 --alter --entity-type users --entity-name alice --add-config-file \S+\/tmp\/scram-credential\.properties$/);
    expect(r.calls.join('\n')).not.toContain(password);
  });

  test('trailing line breaks of the Secret value are dropped (like a shell reading it), nothing else', () => {
    expect(stored('secret\n').password).toBe('secret');
    expect(stored(' secret \r\n\n').status).toBe(1); // a CR is kept, and a line break cannot be stored
  });

  test.each([
    ['in\nside', 'contains a line break'],
    ['cr\rinside', 'contains a line break'],
    ['', 'is empty'],
    ['\n', 'is empty'],
  ])('password %j fails the Job with a message that does not print it', (password, message) => {
    const r = stored(password);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
    if (password.trim()) expect(r.stderr).not.toContain(password.trim());
    expect(r.calls.filter(c => c.startsWith('kafka-configs.sh'))).toEqual([]);
  });

  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find(b => hasTool(b)) ?? 'busybox';
  toolTest('the same with busybox od and awk (the apache/kafka image is Alpine)', [busybox], () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'busybox-'));
    try {
      for (const tool of ['od', 'awk']) fs.symlinkSync(busybox, path.join(dir, tool));
      for (const p of PASSWORDS) expect(stored(p, dir)).toMatchObject({ status: 0, password: p });
      expect(stored('in\nside', dir)).toMatchObject({ status: 1 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  toolTest('cross-check with java.util.Properties (what kafka-configs uses)', ['java'], () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scram-java-'));
    try {
      PASSWORDS.forEach((p, i) => fs.writeFileSync(path.join(dir, `${i}.properties`), stored(p).raw!, 'latin1'));
      fs.writeFileSync(path.join(dir, 'Check.java'), `
import java.io.*; import java.nio.file.*; import java.util.*; import java.util.regex.*;
public class Check { public static void main(String[] a) throws Exception {
  for (int i = 0; i < Integer.parseInt(a[1]); i++) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(Paths.get(a[0], i + ".properties"))) { p.load(in); }
    Matcher m = Pattern.compile("(?:iterations=(\\\\-?[0-9]*),)?password=(.*)").matcher(p.getProperty("SCRAM-SHA-512"));
    if (!m.matches()) throw new IllegalStateException("no match " + i);
    System.out.println(Base64.getEncoder().encodeToString(m.group(2).getBytes("UTF-8")));
  }
}}`);
      const r = spawnSync('java', [path.join(dir, 'Check.java'), dir, String(PASSWORDS.length)], { encoding: 'utf8', timeout: 60000 });
      expect(r.stderr).toBe('');
      expect(r.stdout.trim().split('\n')).toEqual(PASSWORDS.map(p => Buffer.from(p, 'utf8').toString('base64')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the Job passes bash -n', () => {
    for (const o of objs.filter(x => x.kind === 'Job')) {
      expect(spawnSync('/bin/bash', ['-n', '-c', scriptOf(o)]).status).toBe(0);
    }
  });
});

/** java.util.Properties.load for one-line entries read as ISO-8859-1: backslash escapes and \uXXXX. */
function parseJavaProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line) continue;
    const i = line.indexOf('=');
    const raw = line.slice(i + 1);
    let value = '';
    for (let j = 0; j < raw.length; j++) {
      if (raw[j] !== '\\') {
        value += raw[j];
        continue;
      }
      const n = raw[++j];
      if (n === 'u') {
        value += String.fromCharCode(parseInt(raw.slice(j + 1, j + 5), 16));
        j += 4;
      } else {
        value += n === 'n' ? '\n' : n === 'r' ? '\r' : n === 't' ? '\t' : n;
      }
    }
    out[line.slice(0, i)] = value;
  }
  return out;
}
