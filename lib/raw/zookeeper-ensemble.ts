import { Chart, Lazy } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';
import {
  KafkaImages, KafkaPorts, KafkaStorage, ResolvedResources, ResourceSpec, defaultHeap, fail, keepOnPrune, quorumMaxUnavailable, refuseLoneEphemeral, resolveResources,
  restrictedContainerSecurityContext, restrictedPodSecurityContext, selectorLabels, standardLabels,
  resolveClusterDomain, validateDnsLabel, validateHeap, validateInteger,
} from '../kafka';
import { PodPlacementOptions, ResolvedPlacement, resolvePlacement } from './placement';
import { dataVolume, emptyDir, k8sResources } from './pod-helpers';
import { enterConstruct } from '../kafka/construct-entry';

/** ZooKeeper's automatic purge of old snapshots and transaction logs. */
export interface ZookeeperAutopurge {
  /** Snapshots (and their logs) kept. @default 3 (ZooKeeper's minimum) */
  readonly snapRetainCount?: number;
  /** Hours between purges; 0 disables purging. @default 24 */
  readonly purgeIntervalHours?: number;
}

/** Properties of a {@link ZookeeperEnsemble}. */
export interface ZookeeperEnsembleProps extends PodPlacementOptions {
  /**
   * Ensemble name: prefix of every object name (`<name>`, `<name>-client`, `<name>-headless`).
   * @default 'zookeeper'
   */
  readonly name?: string;
  /** Namespace. @default the chart's namespace, else 'default' */
  readonly namespace?: string;
  /**
   * Number of servers. Must be odd: an even ensemble tolerates no more failures than the odd
   * one below it.
   * @default 3
   */
  readonly replicas?: number;
  /** Image (the official `zookeeper` image or one with the same entrypoint and layout). @default KafkaImages.ZOOKEEPER */
  readonly image?: string;
  /** Storage of /data (snapshots, myid and the transaction log). @default KafkaStorage.persistent({ size: '10Gi' }) */
  readonly storage?: KafkaStorage;
  /**
   * Separate storage for the transaction log (/datalog), e.g. a faster disk. @default the
   * transaction log lives in /data/datalog on the data volume
   */
  readonly dataLogStorage?: KafkaStorage;
  /** CPU and memory. @default cpuRequest '250m', memoryRequest and memoryLimit '1Gi' */
  readonly resources?: ResourceSpec;
  /** JVM heap (`-Xmx`, e.g. '512m'); must be below the memory limit. @default half the memory limit */
  readonly heap?: string;
  /** `tickTime` in milliseconds. @default 2000 */
  readonly tickTime?: number;
  /** `initLimit` in ticks. @default 10 */
  readonly initLimit?: number;
  /** `syncLimit` in ticks. @default 5 */
  readonly syncLimit?: number;
  /** Automatic purge of old snapshots. @default { snapRetainCount: 3, purgeIntervalHours: 24 } */
  readonly autopurge?: ZookeeperAutopurge;
  /**
   * A NetworkPolicy admitting only the ensemble's own peers and the Kafka brokers that use it
   * (they register through {@link ZookeeperEnsemble.allowClients}).
   * @default true
   */
  readonly networkPolicies?: boolean;
  /** Cluster DNS domain. @default 'cluster.local' */
  readonly clusterDomain?: string;
}

/**
 * A ZooKeeper ensemble on the official `zookeeper` image: client and headless Services, a
 * StatefulSet (myid = ordinal + 1), a quorum-preserving PodDisruptionBudget and a NetworkPolicy.
 */
export class ZookeeperEnsemble extends Construct {
  /** Ensemble name. */
  public readonly name: string;
  /** Namespace. */
  public readonly namespace: string;
  /** Number of servers. */
  public readonly replicas: number;
  /** Connection string for clients: every server's stable DNS name, port 2181. */
  public readonly connectString: string;
  /** Name of the client Service. */
  public readonly clientServiceName: string;
  /** Name of the headless Service. */
  public readonly headlessServiceName: string;
  /** Labels selecting the ZooKeeper pods. */
  public readonly selector: { readonly [key: string]: string };

