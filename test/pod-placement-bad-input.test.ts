/**
 * The pod-placement vocabulary (lib/kafka/pod-placement.ts) is shared by both flavours: raw
 * `tolerations` and Strimzi `affinity`, `tolerations`, `topologySpreadConstraints`. Its
 * enumerated fields are strings (no generated Kubernetes types in public signatures, and
 * jsii has no literal types), so values the API server would reject fail at synth.
 */
import { App, Chart, Testing } from 'cdk8s';
import { KafkaBrokers, NodeSpread, PodAffinity, StrimziCluster, TopologySpreadConstraint } from '../lib';

const chart = () => new Chart(new App(), 'test', { namespace: 'kafka' });
const strimzi = (props: ConstructorParameters<typeof StrimziCluster>[2]) => new StrimziCluster(chart(), 'my-cluster', props);

describe('pod placement: bad values fail at synth in both flavours', () => {
  test('toleration operator and effect are Kubernetes values (raw and Strimzi)', () => {
    expect(() => new KafkaBrokers(chart(), 'kafka', { tolerations: [{ key: 'dedicated', operator: 'exists' }] }))
      .toThrow(/test\/kafka: invalid tolerations\[0\]\.operator: got "exists"; allowed: Equal, Exists\. Fix: use one of "Equal", "Exists" \(case-sensitive\)/);
    expect(() => strimzi({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'kafka', effect: 'NoScheduled' }] }))
      .toThrow(/test\/my-cluster: invalid tolerations\[0\]\.effect: got "NoScheduled"; allowed: NoSchedule, PreferNoSchedule, NoExecute/);
    expect(() => strimzi({ tolerations: [{ operator: 'Exists', value: 'x' }] }))
      .toThrow(/invalid tolerations\[0\]\.value: got "x"; allowed: no value with operator Exists/);
  });

  test('affinity operators, values and weights', () => {
    const node = (operator: string, values?: string[]): PodAffinity => ({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator, values }] }] } },
    });
    const f = 'affinity\\.nodeAffinity\\.requiredDuringSchedulingIgnoredDuringExecution\\.nodeSelectorTerms\\[0\\]\\.matchExpressions\\[0\\]';
    expect(() => strimzi({ affinity: node('in', ['kafka']) })).toThrow(new RegExp(`invalid ${f}\\.operator: got "in"; allowed: In, NotIn, Exists, DoesNotExist, Gt, Lt`));
    expect(() => strimzi({ affinity: node('In', []) })).toThrow(new RegExp(`invalid ${f}\\.values: got \\[\\]; allowed: at least one value with operator In`));
    expect(() => strimzi({ affinity: node('Exists', ['a']) })).toThrow(new RegExp(`invalid ${f}\\.values: got \\["a"\\]; allowed: no values with operator Exists`));
    expect(() => strimzi({ affinity: node('Gt', ['four']) })).toThrow(new RegExp(`invalid ${f}\\.values: got \\["four"\\]; allowed: exactly one integer with operator Gt`));
    expect(() => strimzi({
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] } },
    })).toThrow(/invalid affinity\.podAntiAffinity\.preferredDuringSchedulingIgnoredDuringExecution\[0\]\.weight: got 0; allowed: an integer from 1 to 100/);
    expect(() => strimzi({
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: '', labelSelector: { matchLabels: { app: 'x' } } }] } },
    })).toThrow(/invalid affinity\.podAffinity\.requiredDuringSchedulingIgnoredDuringExecution\[0\]\.topologyKey: got ""; allowed: a non-empty string/);
  });

  test('topology spread constraints', () => {
    const spread = (c: Partial<TopologySpreadConstraint>) => strimzi({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', ...c }] });
    expect(() => spread({ whenUnsatisfiable: 'ScheduleAnyWay' })).toThrow(/invalid topologySpreadConstraints\[0\]\.whenUnsatisfiable: got "ScheduleAnyWay"; allowed: DoNotSchedule, ScheduleAnyway/);
    expect(() => spread({ maxSkew: 0 })).toThrow(/invalid topologySpreadConstraints\[0\]\.maxSkew: got 0; allowed: an integer of at least 1/);
    expect(() => spread({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: 3 })).toThrow(/invalid topologySpreadConstraints\[0\]\.minDomains: got 3; allowed: minDomains only with whenUnsatisfiable DoNotSchedule/);
    expect(() => spread({ nodeTaintsPolicy: 'honor' })).toThrow(/invalid topologySpreadConstraints\[0\]\.nodeTaintsPolicy: got "honor"; allowed: Honor, Ignore/);
    expect(() => spread({ labelSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }))
      .toThrow(/invalid topologySpreadConstraints\[0\]\.labelSelector\.matchExpressions\[0\]\.values: got undefined; allowed: at least one value with operator In/);
  });

  test('valid placement renders unchanged into both flavours', () => {
    const affinity: PodAffinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['kafka'] }] }] } } };
    const c = chart();
    new StrimziCluster(c, 'my-cluster', {
      affinity,
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'kafka', effect: 'NoSchedule' }],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', minDomains: 3, nodeTaintsPolicy: 'Honor' }],
    });
    const kafka = Testing.synth(c).find(o => o.kind === 'Kafka');
    expect(kafka.spec.kafka.template.pod.affinity).toEqual(affinity);
    expect(kafka.spec.kafka.template.pod.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'kafka', effect: 'NoSchedule' }]);
    expect(kafka.spec.kafka.template.pod.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', minDomains: 3, nodeTaintsPolicy: 'Honor' }]);
    const r = chart();
    new KafkaBrokers(r, 'kafka', { nodeSpread: NodeSpread.NONE, tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }] });
    const sts = Testing.synth(r).find(o => o.kind === 'StatefulSet');
    expect(sts.spec.template.spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }]);
  });
});
