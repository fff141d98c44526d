// e2e app binding-client: a raw SCRAM cluster and a client in a custom image (BindingClient, built
// like the test images) that knows the cluster only through its Service Binding directory and env,
// as any user workload bound with KafkaClientBinding would.
import { App, Chart } from 'cdk8s';
import * as k8s from '../../../imports/k8s';
import {
  KafkaBrokers, KafkaClientBinding, KafkaImages, KafkaTopicsJob, KafkaUserSecret, ListenerAuthentication,
} from '../../../lib';
import { SCRAM_PASSWORD } from './scram-password';

const app = new App();
const chart = new Chart(app, 'e2e', { namespace: 'kafka' });
new k8s.KubeSecret(chart, 'orders-credentials', { metadata: { name: 'orders-credentials' }, stringData: { password: SCRAM_PASSWORD } });
const cluster = new KafkaBrokers(chart, 'kafka', {
  clusterName: 'bound',
  listeners: [{ name: 'scram', port: 9092, authentication: ListenerAuthentication.SCRAM_SHA_512 }],
});
const user = new KafkaUserSecret(chart, 'orders', { cluster, userName: 'orders', secretName: 'orders-credentials' });
new KafkaTopicsJob(chart, 'topics', { cluster, topics: [{ topicName: 'orders', partitions: 3 }] });

const restricted = {
  allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1000,
  capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
};
const job = new k8s.KubeJob(chart, 'client', {
  metadata: { name: 'binding-client' },
  spec: {
    backoffLimit: 3,
    template: {
      spec: {
        restartPolicy: 'Never',
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
        volumes: [{ name: 'tmp', emptyDir: {} }],
        containers: [{
          name: 'client',
          image: `localhost/cdk8s-kafka-e2e/binding-client:${KafkaImages.KAFKA_VERSION}`,
          env: [{ name: 'MESSAGES', value: '500' }],
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          resources: { requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('256Mi') }, limits: { memory: k8s.Quantity.fromString('256Mi') } },
          securityContext: restricted,
        }],
      },
    },
  },
});
new KafkaClientBinding(chart, 'orders-binding', { cluster, user, topics: ['orders'], consumerGroup: 'orders-e2e' }).bind(job);
app.synth();
