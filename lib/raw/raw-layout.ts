// Where every node of a raw cluster runs: StatefulSets, pod names and DNS names, node ids and the
// static quorum, all from the cluster model's pools (one table; the start script reads the same
// first id and stride, so the id math exists once).
import { ClusterModel, KafkaPorts, NodePoolModel, selectorLabels, serviceDns, standardLabels } from '../kafka';

/** Label on the broker pods (and selector of the StatefulSet) of one zone of a rack-aware cluster; value: the zone. */
export const BROKER_ZONE_LABEL = 'kafka.cdk8s.io/zone';

/** One StatefulSet of a raw cluster: all nodes of a pool, or the pool's nodes in one zone. */
export interface RawNodeGroup {
  /** Construct id of the StatefulSet. */
  readonly id: string;
  readonly pool: NodePoolModel;
  readonly statefulSetName: string;
  readonly headlessService: string;
  readonly replicas: number;
  /** Node id of ordinal o: `firstId + o * stride`. */
  readonly firstId: number;
  readonly stride: number;
  readonly zone?: { readonly index: number; readonly name: string };
  readonly labels: { readonly [key: string]: string };
  readonly selector: { readonly [key: string]: string };
}

/** A node's pod and addresses. */
export interface RawNode {
  readonly id: number;
  readonly podName: string;
  /** `<pod>.<headless>.<ns>.svc.<domain>`. */
  readonly dns: string;
}

/** The layout of a raw cluster. */
export interface RawLayout {
  readonly groups: readonly RawNodeGroup[];
  /** Headless Service of the broker pods. */
  readonly brokerHeadless: string;
  /** Headless Service of dedicated controllers (undefined without them). */
  readonly controllerHeadless?: string;
  /** Every node by id. */
  readonly nodes: ReadonlyMap<number, RawNode>;
  /** `controller.quorum.voters` (undefined in ZooKeeper mode). */
  readonly quorumVoters?: string;
  readonly brokerLabels: { readonly [key: string]: string };
  readonly brokerSelector: { readonly [key: string]: string };
  readonly controllerLabels?: { readonly [key: string]: string };
  readonly controllerSelector?: { readonly [key: string]: string };
}

/**
 * Lays the model's pools out as StatefulSets. With zones, broker i runs in `zones[i % Z]` as pod
 * `floor(i / Z)` of that zone's StatefulSet (ids stay 0..n-1, consecutive ids sit in different zones).
 */
export function rawLayout(model: ClusterModel, zones?: readonly string[]): RawLayout {
  const name = model.clusterName;
  const brokerHeadless = `${name}-kafka-brokers`;
  const brokerLabels = standardLabels('kafka', name, 'broker');
  const brokerSelector = selectorLabels('kafka', name, 'broker');
  const groups: RawNodeGroup[] = [];
  let controllerHeadless: string | undefined;
  let controllerLabels: { [key: string]: string } | undefined;
  let controllerSelector: { [key: string]: string } | undefined;
  for (const pool of model.pools) {
    if (pool.key === 'controller') {
      controllerHeadless = `${name}-controllers`;
      controllerLabels = standardLabels('kafka', name, 'controller');
      controllerSelector = selectorLabels('kafka', name, 'controller');
      groups.push({
        id: 'Controllers', pool, statefulSetName: pool.name, headlessService: controllerHeadless, replicas: pool.replicas,
        firstId: pool.firstId, stride: 1, labels: controllerLabels, selector: controllerSelector,
      });
    } else if (!zones) {
      groups.push({
        id: 'Resource', pool, statefulSetName: pool.name, headlessService: brokerHeadless, replicas: pool.replicas,
        firstId: pool.firstId, stride: 1, labels: brokerLabels, selector: brokerSelector,
      });
    } else {
      zones.forEach((zone, index) => groups.push({
        id: `Zone${index}`, pool, statefulSetName: `${pool.name}-z${index}`, headlessService: brokerHeadless,
        replicas: pool.replicas / zones.length, firstId: pool.firstId + index, stride: zones.length, zone: { index, name: zone },
        labels: { ...brokerLabels, [BROKER_ZONE_LABEL]: zone }, selector: { ...brokerSelector, [BROKER_ZONE_LABEL]: zone },
      }));
    }
  }
  const nodes = new Map<number, RawNode>();
  for (const g of groups) {
    for (let ordinal = 0; ordinal < g.replicas; ordinal++) {
      const id = g.firstId + ordinal * g.stride;
      const podName = `${g.statefulSetName}-${ordinal}`;
      nodes.set(id, { id, podName, dns: `${podName}.${serviceDns(g.headlessService, model.namespace, model.clusterDomain)}` });
    }
  }
  const quorumVoters = model.quorum?.voters.map(v => `${v.id}@${nodes.get(v.id)!.dns}:${KafkaPorts.CONTROLLER}`).join(',');
  return { groups, brokerHeadless, controllerHeadless, nodes, quorumVoters, brokerLabels, brokerSelector, controllerLabels, controllerSelector };
}

/** The shell expression of a group's node id from `$ORDINAL` (the same first id and stride as {@link rawLayout}). */
export function nodeIdExpression(g: RawNodeGroup): string {
  if (g.stride === 1) return g.firstId === 0 ? '$ORDINAL' : `$((ORDINAL + ${g.firstId}))`;
  return `$((ORDINAL * ${g.stride} + ${g.firstId}))`;
}
