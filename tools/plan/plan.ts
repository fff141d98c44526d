// `npm run plan`: what applying a new synthesized output over a previous one does, object by object.
import { display, K8sObject, loadFolder } from './objects';
import { addedFindings, changedFindings, Consequence, Finding, PlanContext, removedFindings, SEVERITY, UNSAFE } from './rules';
import { strimziUpgradeFindings } from './strimzi-upgrade-rules';

/** The plan of one object. */
export interface ObjectPlan {
  readonly object: string;
  readonly kind: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** The worst of its findings. */
  readonly consequence: Consequence;
  readonly findings: readonly Finding[];
}

/** The plan of a whole output. */
export interface Plan {
  readonly objects: readonly ObjectPlan[];
  /** Findings that concern several objects together (e.g. StatefulSets rolling at the same time). */
  readonly together: readonly Finding[];
  readonly unchanged: number;
  /** True when nothing is rejected or puts data at risk. */
  readonly safe: boolean;
}

function worst(findings: readonly Finding[]): Consequence {
  return findings.reduce<Consequence>((w, f) => (SEVERITY.indexOf(f.consequence) > SEVERITY.indexOf(w) ? f.consequence : w), 'unchanged');
}

/** Compares two sets of objects (by identity) and classifies every difference. */
export function planObjects(base: ReadonlyMap<string, K8sObject>, next: ReadonlyMap<string, K8sObject>): Plan {
  const context: PlanContext = { base, next };
  const objects: ObjectPlan[] = [];
  let unchanged = 0;
  for (const [id, o] of next) {
    const b = base.get(id);
    if (!b) {
      objects.push({ object: display(o), kind: o.kind, change: 'added', findings: addedFindings(o), consequence: 'created' });
    } else if (JSON.stringify(b) === JSON.stringify(o)) {
      unchanged++;
    } else {
      const findings = changedFindings(b, o, context);
      objects.push({ object: display(o), kind: o.kind, change: 'changed', findings, consequence: worst(findings) });
    }
  }
  for (const [id, o] of base) {
    if (next.has(id)) continue;
    const findings = removedFindings(o);
    objects.push({ object: display(o), kind: o.kind, change: 'removed', findings, consequence: worst(findings) });
  }
  const together = [...concurrentRolls(base, next), ...strimziUpgradeFindings(base, next)];
  const all = [...objects.flatMap(p => p.findings), ...together];
  return { objects, together, unchanged, safe: !all.some(f => UNSAFE.includes(f.consequence)) };
}

/**
 * StatefulSets roll independently: when more than one StatefulSet of the same Kafka cluster or
 * ZooKeeper ensemble rolls in one apply, one node of each restarts at the same time, which can
 * take the KRaft or ZooKeeper quorum, or every in-sync replica of a partition, down together.
 */
function concurrentRolls(base: ReadonlyMap<string, K8sObject>, next: ReadonlyMap<string, K8sObject>): Finding[] {
  const rolling = new Map<string, K8sObject[]>();
  for (const [id, o] of next) {
    const b = base.get(id);
    const name = o.metadata.labels?.['app.kubernetes.io/name'];
    if (o.kind !== 'StatefulSet' || !b || (name !== 'kafka' && name !== 'zookeeper')) continue;
    if (JSON.stringify(b.spec?.template) === JSON.stringify(o.spec?.template) || o.spec?.updateStrategy?.type === 'OnDelete') continue;
    const key = `${o.metadata.namespace}/${name}/${o.metadata.labels?.['app.kubernetes.io/instance']}`;
    rolling.set(key, [...rolling.get(key) ?? [], o]);
  }
  return [...rolling.values()].filter(sets => sets.length > 1).map(sets => ({
    consequence: 'data-at-risk' as const,
    detail: `${sets.map(display).join(', ')} roll at the same time (StatefulSets roll independently): ${sets.length} nodes restart together, `
      + 'which can take the quorum or every in-sync replica of a partition down',
    wayOut: 'roll them one after another (updateStrategy OnDelete or partition, one StatefulSet at a time), or run the nodes in one StatefulSet',
  }));
}

/** Plans two synthesized folders. */
export function planFolders(baseDir: string, nextDir: string): Plan {
  return planObjects(loadFolder(baseDir), loadFolder(nextDir));
}

/** Human-readable report. */
export function formatPlan(plan: Plan, baseDir: string): string {
  const lines: string[] = [];
  const order = [...plan.objects].sort((a, b) => SEVERITY.indexOf(b.consequence) - SEVERITY.indexOf(a.consequence) || a.object.localeCompare(b.object));
  for (const p of order) {
    lines.push(`${p.consequence.toUpperCase().padEnd(16)} ${p.object} (${p.change})`);
    for (const f of p.findings) {
      lines.push(`  - ${f.consequence}: ${f.detail}`);
      if (f.wayOut) lines.push(`    way out: ${f.wayOut}`);
    }
  }
  for (const f of plan.together) {
    lines.push(`${f.consequence.toUpperCase().padEnd(16)} (several objects)`);
    lines.push(`  - ${f.detail}`);
    if (f.wayOut) lines.push(`    way out: ${f.wayOut}`);
  }
  const counts = SEVERITY.filter(c => c !== 'unchanged').map(c => [c, plan.objects.filter(p => p.consequence === c).length] as const).filter(([, n]) => n > 0);
  lines.push('');
  lines.push(`plan against ${baseDir}: ${plan.objects.length} changed object(s), ${plan.unchanged} unchanged`
    + (counts.length ? ` (${counts.map(([c, n]) => `${n} ${c}`).join(', ')})` : ''));
  lines.push(plan.safe ? 'every change is safe to apply' : 'NOT SAFE: some changes would be rejected or put data at risk (exit 3)');
  return lines.join('\n');
}
