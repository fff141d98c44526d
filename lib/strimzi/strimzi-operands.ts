// The operands beside the brokers: entity operator, Cruise Control, Kafka Exporter, and the CAs.
import { IConstruct } from 'constructs';
import { fail, resolveResources, validateInteger } from '../kafka';
import { Shape, v1beta2Kafka, v1Kafka } from './l1';
import { StrimziCaOptions, StrimziClusterProps } from './strimzi-cluster-props';
import { strimziContainerSecurityContext, strimziPodSecurityContext, strimziResources } from './strimzi-common';

type EntityOperatorShape = Shape<v1Kafka.KafkaSpecEntityOperator> & Shape<v1beta2Kafka.KafkaSpecEntityOperator>;
type CaShape = Shape<v1Kafka.KafkaSpecClusterCa> & Shape<v1beta2Kafka.KafkaSpecClusterCa>;

/** Which entity operators run. */
export interface EntityOperators {
  readonly topicOperator: boolean;
  readonly userOperator: boolean;
}

/** The entity operator (topic and user operators), or undefined when neither runs. */
export function entityOperatorJson(scope: IConstruct, props: StrimziClusterProps, on: EntityOperators, restricted: boolean): EntityOperatorShape | undefined {
  if (!on.topicOperator && !on.userOperator) return undefined;
  const eo = props.entityOperator ?? {};
  const containerSc = { securityContext: strimziContainerSecurityContext() };
  const resources = strimziResources(resolveResources(scope, 'entityOperator.resources', eo.resources, { cpuRequest: '100m', memoryRequest: '512Mi' }));
  return {
    ...(on.topicOperator ? { topicOperator: { resources } } : {}),
    ...(on.userOperator ? { userOperator: { resources } } : {}),
    ...(restricted ? {
      template: {
        pod: { securityContext: strimziPodSecurityContext(false) },
        ...(on.topicOperator ? { topicOperatorContainer: { ...containerSc } } : {}),
        ...(on.userOperator ? { userOperatorContainer: { ...containerSc } } : {}),
      },
    } : {}),
  };
}

/** The spec fields of the optional operands and the CAs (`entityOperator`, `clusterCa`, `cruiseControl`, ...). */
export function operandsJson(scope: IConstruct, props: StrimziClusterProps, on: EntityOperators, restricted: boolean) {
  const containerSc = { securityContext: strimziContainerSecurityContext() };
  const podSc = { securityContext: strimziPodSecurityContext(false) };
  const entityOperator = entityOperatorJson(scope, props, on, restricted);
  return {
    ...(entityOperator ? { entityOperator } : {}),
    ...(props.clusterCa ? { clusterCa: caJson(scope, 'clusterCa', props.clusterCa) } : {}),
    ...(props.clientsCa ? { clientsCa: caJson(scope, 'clientsCa', props.clientsCa) } : {}),
    ...(props.cruiseControl ? {
      cruiseControl: {
        resources: strimziResources(resolveResources(scope, 'cruiseControl.resources', props.cruiseControl.resources, { cpuRequest: '200m', memoryRequest: '768Mi' })),
        ...(restricted ? { template: { pod: podSc, cruiseControlContainer: { ...containerSc } } } : {}),
      },
    } : {}),
    ...(props.kafkaExporter ? {
      kafkaExporter: {
        topicRegex: props.kafkaExporter.topicRegex ?? '.*',
        groupRegex: props.kafkaExporter.groupRegex ?? '.*',
        resources: strimziResources(resolveResources(scope, 'kafkaExporter.resources', props.kafkaExporter.resources, { cpuRequest: '100m', memoryRequest: '128Mi' })),
        ...(restricted ? { template: { pod: podSc, container: { ...containerSc } } } : {}),
      },
    } : {}),
  };
}

function caJson(scope: IConstruct, field: string, ca: StrimziCaOptions): CaShape {
  if (ca.validityDays !== undefined) validateInteger(scope, `${field}.validityDays`, ca.validityDays, 1);
  if (ca.renewalDays !== undefined) validateInteger(scope, `${field}.renewalDays`, ca.renewalDays, 1);
  const validity = ca.validityDays ?? 365;
  const renewal = ca.renewalDays ?? 30;
  if (renewal >= validity) {
    fail(scope, `${field}.renewalDays`, renewal, `fewer days than validityDays (${validity})`, 'lower renewalDays or raise validityDays');
  }
  return {
    ...(ca.generateCertificateAuthority !== undefined ? { generateCertificateAuthority: ca.generateCertificateAuthority } : {}),
    ...(ca.validityDays !== undefined ? { validityDays: ca.validityDays } : {}),
    ...(ca.renewalDays !== undefined ? { renewalDays: ca.renewalDays } : {}),
    ...(ca.certificateExpirationPolicy ? { certificateExpirationPolicy: ca.certificateExpirationPolicy } : {}),
  };
}
