// Where every node of a raw cluster runs: one StatefulSet per pool, pod names and DNS names, node
// ids and the static quorum, all from the cluster model's pools (one table; the start script reads
// the same first id, so the id math exists once).
import { ClusterModel, KafkaPorts, NodePoolModel, selectorLabels, serviceDns, standardLabels } from '../kafka';

/** One StatefulSet of a raw cluster: all nodes of a pool. */
export interface RawNodeGroup {
  /** Construct id of the StatefulSet. */
  readonly id: string;
  readonly pool: NodePoolModel;
  readonly statefulSetName: string;
  readonly headlessService: string;
  readonly replicas: number;
  /** Node id of ordinal o: `firstId + o`. */
  readonly firstId: number;
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
 * Lays the model's pools out as StatefulSets, one per pool: with rack awareness too (the zone is
 * read from the node at start), so that the StatefulSet controller rolls every node of a pool one
 * at a time.
 */
export function rawLayout(model: ClusterModel): RawLayout {
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
        firstId: pool.firstId, labels: controllerLabels, selector: controllerSelector,
      });
    } else {
      groups.push({
        id: 'Resource', pool, statefulSetName: pool.name, headlessService: brokerHeadless, replicas: pool.replicas,
        firstId: pool.firstId, labels: brokerLabels, selector: brokerSelector,
      });
    }
  }
  const nodes = new Map<number, RawNode>();
  for (const g of groups) {
    for (let ordinal = 0; ordinal < g.replicas; ordinal++) {
      const id = g.firstId + ordinal;
      const podName = `${g.statefulSetName}-${ordinal}`;
      nodes.set(id, { id, podName, dns: `${podName}.${serviceDns(g.headlessService, model.namespace, model.clusterDomain)}` });
    }
  }
  const quorumVoters = model.quorum?.voters.map(v => `${v.id}@${nodes.get(v.id)!.dns}:${KafkaPorts.CONTROLLER}`).join(',');
  return { groups, brokerHeadless, controllerHeadless, nodes, quorumVoters, brokerLabels, brokerSelector, controllerLabels, controllerSelector };
}

/** The shell expression of a group's node id from `$ORDINAL` (the same first id as {@link rawLayout}). */
export function nodeIdExpression(g: RawNodeGroup): string {
  return g.firstId === 0 ? '$ORDINAL' : `$((ORDINAL + ${g.firstId}))`;
}
