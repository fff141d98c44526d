// Builds the test images the manifests reference (apache/kafka:<v>, zookeeper:<v>) from Debian
// packages (mmdebstrap), Maven Central jars and our own launcher scripts; no registry is used.
// Everything is cached under KAFKA_E2E_CACHE (default ~/.cache/cdk8s-kafka-e2e): the base root
// filesystem and the jars by their inputs, the images by a hash of their whole build context.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runOk } from '../lib/exec';
import { podman, podmanOk } from '../lib/podman';
import { ImageFiles, kafkaArtifacts, kafkaImageFiles, kafkaTools } from './kafka-files';
import { zookeeperArtifacts, zookeeperEnv, zookeeperHome, zookeeperImageFiles } from './zookeeper-files';

/** Bump when the way images are made changes without their inputs changing. */
const BUILDER_VERSION = '1';
const SUITE = 'bookworm';
/** Debian packages of every image: the JRE plus what the images' and the manifests' scripts call. */
export const BASE_PACKAGES = ['openjdk-17-jre-headless', 'bash', 'procps', 'coreutils', 'mawk', 'sed', 'grep', 'netcat-openbsd'];
const JAVA_HOME = '/usr/lib/jvm/java-17-openjdk-amd64';
const LABEL = 'io.cdk8s-kafka.e2e.input';

export type Log = (line: string) => void;

/** An image the harness can build: which kind, which version, under which names podman finds it. */
export interface ImageSpec {
  readonly reference: string;
  readonly kind: 'kafka' | 'zookeeper' | 'binding-client';
  readonly version: string;
  /** Fully qualified names (podman resolves the short reference to these locally). */
  readonly tags: readonly string[];
}

/** Maps an image reference of the manifests to what we build; throws for images we cannot build. */
export function imageSpec(reference: string): ImageSpec {
  let m = /^(?:docker\.io\/)?apache\/kafka:(\d+\.\d+\.\d+)$/.exec(reference);
  if (m) return { reference, kind: 'kafka', version: m[1], tags: [`docker.io/apache/kafka:${m[1]}`] };
  m = /^localhost\/cdk8s-kafka-e2e\/binding-client:(\d+\.\d+\.\d+)$/.exec(reference);
  if (m) return { reference, kind: 'binding-client', version: m[1], tags: [reference] };
  m = /^(?:docker\.io\/)?(?:library\/)?zookeeper:(\d+\.\d+\.\d+)$/.exec(reference);
  if (m) return { reference, kind: 'zookeeper', version: m[1], tags: [`docker.io/library/zookeeper:${m[1]}`] };
  throw new Error(`the e2e harness cannot build image ${JSON.stringify(reference)}: only apache/kafka:<x.y.z>, zookeeper:<x.y.z> and localhost/cdk8s-kafka-e2e/binding-client:<kafka x.y.z> are built locally (no registry is reachable)`);
}

export function cacheDir(): string {
  return process.env.KAFKA_E2E_CACHE || path.join(os.homedir(), '.cache', 'cdk8s-kafka-e2e');
}

function sha(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 16);
}

/** The Debian base image (JRE and tools), imported as localhost/e2e-base:<hash>. */
async function ensureBase(log: Log): Promise<{ image: string; tar: string }> {
  const hash = sha(BUILDER_VERSION, SUITE, ...BASE_PACKAGES);
  const image = `localhost/e2e-base:${hash}`;
  const tar = path.join(cacheDir(), `base-${hash}.tar`);
  if (!fs.existsSync(tar)) {
    log(`images: building the Debian ${SUITE} root filesystem with mmdebstrap (${BASE_PACKAGES.join(', ')})`);
    fs.mkdirSync(cacheDir(), { recursive: true });
    const tmp = `${tar}.${process.pid}.tmp`;
    await runOk(['mmdebstrap', '--variant=apt', '--format=tar', `--include=${BASE_PACKAGES.join(',')}`,
      // No apt lists or caches in the image.
      '--customize-hook=rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*', SUITE, tmp], { timeoutMs: 20 * 60_000 });
    fs.renameSync(tmp, tar);
  }
  if ((await podman(['image', 'exists', image])).code !== 0) {
    log(`images: importing ${image}`);
    await podmanOk(['import', tar, image], { timeoutMs: 10 * 60_000 });
  }
  return { image, tar };
}

