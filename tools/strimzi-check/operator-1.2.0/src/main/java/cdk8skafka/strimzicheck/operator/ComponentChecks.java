package cdk8skafka.strimzicheck.operator;

import cdk8skafka.strimzicheck.Resource;
import io.strimzi.api.kafka.model.bridge.KafkaBridge;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.mirrormaker2.KafkaMirrorMaker2;
import io.strimzi.api.kafka.model.rebalance.KafkaRebalance;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.operator.cluster.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.ImagePullPolicy;
import io.strimzi.operator.cluster.model.KafkaBridgeCluster;
import io.strimzi.operator.cluster.model.KafkaConnectBuild;
import io.strimzi.operator.cluster.model.KafkaConnectCluster;
import io.strimzi.operator.cluster.model.KafkaConnectConfiguration;
import io.strimzi.operator.cluster.model.KafkaConnectorConfiguration;
import io.strimzi.operator.cluster.model.KafkaMirrorMaker2Cluster;
import io.strimzi.operator.cluster.model.KafkaMirrorMaker2Connectors;
import io.strimzi.operator.cluster.model.KafkaVersion;
import io.strimzi.operator.cluster.model.SharedEnvironmentProvider;
import io.strimzi.operator.common.Reconciliation;
import io.strimzi.operator.user.model.KafkaUserModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cdk8skafka.strimzicheck.operator.CaseState.run;
import static cdk8skafka.strimzicheck.operator.CaseState.step;
import static cdk8skafka.strimzicheck.operator.KafkaChecks.droppedOptions;

/** KafkaConnect (+ build), KafkaConnector, KafkaMirrorMaker2, KafkaBridge, KafkaUser and KafkaRebalance. */
final class ComponentChecks {
    private static final String CONNECTOR_RESOURCES = "strimzi.io/use-connector-resources";
    private final CaseState state;
    private final KafkaVersion.Lookup versions;
    private final ClusterOperatorConfig config;
    private final SharedEnvironmentProvider env;

    ComponentChecks(CaseState state, KafkaVersion.Lookup versions, ClusterOperatorConfig config, SharedEnvironmentProvider env) {
        this.state = state;
        this.versions = versions;
        this.config = config;
        this.env = env;
    }

    private static Reconciliation rec(Resource r) {
        return new Reconciliation("strimzi-check", r.kind(), r.namespace(), r.name());
    }

    void connect(Resource r) {
        KafkaConnect connect = (KafkaConnect) r.model;
        Reconciliation rec = rec(r);
        KafkaConnectCluster kcc = step(r, "KafkaConnectCluster", () -> KafkaConnectCluster.fromCrd(rec, connect, versions, env));
        if (kcc == null) {
            return;
        }
        boolean connectors = "true".equals(r.json.path("metadata").path("annotations").path(CONNECTOR_RESOURCES).asText());
        run(r, "KafkaConnectCluster.generate*", () -> {
            kcc.generatePodSet(kcc.getReplicas(), new HashMap<>(), new HashMap<>(), ImagePullPolicy.IFNOTPRESENT, List.of(), null);
            kcc.generateService();
            kcc.generateHeadlessService();
            kcc.generateConnectConfigMap(state.metricsAndLogging(r.namespace(), kcc.metrics(), kcc.logging()));
            kcc.generateNetworkPolicy(connectors, config.getOperatorNamespace(), config.getOperatorNamespaceLabels());
            kcc.generatePodDisruptionBudget();
            kcc.generateClusterRoleBinding();
        });
        if (connect.getSpec().getConfig() != null) {
            run(r, "KafkaConnectConfiguration", () -> droppedOptions(r, "KafkaConnectConfiguration", connect.getSpec().getConfig(),
                    new KafkaConnectConfiguration(rec, connect.getSpec().getConfig().entrySet()).asOrderedProperties().asMap()));
        }
        if (connect.getSpec().getBuild() != null) {
            KafkaConnectBuild build = step(r, "KafkaConnectBuild", () -> KafkaConnectBuild.fromCrd(rec, connect, versions, env, false));
            if (build != null) {
                run(r, "KafkaConnectBuild.generate*", () -> {
                    build.generateDockerfileConfigMap(build.generateDockerfile());
                    build.generateBuilderPod(false, false, ImagePullPolicy.IFNOTPRESENT, List.of(), "rev");
                });
            }
        }
    }