  private readonly clients: { labels: { [key: string]: string }; namespace?: string }[] = [];

  constructor(scope: Construct, id: string, props: ZookeeperEnsembleProps = {}) {
    super(scope, id);
    enterConstruct(this, props);
    this.name = validateDnsLabel(this, 'name', props.name ?? 'zookeeper', 40);
    this.namespace = validateDnsLabel(this, 'namespace', props.namespace ?? Chart.of(this).namespace ?? 'default');
    this.replicas = validateInteger(this, 'replicas', props.replicas ?? 3, 1, 9);
    if (this.replicas % 2 === 0) {
      fail(this, 'replicas', this.replicas, 'an odd number from 1 to 9 (an even ensemble tolerates no more failures than the odd one below it)',
        `use ${this.replicas - 1} or ${this.replicas + 1}`);
    }
    // Reaches the server list of zoo.cfg and the start script: validated like the brokers' domain.
    const domain = resolveClusterDomain(this, props.clusterDomain);
    const tickTime = validateInteger(this, 'tickTime', props.tickTime ?? 2000, 100, 60000);
    const initLimit = validateInteger(this, 'initLimit', props.initLimit ?? 10, 1, 1000);
    const syncLimit = validateInteger(this, 'syncLimit', props.syncLimit ?? 5, 1, 1000);
    const snapRetain = validateInteger(this, 'autopurge.snapRetainCount', props.autopurge?.snapRetainCount ?? 3, 3, undefined,
      'set snapRetainCount to 3 or more (ZooKeeper ignores lower values)');
    const purgeInterval = validateInteger(this, 'autopurge.purgeIntervalHours', props.autopurge?.purgeIntervalHours ?? 24, 0, 8760);
    const resources = resolveResources(this, 'resources', props.resources, { cpuRequest: '250m', memoryRequest: '1Gi' });
    const heap = props.heap ?? defaultHeap(resources.limits.memory);
    const heapMb = Math.floor(validateHeap(this, 'heap', heap, resources.limits.memory) / 1024 ** 2);
    if (heapMb < 64) {
      fail(this, 'heap', heap, 'at least 64m', 'give ZooKeeper a heap of at least "256m"');
    }

    this.headlessServiceName = `${this.name}-headless`;
    this.clientServiceName = `${this.name}-client`;
    const labels = standardLabels('zookeeper', this.name, 'zookeeper');
    const selector = selectorLabels('zookeeper', this.name, 'zookeeper');
    this.selector = selector;
    const metadata = (name: string) => ({ name, namespace: this.namespace, labels });
    const podDns = (i: number) => `${this.name}-${i}.${this.headlessServiceName}.${this.namespace}.svc.${domain}`;
    this.connectString = Array.from({ length: this.replicas }, (_, i) => `${podDns(i)}:${KafkaPorts.ZOOKEEPER_CLIENT}`).join(',');
    // server.N=host:peer:election;clientPort — N = ordinal + 1, the `;2181` suffix is required by the image.
    const servers = Array.from({ length: this.replicas }, (_, i) =>
      `server.${i + 1}=${podDns(i)}:${KafkaPorts.ZOOKEEPER_PEER}:${KafkaPorts.ZOOKEEPER_ELECTION};${KafkaPorts.ZOOKEEPER_CLIENT}`).join(' ');

    const ports = [
      { name: 'client', port: KafkaPorts.ZOOKEEPER_CLIENT },
      { name: 'peer', port: KafkaPorts.ZOOKEEPER_PEER },
      { name: 'election', port: KafkaPorts.ZOOKEEPER_ELECTION },
    ];
    new k8s.KubeService(this, 'Headless', {
      metadata: metadata(this.headlessServiceName),
      spec: {
        clusterIp: 'None',
        publishNotReadyAddresses: true,
        selector,
        ports: ports.map(p => ({ name: p.name, port: p.port, targetPort: k8s.IntOrString.fromNumber(p.port) })),
      },
    });
    new k8s.KubeService(this, 'Client', {
      metadata: metadata(this.clientServiceName),
      spec: {
        selector,
        ports: [{ name: 'client', port: KafkaPorts.ZOOKEEPER_CLIENT, targetPort: k8s.IntOrString.fromNumber(KafkaPorts.ZOOKEEPER_CLIENT) }],
      },
    });

    refuseLoneEphemeral(this, 'storage', this.replicas, props.storage, 'ZooKeeper node');
    const data = dataVolume(this, 'storage', props.storage ?? KafkaStorage.persistent({ size: '10Gi' }), 'data', '10Gi', labels);
    const dataLog = props.dataLogStorage ? dataVolume(this, 'dataLogStorage', props.dataLogStorage, 'datalog', '10Gi', labels) : undefined;
    const placement = resolvePlacement(this, '', props, selector);
    this.renderStatefulSet({ labels, selector, placement, data, dataLog, servers, resources, heapMb, ports, props,
      settings: { tickTime, initLimit, syncLimit, snapRetain, purgeInterval } });

    new k8s.KubePodDisruptionBudget(this, 'Pdb', {
      metadata: metadata(this.name),
      spec: {
        // Keep a quorum: floor(n/2)+1 servers must stay up (0 for a single server blocks evictions).
        maxUnavailable: k8s.IntOrString.fromNumber(quorumMaxUnavailable(this.replicas)),
        selector: { matchLabels: selector },
      },
    });

    if (props.networkPolicies ?? true) this.renderNetworkPolicy(labels, selector, ports);
  }

