/**
 * Pod scheduling vocabulary shared by both flavours (raw StatefulSets and Strimzi pod templates).
 *
 * The library's own types, not the generated Kubernetes L1 structs: those stay out of public
 * signatures (and out of other languages' APIs). Field names and nesting are those of the
 * Kubernetes 1.27 pod spec (core/v1), so what users know from YAML carries over, and the values
 * render unchanged. Enumerated fields are strings checked at synth by `validatePodScheduling`,
 * with the allowed values in the error.
 */
import { IConstruct } from 'constructs';
import { fail } from './errors';

/** A toleration, as in the Kubernetes pod spec. */
export interface PodToleration {
  /** Taint key; empty with operator Exists tolerates everything. @default all keys */
  readonly key?: string;
  /** `Equal` or `Exists`. @default 'Equal' */
  readonly operator?: string;
  /** Taint value (with `Equal`). @default '' */
  readonly value?: string;
  /** `NoSchedule`, `PreferNoSchedule` or `NoExecute`. @default all effects */
  readonly effect?: string;
  /** Seconds a NoExecute toleration lasts. @default forever */
  readonly tolerationSeconds?: number;
}

/** One requirement of a label selector (`matchExpressions` entry). */
export interface LabelSelectorRequirement {
  /** Label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /** Values (non-empty with In and NotIn, empty with Exists and DoesNotExist). @default none */
  readonly values?: string[];
}

/** A label selector (pods or namespaces), as in Kubernetes: all terms ANDed. */
export interface LabelSelector {
  /** Label requirements. @default none */
  readonly matchExpressions?: LabelSelectorRequirement[];
  /** Labels that must match exactly. @default none */
  readonly matchLabels?: { [key: string]: string };
}

/** One requirement of a node selector term. */
export interface NodeSelectorRequirement {
  /** Node label key (or field name in `matchFields`). */
  readonly key: string;
  /** `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`. */
  readonly operator: string;
  /** Values (one integer with Gt and Lt, none with Exists and DoesNotExist). @default none */
  readonly values?: string[];
}

/** A node selector term: its requirements ANDed. */
export interface NodeSelectorTerm {
  /** Requirements on node labels. @default none */
  readonly matchExpressions?: NodeSelectorRequirement[];
  /** Requirements on node fields (`metadata.name`). @default none */
  readonly matchFields?: NodeSelectorRequirement[];
}

/** Node selector terms, ORed. */
export interface NodeSelector {
  /** The terms (at least one). */
  readonly nodeSelectorTerms: NodeSelectorTerm[];
}

/** A weighted node preference. */
export interface PreferredSchedulingTerm {
  /** Weight, 1 to 100. */
  readonly weight: number;
  /** The preferred nodes. */
  readonly preference: NodeSelectorTerm;
}