    /** KafkaConnectAssemblyOperator's preconditions (a Kubernetes lookup, so re-stated here) and KafkaConnectorConfiguration. */
    void connector(Resource r) {
        KafkaConnector connector = (KafkaConnector) r.model;
        String cluster = r.label("strimzi.io/cluster");
        r.checks.add("KafkaConnectAssemblyOperator preconditions");
        Resource connect = cluster == null ? null : state.find("KafkaConnect", r.namespace(), cluster);
        if (connect == null) {
            r.error("KafkaConnectAssemblyOperator preconditions", "KafkaConnect resource '" + cluster + "' identified by label 'strimzi.io/cluster' does not exist in namespace " + r.namespace());
        } else if (!"true".equals(connect.json.path("metadata").path("annotations").path(CONNECTOR_RESOURCES).asText())) {
            r.error("KafkaConnectAssemblyOperator preconditions", "KafkaConnect cluster is not configured with annotation " + CONNECTOR_RESOURCES);
        }
        Map<String, Object> cfg = connector.getSpec().getConfig();
        if (cfg != null) {
            KafkaConnectorConfiguration desired = step(r, "KafkaConnectorConfiguration", () -> new KafkaConnectorConfiguration(rec(r), cfg.entrySet()));
            if (desired != null) {
                droppedOptions(r, "KafkaConnectorConfiguration", cfg, desired.asOrderedProperties().asMap());
            }
        }
    }

    void mirrorMaker2(Resource r) {
        KafkaMirrorMaker2 mm2 = (KafkaMirrorMaker2) r.model;
        Reconciliation rec = rec(r);
        KafkaMirrorMaker2Cluster cluster = step(r, "KafkaMirrorMaker2Cluster", () -> KafkaMirrorMaker2Cluster.fromCrd(rec, mm2, versions, env));
        if (cluster != null) {
            run(r, "KafkaMirrorMaker2Cluster.generate*", () -> {
                cluster.generatePodSet(cluster.getReplicas(), new HashMap<>(), new HashMap<>(), ImagePullPolicy.IFNOTPRESENT, List.of(), null);
                cluster.generateService();
                cluster.generateHeadlessService();
                cluster.generateConnectConfigMap(state.metricsAndLogging(r.namespace(), cluster.metrics(), cluster.logging()));
                cluster.generateNetworkPolicy(true, config.getOperatorNamespace(), config.getOperatorNamespaceLabels());
                cluster.generatePodDisruptionBudget();
            });
        }
        KafkaMirrorMaker2Connectors connectors = step(r, "KafkaMirrorMaker2Connectors", () -> KafkaMirrorMaker2Connectors.fromCrd(rec, mm2));
        if (connectors != null) {
            List<KafkaConnector> defs = step(r, "KafkaMirrorMaker2Connectors.generateConnectorDefinitions", connectors::generateConnectorDefinitions);
            for (KafkaConnector c : defs == null ? List.<KafkaConnector>of() : defs) {
                run(r, "KafkaConnectorConfiguration", () -> new KafkaConnectorConfiguration(rec, c.getSpec().getConfig().entrySet()));
            }
        }
    }

    void bridge(Resource r) {
        KafkaBridge bridge = (KafkaBridge) r.model;
        KafkaBridgeCluster b = step(r, "KafkaBridgeCluster", () -> KafkaBridgeCluster.fromCrd(rec(r), bridge, env));
        if (b != null) {
            run(r, "KafkaBridgeCluster.generate*", () -> {
                b.generateDeployment(Map.of(), false, ImagePullPolicy.IFNOTPRESENT, List.of());
                b.generateService();
                b.generateBridgeConfigMap(state.metricsAndLogging(r.namespace(), b.metrics(), b.logging()));
                b.generatePodDisruptionBudget();
                b.generateClusterRoleBinding();
            });
        }
    }

    /** The User Operator's model; ACLs are supported when the cluster's authorization supports the Admin API, as EntityUserOperator sets it. */
    void user(Resource r) {
        KafkaUser user = (KafkaUser) r.model;
        String cluster = r.label("strimzi.io/cluster");
        Resource kafka = cluster == null ? null : state.find("Kafka", r.namespace(), cluster);
        boolean acls = kafka != null && kafka.model instanceof Kafka k && k.getSpec().getKafka().getAuthorization() != null
                && k.getSpec().getKafka().getAuthorization().supportsAdminApi();
        KafkaUserModel model = step(r, "KafkaUserModel", () -> KafkaUserModel.fromCrd(user, "", acls));
        if (model != null) {
            run(r, "KafkaUserModel.getSimpleAclRules", model::getSimpleAclRules);
        }
    }

    /** KafkaRebalanceAssemblyOperator's preconditions before it calls Cruise Control (re-stated: they are Kubernetes lookups). */
    void rebalance(Resource r) {
        KafkaRebalance rebalance = (KafkaRebalance) r.model;
        String check = "KafkaRebalanceAssemblyOperator preconditions";
        r.checks.add(check);
        String cluster = r.label("strimzi.io/cluster");
        Resource kafka = cluster == null ? null : state.find("Kafka", r.namespace(), cluster);
        if (cluster == null) {
            r.error(check, "missing label strimzi.io/cluster");
        } else if (kafka == null) {
            r.error(check, "Kafka resource '" + cluster + "' identified by label 'strimzi.io/cluster' does not exist in namespace " + r.namespace());
        } else if (kafka.model instanceof Kafka k && k.getSpec().getCruiseControl() == null) {
            r.error(check, "Kafka resource lacks 'cruiseControl' declaration");
        }
        if (rebalance.getSpec() == null) {
            r.error(check, "spec is missing");
        }
    }
}