/** Jars of `artifacts` and their runtime dependencies (Maven Central), cached per artifact list. */
async function ensureJars(name: string, artifacts: string[], log: Log): Promise<string> {
  const dir = path.join(cacheDir(), 'jars', `${name}-${sha(BUILDER_VERSION, ...artifacts)}`);
  if (fs.existsSync(path.join(dir, '.complete'))) return path.join(dir, 'libs');
  log(`images: resolving ${artifacts.join(', ')} from Maven Central`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const deps = artifacts.map(a => {
    const [g, art, v] = a.split(':');
    return `    <dependency><groupId>${g}</groupId><artifactId>${art}</artifactId><version>${v}</version></dependency>`;
  }).join('\n');
  fs.writeFileSync(path.join(dir, 'pom.xml'), `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>cdk8s-kafka.e2e</groupId><artifactId>${name}</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
${deps}
  </dependencies>
</project>
`);
  await runOk(['mvn', '-q', '-B', 'dependency:copy-dependencies', '-DincludeScope=runtime', '-DoutputDirectory=libs'], { cwd: dir, timeoutMs: 20 * 60_000 });
  fs.writeFileSync(path.join(dir, '.complete'), '');
  return path.join(dir, 'libs');
}

/** Kafka jars; the slf4j binding follows the log4j-core version Kafka itself resolves. */
async function kafkaJars(version: string, log: Log): Promise<string> {
  const wanted = kafkaArtifacts(version);
  const plain = wanted.filter(a => !a.endsWith('@log4j-core'));
  if (plain.length === wanted.length) return ensureJars(`kafka-${version}`, plain, log);
  const first = await ensureJars(`kafka-${version}-core`, plain, log);
  const core = fs.readdirSync(first).map(f => /^log4j-core-(.+)\.jar$/.exec(f)).find(Boolean);
  if (!core) throw new Error(`Kafka ${version} resolves no log4j-core jar`);
  return ensureJars(`kafka-${version}`, wanted.map(a => a.replace('@log4j-core', core[1])), log);
}

/** Fails when a launcher's main class is in none of the jars (a class moved between versions). */
async function checkMainClasses(libs: string, mains: string[]): Promise<void> {
  const classes = new Set<string>();
  for (const jar of fs.readdirSync(libs).filter(f => f.endsWith('.jar'))) {
    const listing = await runOk(['unzip', '-Z1', path.join(libs, jar)]).catch(() => '');
    for (const line of listing.split('\n')) if (line.endsWith('.class')) classes.add(line.slice(0, -6).replace(/\//g, '.'));
  }
  const missing = mains.filter(m => !classes.has(m));
  if (missing.length) throw new Error(`launcher main classes missing from ${libs}: ${missing.join(', ')}`);
}

interface Context {
  /** Files owned by root, by owner 1000:1000, by owner 1000:0 (paths absolute in the image). */
  readonly root: ImageFiles;
  readonly user: ImageFiles;
  readonly userRoot: ImageFiles;
  /** Directories to create (owner key, path). */
  readonly dirs: [keyof Omit<Context, 'dirs' | 'jars' | 'containerfile'>, string][];
  /** Jar folder and where it goes in the image (owner 1000:1000). */
  readonly jars: { from: string; to: string };
  readonly containerfile: string;
}

function writeTree(base: string, files: ImageFiles): void {
  for (const [p, f] of Object.entries(files)) {
    const target = path.join(base, p);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, f.content, { mode: f.mode });
    fs.chmodSync(target, f.mode);
  }
}

async function baseFile(tar: string, file: string): Promise<string> {
  return runOk(['tar', '-xOf', tar, `./${file}`]);
}

async function kafkaContext(spec: ImageSpec, base: { image: string; tar: string }, log: Log): Promise<Context> {
  const libs = await kafkaJars(spec.version, log);
  await checkMainClasses(libs, ['kafka.Kafka', ...Object.values(kafkaTools(spec.version)).map(t => t.main)]);
  const passwd = `${await baseFile(base.tar, 'etc/passwd')}appuser:x:1000:1000::/home/appuser:/bin/bash\n`;
  const group = `${await baseFile(base.tar, 'etc/group')}appuser:x:1000:\n`;
  const files = kafkaImageFiles(spec.version);
  const user: ImageFiles = {};
  const userRoot: ImageFiles = {};
  for (const [p, f] of Object.entries(files)) (p.startsWith('/etc/kafka/') ? userRoot : user)[p] = f;
  return {
    root: {
      '/etc/passwd': { content: passwd, mode: 0o644 },
      '/etc/group': { content: group, mode: 0o644 },
      // The official image inherits the Temurin base image's entrypoint; it only execs its arguments here.
      '/__cacert_entrypoint.sh': { content: '#!/bin/bash\n# cdk8s-kafka e2e test image: USE_SYSTEM_CA_CERTS is not emulated.\nexec "$@"\n', mode: 0o755 },
    },
    user,
    userRoot,
    dirs: [['user', '/home/appuser'], ['user', '/usr/logs'], ['user', '/mnt/shared/config'], ['user', '/opt/kafka/logs'],
      ['userRoot', '/var/lib/kafka/data'], ['userRoot', '/etc/kafka/secrets']],
    jars: { from: libs, to: '/opt/kafka/libs' },
    containerfile: [
      `FROM ${base.image}`,
      'COPY root/ /',
      'COPY --chown=1000:1000 user/ /',
      'COPY --chown=1000:0 userroot/ /',
      `ENV JAVA_HOME=${JAVA_HOME}`,
      'EXPOSE 9092',
      'USER appuser',
      'VOLUME ["/etc/kafka/secrets", "/var/lib/kafka/data", "/mnt/shared/config"]',
      'ENTRYPOINT ["/__cacert_entrypoint.sh"]',
      'CMD ["/etc/kafka/docker/run"]',
    ].join('\n'),
  };
}

async function zookeeperContext(spec: ImageSpec, base: { image: string; tar: string }, log: Log): Promise<Context> {
  const libs = await ensureJars(`zookeeper-${spec.version}`, zookeeperArtifacts(spec.version), log);
  await checkMainClasses(libs, ['org.apache.zookeeper.server.quorum.QuorumPeerMain', 'ch.qos.logback.classic.Logger']);
  const passwd = `${await baseFile(base.tar, 'etc/passwd')}zookeeper:x:1000:1000::/home/zookeeper:/bin/sh\n`;
  const group = `${await baseFile(base.tar, 'etc/group')}zookeeper:x:1000:\n`;
  const home = zookeeperHome(spec.version);
  const files = zookeeperImageFiles(spec.version);
  const root: ImageFiles = { '/etc/passwd': { content: passwd, mode: 0o644 }, '/etc/group': { content: group, mode: 0o644 } };
  const user: ImageFiles = {};
  for (const [p, f] of Object.entries(files)) (p === '/docker-entrypoint.sh' ? root : user)[p] = f;
  return {
    root,
    user,
    userRoot: {},
    dirs: [['user', '/data'], ['user', '/datalog'], ['user', '/logs'], ['user', '/conf']],
    jars: { from: libs, to: `${home}/lib` },
    containerfile: [
      `FROM ${base.image}`,
      'COPY root/ /',
      'COPY --chown=1000:1000 user/ /',
      ...zookeeperEnv(spec.version).map(([k, v]) => `ENV ${k}=${v}`),
      `ENV JAVA_HOME=${JAVA_HOME}`,
      `WORKDIR ${home}`,
      'VOLUME ["/data", "/datalog", "/logs"]',
      'EXPOSE 2181 2888 3888 8080',
      'ENTRYPOINT ["/docker-entrypoint.sh"]',
      'CMD ["zkServer.sh", "start-foreground"]',
    ].join('\n'),
  };
}

/** The binding client's source, found from here whether this file runs bundled (.build/) or not. */
const BINDING_CLIENT_SOURCE = (() => {
  const rel = path.join('e2e', 'images', 'binding-client', 'BindingClient.java');
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, rel))) return path.join(dir, rel);
    if (path.dirname(dir) === dir) return rel;
  }
})();