  /** The StatefulSet: myid from the ordinal, zoo.cfg from env, four-letter-word probes. */
  private renderStatefulSet(o: {
    labels: { [key: string]: string }; selector: { [key: string]: string }; placement: ResolvedPlacement;
    data: ReturnType<typeof dataVolume>; dataLog?: ReturnType<typeof dataVolume>; servers: string; resources: ResolvedResources; heapMb: number;
    ports: { name: string; port: number }[]; props: ZookeeperEnsembleProps;
    settings: { tickTime: number; initLimit: number; syncLimit: number; snapRetain: number; purgeInterval: number };
  }): void {
    const { labels, selector, placement, data, dataLog, servers, resources, heapMb, ports, props } = o;
    const fourLetter = (cmd: string, expect: string) => ({
      exec: { command: ['/bin/bash', '-c', `echo ${cmd} | nc -w 2 localhost ${KafkaPorts.ZOOKEEPER_CLIENT} | grep -q '${expect}'`] },
    });

    new k8s.KubeStatefulSet(this, 'Resource', {
      // Flux never prunes the ensemble: its pods hold the cluster's metadata.
      metadata: { name: this.name, namespace: this.namespace, labels, annotations: keepOnPrune() },
      spec: {
        serviceName: this.headlessServiceName,
        replicas: this.replicas,
        // Every server must start for the ensemble to form; OrderedReady would wait for a quorum that cannot exist yet.
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: selector },
        updateStrategy: { type: 'RollingUpdate' },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            terminationGracePeriodSeconds: 30,
            securityContext: restrictedPodSecurityContext(),
            ...placement,
            containers: [{
              name: 'zookeeper',
              image: props.image ?? KafkaImages.ZOOKEEPER,
              command: ['/bin/bash', '-c', [
                'set -eu',
                // myid = ordinal + 1 (ZooKeeper ids start at 1).
                'export ZOO_MY_ID=$((${HOSTNAME##*-}+1))',
                // The image generates zoo.cfg into ZOO_CONF_DIR: use a writable copy of its /conf (logback.xml).
                'cp -R /conf/. "$ZOO_CONF_DIR"/',
                'mkdir -p "$ZOO_DATA_DIR" "$ZOO_DATA_LOG_DIR"',
                'exec /docker-entrypoint.sh zkServer.sh start-foreground',
              ].join('\n')],
              env: zookeeperEnv(o.settings, servers, !!dataLog, this.replicas === 1, heapMb),
              ports: ports.map(p => ({ name: p.name, containerPort: p.port })),
              resources: k8sResources(resources),
              securityContext: restrictedContainerSecurityContext(),
              // ruok answers as soon as the process runs; srvr shows a Mode only when the server is in a quorum.
              livenessProbe: { ...fourLetter('ruok', 'imok'), initialDelaySeconds: 15, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
              readinessProbe: { ...fourLetter('srvr', 'Mode: '), initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
              volumeMounts: [
                { name: 'data', mountPath: '/data' },
                ...(dataLog ? [{ name: 'datalog', mountPath: '/datalog' }] : []),
                { name: 'conf', mountPath: '/opt/zookeeper/conf' },
                { name: 'logs', mountPath: '/logs' },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            }],
            volumes: [...data.volumes, ...(dataLog?.volumes ?? []), emptyDir('conf'), emptyDir('logs'), emptyDir('tmp')],
          },
        },
        volumeClaimTemplates: data.claims.length || dataLog?.claims.length ? [...data.claims, ...(dataLog?.claims ?? [])] : undefined,
      },
    });
  }