/** Node affinity. */
export interface NodeAffinity {
  /** Nodes the pod must run on. @default none */
  readonly requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  /** Nodes the pod prefers. @default none */
  readonly preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

/** Pods (selected by labels, in some namespaces) that a pod is placed near or away from. */
export interface PodAffinityTerm {
  /** Node label whose value defines "the same place" (e.g. `kubernetes.io/hostname`). */
  readonly topologyKey: string;
  /** The pods. @default no pods */
  readonly labelSelector?: LabelSelector;
  /** Namespaces of the pods, by label. @default the pod's own namespace (with `namespaces`) */
  readonly namespaceSelector?: LabelSelector;
  /** Namespaces of the pods, by name. @default the pod's own namespace */
  readonly namespaces?: string[];
}

/** A weighted pod affinity term. */
export interface WeightedPodAffinityTerm {
  /** Weight, 1 to 100. */
  readonly weight: number;
  /** The term. */
  readonly podAffinityTerm: PodAffinityTerm;
}

/** Pod affinity or anti-affinity rules. */
export interface PodAffinityRules {
  /** Terms every placement must satisfy. @default none */
  readonly requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  /** Terms placements should satisfy. @default none */
  readonly preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
}

/** The affinity of a pod, as in the Kubernetes pod spec. */
export interface PodAffinity {
  /** Node affinity. @default none */
  readonly nodeAffinity?: NodeAffinity;
  /** Pod affinity. @default none */
  readonly podAffinity?: PodAffinityRules;
  /** Pod anti-affinity. @default none */
  readonly podAntiAffinity?: PodAffinityRules;
}

/** A topology spread constraint, as in the Kubernetes pod spec. */
export interface TopologySpreadConstraint {
  /** Maximum difference of matching pods between two domains (at least 1). */
  readonly maxSkew: number;
  /** Node label whose values are the domains. */
  readonly topologyKey: string;
  /** `DoNotSchedule` or `ScheduleAnyway`. */
  readonly whenUnsatisfiable: string;
  /** The pods counted. @default none */
  readonly labelSelector?: LabelSelector;
  /** Pod label keys whose values further select the pods counted. @default none */
  readonly matchLabelKeys?: string[];
  /** Minimum number of eligible domains (only with DoNotSchedule). @default 1 */
  readonly minDomains?: number;
  /** `Honor` or `Ignore` the pod's node affinity when counting. @default 'Honor' */
  readonly nodeAffinityPolicy?: string;
  /** `Honor` or `Ignore` node taints when counting. @default 'Ignore' */
  readonly nodeTaintsPolicy?: string;
}

/** Scheduling fields of a pod spec as the user gives them (each optional). */
export interface PodSchedulingOptions {
  readonly affinity?: PodAffinity;
  readonly tolerations?: PodToleration[];
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const NODE_OPERATORS = [...SELECTOR_OPERATORS, 'Gt', 'Lt'];

/** Refuses values the API server would reject in affinity, tolerations and topology spread constraints. */
export function validatePodScheduling(scope: IConstruct, field: string, options: PodSchedulingOptions): void {
  (options.tolerations ?? []).forEach((t, i) => validateToleration(scope, `${field}tolerations[${i}]`, t));
  (options.topologySpreadConstraints ?? []).forEach((c, i) => validateSpread(scope, `${field}topologySpreadConstraints[${i}]`, c));
  const a = options.affinity;
  if (!a) return;
  const node = a.nodeAffinity;
  const f = `${field}affinity.nodeAffinity.`;
  (node?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [])
    .forEach((t, i) => validateNodeTerm(scope, `${f}requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`, t));
  (node?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((p, i) => {
    validateWeight(scope, `${f}preferredDuringSchedulingIgnoredDuringExecution[${i}].weight`, p.weight);
    validateNodeTerm(scope, `${f}preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`, p.preference ?? {});
  });
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const rules = a[kind];
    const k = `${field}affinity.${kind}.`;
    (rules?.requiredDuringSchedulingIgnoredDuringExecution ?? [])
      .forEach((t, i) => validatePodTerm(scope, `${k}requiredDuringSchedulingIgnoredDuringExecution[${i}]`, t));
    (rules?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, i) => {
      validateWeight(scope, `${k}preferredDuringSchedulingIgnoredDuringExecution[${i}].weight`, w.weight);
      validatePodTerm(scope, `${k}preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm`, w.podAffinityTerm ?? ({} as PodAffinityTerm));
    });
  }
}

function validateToleration(scope: IConstruct, field: string, t: PodToleration): void {
  oneOf(scope, `${field}.operator`, t.operator, ['Equal', 'Exists']);
  oneOf(scope, `${field}.effect`, t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
  if (t.operator === 'Exists' && t.value) {
    fail(scope, `${field}.value`, t.value, 'no value with operator Exists', 'remove the value or use operator Equal');
  }
  if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
    fail(scope, `${field}.tolerationSeconds`, t.tolerationSeconds, 'tolerationSeconds only with effect NoExecute', 'set effect: "NoExecute" or remove tolerationSeconds');
  }
}

function validateSpread(scope: IConstruct, field: string, c: TopologySpreadConstraint): void {
  if (!Number.isInteger(c.maxSkew) || c.maxSkew < 1) {
    fail(scope, `${field}.maxSkew`, c.maxSkew, 'an integer of at least 1', 'use maxSkew: 1 for an even spread');
  }
  required(scope, `${field}.topologyKey`, c.topologyKey, 'e.g. "topology.kubernetes.io/zone"');
  oneOf(scope, `${field}.whenUnsatisfiable`, c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway'], true);
  oneOf(scope, `${field}.nodeAffinityPolicy`, c.nodeAffinityPolicy, ['Honor', 'Ignore']);
  oneOf(scope, `${field}.nodeTaintsPolicy`, c.nodeTaintsPolicy, ['Honor', 'Ignore']);
  if (c.minDomains !== undefined) {
    if (!Number.isInteger(c.minDomains) || c.minDomains < 1) {
      fail(scope, `${field}.minDomains`, c.minDomains, 'an integer of at least 1', 'remove minDomains or set the number of zones');
    }
    if (c.whenUnsatisfiable !== 'DoNotSchedule') {
      fail(scope, `${field}.minDomains`, c.minDomains, 'minDomains only with whenUnsatisfiable DoNotSchedule', 'remove minDomains or use DoNotSchedule');
    }
  }
  if (c.labelSelector) validateSelector(scope, `${field}.labelSelector`, c.labelSelector);
}

function validatePodTerm(scope: IConstruct, field: string, t: PodAffinityTerm): void {
  required(scope, `${field}.topologyKey`, t.topologyKey, 'e.g. "kubernetes.io/hostname"');
  if (t.labelSelector) validateSelector(scope, `${field}.labelSelector`, t.labelSelector);
  if (t.namespaceSelector) validateSelector(scope, `${field}.namespaceSelector`, t.namespaceSelector);
}

function validateSelector(scope: IConstruct, field: string, s: LabelSelector): void {
  (s.matchExpressions ?? []).forEach((r, i) => {
    const f = `${field}.matchExpressions[${i}]`;
    required(scope, `${f}.key`, r.key, 'a label key');
    oneOf(scope, `${f}.operator`, r.operator, SELECTOR_OPERATORS, true);
    const n = (r.values ?? []).length;
    if ((r.operator === 'In' || r.operator === 'NotIn') && n === 0) {
      fail(scope, `${f}.values`, r.values, `at least one value with operator ${r.operator}`, 'list the label values to match');
    }
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0) {
      fail(scope, `${f}.values`, r.values, `no values with operator ${r.operator}`, 'remove values');
    }
  });
}

function validateNodeTerm(scope: IConstruct, field: string, t: NodeSelectorTerm): void {
  for (const list of ['matchExpressions', 'matchFields'] as const) {
    (t[list] ?? []).forEach((r, i) => {
      const f = `${field}.${list}[${i}]`;
      required(scope, `${f}.key`, r.key, 'a node label key');
      oneOf(scope, `${f}.operator`, r.operator, NODE_OPERATORS, true);
      const n = (r.values ?? []).length;
      if ((r.operator === 'In' || r.operator === 'NotIn') && n === 0) {
        fail(scope, `${f}.values`, r.values, `at least one value with operator ${r.operator}`, 'list the node label values to match');
      }
      if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0) {
        fail(scope, `${f}.values`, r.values, `no values with operator ${r.operator}`, 'remove values');
      }
      if ((r.operator === 'Gt' || r.operator === 'Lt') && (n !== 1 || !/^-?\d+$/.test(r.values![0]))) {
        fail(scope, `${f}.values`, r.values, `exactly one integer with operator ${r.operator}`, 'e.g. values: ["4"]');
      }
    });
  }
}

function validateWeight(scope: IConstruct, field: string, weight: number): void {
  if (!Number.isInteger(weight) || weight < 1 || weight > 100) {
    fail(scope, field, weight, 'an integer from 1 to 100', 'e.g. weight: 100');
  }
}

function required(scope: IConstruct, field: string, value: string | undefined, example: string): void {
  if (typeof value !== 'string' || value === '') fail(scope, field, value, 'a non-empty string', `set it, ${example}`);
}

function oneOf(scope: IConstruct, field: string, value: string | undefined, allowed: string[], mandatory = false): void {
  if (value === undefined && !mandatory) return;
  if (!allowed.includes(value as string)) {
    fail(scope, field, value, allowed.join(', '), `use one of ${allowed.map(a => `"${a}"`).join(', ')} (case-sensitive)`);
  }
}
