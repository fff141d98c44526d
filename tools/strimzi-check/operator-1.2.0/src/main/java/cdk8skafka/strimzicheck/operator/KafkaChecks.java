package cdk8skafka.strimzicheck.operator;

import cdk8skafka.strimzicheck.Resource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaClusterSpec;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePoolStatus;
import io.strimzi.operator.cluster.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.CruiseControl;
import io.strimzi.operator.cluster.model.EntityOperator;
import io.strimzi.operator.cluster.model.ImagePullPolicy;
import io.strimzi.operator.cluster.model.KafkaCluster;
import io.strimzi.operator.cluster.model.KafkaClusterSecurityContext;
import io.strimzi.operator.cluster.model.KafkaConfiguration;
import io.strimzi.operator.cluster.model.KafkaExporter;
import io.strimzi.operator.cluster.model.KafkaVersion;
import io.strimzi.operator.cluster.model.KafkaVersionChange;
import io.strimzi.operator.cluster.model.ListenersUtils;
import io.strimzi.operator.cluster.model.MetricsAndLogging;
import io.strimzi.operator.cluster.model.NodeRef;
import io.strimzi.operator.cluster.model.SharedEnvironmentProvider;
import io.strimzi.operator.cluster.operator.assembly.KRaftVersionChangeCreator;
import io.strimzi.operator.cluster.operator.assembly.KafkaClusterCreator;
import io.strimzi.operator.common.Reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cdk8skafka.strimzicheck.operator.CaseState.run;
import static cdk8skafka.strimzicheck.operator.CaseState.step;
import static cdk8skafka.strimzicheck.operator.CaseState.warnings;

/**
 * One Kafka with its node pools through the steps of KafkaAssemblyOperator for a new cluster (no pods, no PodSets):
 * KafkaClusterSecurityContext, the KRaft version change, KafkaClusterCreator.createKafkaCluster (NodePoolUtils,
 * KafkaPool, KafkaCluster.fromCrd with KafkaConfiguration validation, ListenersValidator and KafkaSpecChecker), every
 * resource KafkaCluster generates including the per-node configuration, then EntityOperator, CruiseControl and
 * KafkaExporter.
 */
final class KafkaChecks {
    private final CaseState state;
    private final KafkaVersion.Lookup versions;
    private final ClusterOperatorConfig config;
    private final SharedEnvironmentProvider env;

    KafkaChecks(CaseState state, KafkaVersion.Lookup versions, ClusterOperatorConfig config, SharedEnvironmentProvider env) {
        this.state = state;
        this.versions = versions;
        this.config = config;
        this.env = env;
    }

    void check(Resource r, String caseName, Path configOut) {
        Kafka kafka = (Kafka) r.model;
        String ns = r.namespace();
        Reconciliation rec = new Reconciliation("strimzi-check", "Kafka", ns, r.name());
        run(r, "KafkaClusterSecurityContext", () -> KafkaClusterSecurityContext.fromCrd(kafka));
        List<Resource> poolResources = state.ofCluster("KafkaNodePool", ns, r.name());
        List<KafkaNodePool> pools = poolResources.stream().map(p -> (KafkaNodePool) p.model).toList();
        KafkaVersionChange change = step(r, "KRaftVersionChangeCreator", () -> versionChange(rec, r, kafka.getSpec().getKafka()));
        if (change == null) {
            return;
        }
        KafkaCluster kc = step(r, "KafkaClusterCreator/NodePoolUtils/KafkaCluster.fromCrd/KafkaSpecChecker",
                () -> KafkaClusterCreator.createKafkaCluster(rec, kafka, pools, new HashMap<>(), change, versions, env));
        if (kc == null) {
            return;
        }
        warnings(r, "KafkaSpecChecker", kc.getWarningConditions());
        Map<String, KafkaNodePoolStatus> poolStatuses = kc.nodePoolStatuses();
        for (Resource p : poolResources) {
            KafkaNodePoolStatus s = poolStatuses.get(p.name());
            p.checks.add("KafkaPool");
            if (s != null) {
                warnings(p, "KafkaPool", s.getConditions());
            }
        }
        run(r, "KafkaConfiguration", () -> droppedOptions(r, "KafkaConfiguration", kafka.getSpec().getKafka().getConfig(),
                new KafkaConfiguration(rec, kafka.getSpec().getKafka().getConfig().entrySet(), kc.getListeners()).asOrderedProperties().asMap()));
        run(r, "KafkaCluster.generate*", () -> generate(kc, ns));
        MetricsAndLogging mal = state.metricsAndLogging(ns, kc.metrics(), kc.logging());
        List<ConfigMap> nodeConfigs = step(r, "KafkaCluster.generatePerBrokerConfigurationConfigMaps (KafkaBrokerConfigurationBuilder)",
                () -> kc.generatePerBrokerConfigurationConfigMaps(mal, hostnames(kc, r), ports(kc), Set.of()));
        if (nodeConfigs != null && configOut != null) {
            write(configOut.resolve(caseName), nodeConfigs);
        }
        EntityOperator eo = step(r, "EntityOperator", () -> EntityOperator.fromCrd(rec, kafka, env, config));
        if (eo != null) {
            run(r, "EntityOperator.generate*", () -> {
                eo.generateDeployment(Map.of(), false, ImagePullPolicy.IFNOTPRESENT, List.of());
                eo.generateNetworkPolicy();
                eo.generatePodDisruptionBudget();
                if (eo.topicOperator() != null) {
                    eo.topicOperator().generateMetricsAndLogConfigMap(state.metricsAndLogging(ns, null, eo.topicOperator().logging()));
                }
                if (eo.userOperator() != null) {
                    eo.userOperator().generateMetricsAndLogConfigMap(state.metricsAndLogging(ns, null, eo.userOperator().logging()));
                }
            });
        }
        if (kafka.getSpec().getCruiseControl() != null) {
            CruiseControl cc = step(r, "CruiseControl", () -> CruiseControl.fromCrd(rec, kafka, versions, kc.brokerNodes(),
                    kc.getStorageByPoolName(), kc.getBrokerResourceRequirementsByPoolName(), env));
            if (cc != null) {
                run(r, "CruiseControl.generate*", () -> {
                    cc.generateDeployment(Map.of(), false, ImagePullPolicy.IFNOTPRESENT, List.of());
                    cc.generateService();
                    cc.generateConfigMap(state.metricsAndLogging(ns, cc.metrics(), cc.logging()));
                    cc.generateNetworkPolicy(config.getOperatorNamespace(), config.getOperatorNamespaceLabels(), eo != null && eo.topicOperator() != null);
                    cc.generatePodDisruptionBudget();
                });
            }
        }
        if (kafka.getSpec().getKafkaExporter() != null) {
            KafkaExporter ke = step(r, "KafkaExporter", () -> KafkaExporter.fromCrd(rec, kafka, versions, env));
            if (ke != null) {
                run(r, "KafkaExporter.generate*", () -> {
                    ke.generateDeployment(Map.of(), false, ImagePullPolicy.IFNOTPRESENT, List.of());
                    ke.generateNetworkPolicy();
                    ke.generatePodDisruptionBudget();
                });
            }
        }
    }

