import { IConstruct } from 'constructs';
import { fail, NodeAffinity, PodAffinity, PodToleration, TopologySpreadConstraint, validateLabelKey, validatePodScheduling } from '../kafka';

/** How strictly the pods of one StatefulSet are kept on different nodes. */
export enum NodeSpread {
  /**
   * Required pod anti-affinity on `kubernetes.io/hostname`: never two pods on one node. A pod
   * stays Pending when there are fewer schedulable nodes than replicas.
   */
  REQUIRED = 'required',
  /** Preferred pod anti-affinity plus a hostname topology spread: spread when possible. */
  PREFERRED = 'preferred',
  /** No node spreading. */
  NONE = 'none',
}

/** Where the pods of a StatefulSet run. Shared by ZooKeeper, brokers and controllers. */
export interface PodPlacementOptions {
  /**
   * Spread across nodes.
   * @default NodeSpread.PREFERRED (a single-node development cluster still schedules every
   * pod; use REQUIRED in production so that one node failure never takes two replicas)
   */
  readonly nodeSpread?: NodeSpread;
  /**
   * Also spread evenly across zones (a topology spread constraint on `zoneTopologyKey`, maxSkew 1,
   * DoNotSchedule). Needs nodes labelled with that key.
   * @default false
   */
  readonly spreadAcrossZones?: boolean;
  /**
   * Node label that names the zone.
   * @default 'topology.kubernetes.io/zone'
   */
  readonly zoneTopologyKey?: string;
  /** Tolerations. @default none */
  readonly tolerations?: PodToleration[];
  /** Node selector. @default none */
  readonly nodeSelector?: { readonly [key: string]: string };
}

/** Resolved scheduling fields of a pod spec. */
export interface ResolvedPlacement {
  readonly affinity?: PodAffinity;
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
  readonly tolerations?: PodToleration[];
  readonly nodeSelector?: { [key: string]: string };
}

const HOSTNAME = 'kubernetes.io/hostname';

/** Validates placement options and renders the pod spec's scheduling fields for pods matching `selector`. */
export function resolvePlacement(scope: IConstruct, field: string, options: PodPlacementOptions, selector: { [key: string]: string }): ResolvedPlacement {
  const spread = options.nodeSpread ?? NodeSpread.PREFERRED;
  if (!Object.values(NodeSpread).includes(spread)) {
    fail(scope, `${field}nodeSpread`, spread, Object.values(NodeSpread).join(', '), 'use the NodeSpread enum');
  }
  const zoneKey = zoneKeyOf(options);
  validateLabelKey(scope, `${field}zoneTopologyKey`, zoneKey);
  const term = { labelSelector: { matchLabels: selector }, topologyKey: HOSTNAME };
  let affinity: PodAffinity | undefined;
  const constraints: TopologySpreadConstraint[] = [];
  if (spread === NodeSpread.REQUIRED) {
    affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } };
  } else if (spread === NodeSpread.PREFERRED) {
    affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
    constraints.push({ maxSkew: 1, topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } });
  }
  if (options.spreadAcrossZones) {
    constraints.push({ maxSkew: 1, topologyKey: zoneKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: selector } });
  }
  validatePodScheduling(scope, field, { tolerations: options.tolerations });
  Object.keys(options.nodeSelector ?? {}).forEach(k => validateLabelKey(scope, `${field}nodeSelector`, k));
  return {
    affinity,
    topologySpreadConstraints: constraints.length ? constraints : undefined,
    tolerations: options.tolerations?.length ? options.tolerations.map(t => ({ ...t })) : undefined,
    nodeSelector: options.nodeSelector && Object.keys(options.nodeSelector).length ? { ...options.nodeSelector } : undefined,
  };
}


const DEFAULT_ZONE_KEY = 'topology.kubernetes.io/zone';
/** A Kubernetes label value (node label values name the zones). */
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** The node label that names the zone (`zoneTopologyKey`, default `topology.kubernetes.io/zone`). */
export function zoneKeyOf(options: PodPlacementOptions): string {
  return options.zoneTopologyKey ?? DEFAULT_ZONE_KEY;
}

/**
 * Validates a list of zones (values of the zone label) for per-zone StatefulSets: at least two,
 * each a label value, each once; refuses the options that would contradict pinning pods to them
 * (`spreadAcrossZones`, the zone key in `nodeSelector`).
 */
export function validateZones(scope: IConstruct, field: string, zones: readonly string[], options: PodPlacementOptions): string[] {
  const key = zoneKeyOf(options);
  if (!Array.isArray(zones) || zones.length < 2) {
    fail(scope, field, zones, `a list of at least 2 zones (values of the node label ${key})`,
      'list the zones your nodes run in, e.g. ["eu-west-1a", "eu-west-1b", "eu-west-1c"], or remove zones (nodeSelector pins pods to one zone)');
  }
  zones.forEach((z, i) => {
    if (typeof z !== 'string' || z.length > 63 || !LABEL_VALUE.test(z)) {
      fail(scope, `${field}[${i}]`, z, 'a node label value: 1 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
        `use the zone as your nodes carry it (kubectl get nodes -L ${key}), e.g. "eu-west-1a"`);
    }
    const first = zones.indexOf(z);
    if (first !== i) {
      fail(scope, `${field}[${i}]`, z, `each zone once (${field}[${first}] has it)`, 'remove the duplicate zone');
    }
  });
  if (options.spreadAcrossZones) {
    fail(scope, 'spreadAcrossZones', true, `not together with ${field} (${field} already pins the same number of brokers to each zone and spreads controllers across them)`,
      'remove spreadAcrossZones');
  }
  if (options.nodeSelector && key in options.nodeSelector) {
    fail(scope, `nodeSelector["${key}"]`, options.nodeSelector[key], `no ${key} in nodeSelector together with ${field} (each broker StatefulSet is pinned to its own zone)`,
      `remove ${key} from nodeSelector`);
  }
  return [...zones];
}

/**
 * Restricts a placement to `zones`: a required node affinity `zoneKey In zones` (kept next to the
 * pod anti-affinity). With `spreadSelector`, also spreads the selected pods evenly across those
 * zones (maxSkew 1, DoNotSchedule, minDomains = the zone count so that a zone without nodes yet
 * does not let two pods share a zone).
 */
export function pinToZones(placement: ResolvedPlacement, zoneKey: string, zones: readonly string[], spreadSelector?: { [key: string]: string }): ResolvedPlacement {
  const nodeAffinity: NodeAffinity = {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: zoneKey, operator: 'In', values: [...zones] }] }],
    },
  };
  const constraints = [...placement.topologySpreadConstraints ?? []];
  if (spreadSelector) {
    constraints.push({
      maxSkew: 1, topologyKey: zoneKey, whenUnsatisfiable: 'DoNotSchedule', minDomains: zones.length, labelSelector: { matchLabels: spreadSelector },
    });
  }
  return {
    ...placement,
    affinity: { ...placement.affinity, nodeAffinity },
    topologySpreadConstraints: constraints.length ? constraints : undefined,
  };
}
