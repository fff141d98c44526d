// Pod templates of Strimzi brokers and ZooKeeper: restricted security contexts and spreading.
import * as k8s from '../../imports/k8s';
import { StrimziClusterProps } from './strimzi-cluster-props';
import { strimziContainerSecurityContext, strimziPodSecurityContext } from './strimzi-common';

/**
 * Core Kubernetes JSON placed into a Strimzi template. The library's pod-placement types have the
 * shapes of the generated Kubernetes structs, whose toJson functions render them.
 */
export function coreJson(json: Record<string, any> | undefined): any {
  return json ?? {};
}

/** Spread one component's pods across nodes (ScheduleAnyway) and, with a zone key, across zones (DoNotSchedule). */
export function defaultSpread(selector: { [key: string]: string }, zoneKey: string | undefined, matchLabelKeys?: string[]) {
  const c = (topologyKey: string, whenUnsatisfiable: string) => ({
    maxSkew: 1, topologyKey, whenUnsatisfiable,
    labelSelector: { matchLabels: { ...selector } },
    ...(matchLabelKeys ? { matchLabelKeys: [...matchLabelKeys] } : {}),
  });
  return [
    c('kubernetes.io/hostname', 'ScheduleAnyway'),
    ...(zoneKey ? [c(zoneKey, 'DoNotSchedule')] : []),
  ];
}

/** Pod fields of a template: security context, the user's affinity and tolerations, spreading. */
export function podTemplate(props: StrimziClusterProps, restricted: boolean, withVolumes: boolean, spread: any[]) {
  return {
    ...(restricted ? { securityContext: strimziPodSecurityContext(withVolumes) } : {}),
    ...(props.affinity ? { affinity: coreJson(k8s.toJson_Affinity(props.affinity)) } : {}),
    ...(props.tolerations ? { tolerations: props.tolerations.map(t => coreJson(k8s.toJson_Toleration(t))) } : {}),
    topologySpreadConstraints: spread,
  };
}

/** The security context of a container, when restricted. */
export function containerTemplate(restricted: boolean) {
  return restricted ? { securityContext: strimziContainerSecurityContext() } : {};
}

/** The brokers' (and controllers') `spec.kafka.template`. */
export function kafkaTemplate(props: StrimziClusterProps, clusterName: string, kraft: boolean, restricted: boolean, maxUnavailable: number) {
  const spread = props.topologySpreadConstraints?.map(c => coreJson(k8s.toJson_TopologySpreadConstraint(c)))
    ?? defaultSpread({ 'strimzi.io/cluster': clusterName, 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${clusterName}-kafka` },
      props.rackTopologyKey, kraft ? ['strimzi.io/pool-name'] : undefined);
  return {
    pod: { ...podTemplate(props, restricted, true, spread), terminationGracePeriodSeconds: 120 },
    kafkaContainer: { ...containerTemplate(restricted) },
    ...(props.rackTopologyKey ? { initContainer: { ...containerTemplate(restricted) } } : {}),
    // Never let voluntary evictions take more nodes than the replication settings and the quorum tolerate.
    podDisruptionBudget: { maxUnavailable },
  };
}