    /** A new cluster: no pods, so from = to = spec.kafka.version, the metadata version chosen as the operator does. */
    private KafkaVersionChange versionChange(Reconciliation rec, Resource r, KafkaClusterSpec spec) {
        KafkaVersion version = versions.supportedVersion(spec.getVersion());
        String metadata;
        try {
            Method m = KRaftVersionChangeCreator.class.getDeclaredMethod("metadataVersionWithoutKafkaVersionChange",
                    Reconciliation.class, String.class, String.class, KafkaVersion.class);
            m.setAccessible(true);
            metadata = (String) m.invoke(null, rec, null, spec.getMetadataVersion(), version);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("KRaftVersionChangeCreator.metadataVersionWithoutKafkaVersionChange: " + e, e);
        }
        if (spec.getMetadataVersion() != null && !spec.getMetadataVersion().equals(metadata)) {
            r.warn("KRaftVersionChangeCreator", "metadataVersion " + spec.getMetadataVersion() + " is not used: the operator uses " + metadata
                    + " (it logs a warning)");
        }
        return new KafkaVersionChange(version, version, null, null, metadata);
    }

    private void generate(KafkaCluster kc, String ns) {
        kc.generatePodSets(ImagePullPolicy.IFNOTPRESENT, List.of(), node -> Map.of());
        kc.generateService();
        kc.generateHeadlessService();
        kc.generatePerPodServices();
        kc.generateExternalBootstrapServices();
        kc.generateExternalBootstrapRoutes();
        kc.generateExternalRoutes();
        kc.generateExternalBootstrapIngresses();
        kc.generateExternalIngresses();
        kc.generatePersistentVolumeClaims();
        kc.generateNetworkPolicy(config.getOperatorNamespace(), config.getOperatorNamespaceLabels());
        kc.generatePodDisruptionBudget();
        kc.generateClusterRoleBinding(ns);
        kc.generateServiceAccount();
    }

    /** As KafkaListenersReconciler registers them for internal listeners: the per-pod DNS name and the listener port. */
    private static Map<Integer, Map<String, String>> hostnames(KafkaCluster kc, Resource r) {
        Map<Integer, Map<String, String>> out = new HashMap<>();
        for (NodeRef node : kc.brokerNodes()) {
            for (GenericKafkaListener l : kc.getListeners()) {
                out.computeIfAbsent(node.nodeId(), id -> new HashMap<>()).put(ListenersUtils.envVarIdentifier(l),
                        node.podName() + "." + r.name() + "-kafka-brokers." + r.namespace() + ".svc");
            }
        }
        return out;
    }

    private static Map<Integer, Map<String, String>> ports(KafkaCluster kc) {
        Map<Integer, Map<String, String>> out = new HashMap<>();
        for (NodeRef node : kc.brokerNodes()) {
            for (GenericKafkaListener l : kc.getListeners()) {
                out.computeIfAbsent(node.nodeId(), id -> new HashMap<>()).put(ListenersUtils.envVarIdentifier(l), String.valueOf(l.getPort()));
            }
        }
        return out;
    }

    /** Options the operator's configuration model silently drops (forbidden ones are only logged). */
    static void droppedOptions(Resource r, String check, Map<String, Object> given, Map<String, String> kept) {
        if (given == null) {
            return;
        }
        r.checks.add(check);
        for (String key : given.keySet()) {
            if (!kept.containsKey(key)) {
                r.warn(check, "option " + key + " is forbidden: the operator drops it (it logs a warning)");
            }
        }
    }

    private static void write(Path dir, List<ConfigMap> cms) {
        try {
            Files.createDirectories(dir);
            for (ConfigMap cm : cms) {
                String config = cm.getData().get("server.config");
                if (config != null) {
                    Files.writeString(dir.resolve(cm.getMetadata().getName() + ".properties"), config, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