/**
 * The e2e binding client: kafka-clients of that version and BindingClient, compiled here with the
 * host's JDK (--release 17, the image's JRE), as a custom client image users build themselves.
 */
async function bindingClientContext(spec: ImageSpec, base: { image: string; tar: string }, log: Log): Promise<Context> {
  const clients = await ensureJars(`kafka-clients-${spec.version}`, [`org.apache.kafka:kafka-clients:${spec.version}`], log);
  const source = fs.readFileSync(BINDING_CLIENT_SOURCE, 'utf8');
  const dir = path.join(cacheDir(), 'jars', `binding-client-${sha(BUILDER_VERSION, spec.version, source)}`);
  const libs = path.join(dir, 'libs');
  if (!fs.existsSync(path.join(dir, '.complete'))) {
    log(`images: compiling BindingClient against kafka-clients ${spec.version}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'classes'), { recursive: true });
    fs.mkdirSync(libs);
    for (const j of fs.readdirSync(clients)) fs.linkSync(path.join(clients, j), path.join(libs, j));
    await runOk(['javac', '--release', '17', '-cp', `${clients}/*`, '-d', path.join(dir, 'classes'), BINDING_CLIENT_SOURCE], { timeoutMs: 5 * 60_000 });
    await runOk(['jar', '--create', '--file', path.join(libs, 'binding-client.jar'), '-C', path.join(dir, 'classes'), '.']);
    fs.writeFileSync(path.join(dir, '.complete'), '');
  }
  const passwd = `${await baseFile(base.tar, 'etc/passwd')}client:x:1000:1000::/home/client:/bin/sh\n`;
  const group = `${await baseFile(base.tar, 'etc/group')}client:x:1000:\n`;
  return {
    root: { '/etc/passwd': { content: passwd, mode: 0o644 }, '/etc/group': { content: group, mode: 0o644 } },
    user: {},
    userRoot: {},
    dirs: [['user', '/home/client']],
    jars: { from: libs, to: '/app/libs' },
    containerfile: [
      `FROM ${base.image}`,
      'COPY root/ /',
      'COPY --chown=1000:1000 user/ /',
      `ENV JAVA_HOME=${JAVA_HOME}`,
      `LABEL io.cdk8s-kafka.e2e.source=${sha(source)}`,
      'USER 1000',
      'ENTRYPOINT ["java", "-Xmx128m", "-cp", "/app/libs/*", "BindingClient"]',
    ].join('\n'),
  };
}

/** Lays out the build context and returns the hash of everything in it. */
function layOut(dir: string, ctx: Context): string {
  fs.rmSync(dir, { recursive: true, force: true });
  const trees = { root: path.join(dir, 'root'), user: path.join(dir, 'user'), userRoot: path.join(dir, 'userroot') };
  for (const t of Object.values(trees)) fs.mkdirSync(t, { recursive: true });
  writeTree(trees.root, ctx.root);
  writeTree(trees.user, ctx.user);
  writeTree(trees.userRoot, ctx.userRoot);
  for (const [owner, d] of ctx.dirs) fs.mkdirSync(path.join(trees[owner], d), { recursive: true });
  const jarDir = path.join(trees.user, ctx.jars.to);
  fs.mkdirSync(jarDir, { recursive: true });
  const jars = fs.readdirSync(ctx.jars.from).filter(f => f.endsWith('.jar')).sort();
  for (const j of jars) fs.linkSync(path.join(ctx.jars.from, j), path.join(jarDir, j));
  fs.writeFileSync(path.join(dir, 'Containerfile'), `${ctx.containerfile}\n`);
  const contents = (files: ImageFiles) => Object.keys(files).sort().map(p => `${p}\n${files[p].mode}\n${files[p].content}`);
  return sha(BUILDER_VERSION, ctx.containerfile, ...contents(ctx.root), ...contents(ctx.user), ...contents(ctx.userRoot),
    ...ctx.dirs.map(d => d.join(':')), ctx.jars.to, ...jars.map(j => `${j}:${fs.statSync(path.join(ctx.jars.from, j)).size}`));
}

async function currentInput(tag: string): Promise<string | undefined> {
  const r = await podman(['image', 'inspect', '--format', `{{index .Labels "${LABEL}"}}`, tag]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** Builds (or finds in the cache) every image in `references`. */
export async function ensureImages(references: readonly string[], log: Log): Promise<void> {
  const specs = [...new Set(references)].map(imageSpec);
  if (specs.length === 0) return;
  const base = await ensureBase(log);
  for (const spec of specs) {
    const started = Date.now();
    const ctx = spec.kind === 'kafka' ? await kafkaContext(spec, base, log)
      : spec.kind === 'zookeeper' ? await zookeeperContext(spec, base, log) : await bindingClientContext(spec, base, log);
    const dir = path.join(cacheDir(), 'context', spec.tags[0].replace(/[^A-Za-z0-9.-]+/g, '_'));
    const hash = layOut(dir, ctx);
    if (await currentInput(spec.tags[0]) === hash) continue;
    log(`images: building ${spec.tags.join(', ')}`);
    fs.appendFileSync(path.join(dir, 'Containerfile'), `LABEL ${LABEL}=${hash}\n`);
    await podmanOk(['build', '--pull=never', '--network=none', '-q', ...spec.tags.flatMap(t => ['-t', t]), '-f', path.join(dir, 'Containerfile'), dir],
      { timeoutMs: 20 * 60_000 });
    log(`images: ${spec.reference} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