  /** Ingress of the ensemble: its own peers on every port, registered clients (the brokers) on 2181. */
  private renderNetworkPolicy(labels: { [key: string]: string }, selector: { [key: string]: string }, ports: { name: string; port: number }[]): void {
    const peerPorts = ports.map(p => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(p.port) }));
    new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress'],
        ingress: Lazy.any({
          produce: () => [
            { from: [{ podSelector: { matchLabels: selector } }], ports: peerPorts },
            ...(this.clients.length ? [{
              from: this.clients.map(c => ({
                podSelector: { matchLabels: c.labels },
                namespaceSelector: c.namespace ? { matchLabels: { 'kubernetes.io/metadata.name': c.namespace } } : undefined,
              })),
              ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(KafkaPorts.ZOOKEEPER_CLIENT) }],
            }] : []),
          ],
        }),
      },
    });
  }

  /**
   * Admits pods with these labels to the client port in the ensemble's NetworkPolicy.
   * KafkaBrokers calls it for its broker pods (`namespace` when they run in another one).
   */
  public allowClients(podLabels: { readonly [key: string]: string }, namespace?: string): void {
    this.clients.push({ labels: { ...podLabels }, namespace: namespace === this.namespace ? undefined : namespace });
  }
}

/** The env contract of the official image's docker-entrypoint.sh (it writes zoo.cfg from these). */
function zookeeperEnv(settings: { tickTime: number; initLimit: number; syncLimit: number; snapRetain: number; purgeInterval: number },
  servers: string, dataLog: boolean, standalone: boolean, heapMb: number): k8s.EnvVar[] {
  return [
    { name: 'ZOO_CONF_DIR', value: '/opt/zookeeper/conf' },
    { name: 'ZOOCFGDIR', value: '/opt/zookeeper/conf' },
    { name: 'ZOO_DATA_DIR', value: '/data' },
    { name: 'ZOO_DATA_LOG_DIR', value: dataLog ? '/datalog' : '/data/datalog' },
    { name: 'ZOO_LOG_DIR', value: '/logs' },
    { name: 'ZOO_SERVERS', value: servers },
    { name: 'ZOO_STANDALONE_ENABLED', value: standalone ? 'true' : 'false' },
    { name: 'ZOO_TICK_TIME', value: String(settings.tickTime) },
    { name: 'ZOO_INIT_LIMIT', value: String(settings.initLimit) },
    { name: 'ZOO_SYNC_LIMIT', value: String(settings.syncLimit) },
    { name: 'ZOO_AUTOPURGE_SNAPRETAINCOUNT', value: String(settings.snapRetain) },
    { name: 'ZOO_AUTOPURGE_PURGEINTERVAL', value: String(settings.purgeInterval) },
    { name: 'ZOO_4LW_COMMANDS_WHITELIST', value: 'srvr,ruok' },
    // Bind peer/election ports on all addresses: a pod's own DNS record may not exist yet when it starts.
    { name: 'ZOO_CFG_EXTRA', value: 'quorumListenOnAllIPs=true' },
    // The AdminServer (Jetty on 8080) is not needed and would be one more open port.
    { name: 'ZOO_ADMINSERVER_ENABLED', value: 'false' },
    // zkEnv.sh turns this into -Xmx<N>m.
    { name: 'ZK_SERVER_HEAP', value: String(heapMb) },
  ];
}
