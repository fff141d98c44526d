package cdk8skafka.strimzicheck.operator;

import cdk8skafka.strimzicheck.OperatorLayer;
import cdk8skafka.strimzicheck.Resource;
import io.fabric8.kubernetes.client.CustomResource;
import io.strimzi.operator.cluster.ClusterOperatorConfig;
import io.strimzi.operator.cluster.model.DefaultSharedEnvironmentProvider;
import io.strimzi.operator.cluster.model.KafkaVersion;
import io.strimzi.operator.cluster.model.SharedEnvironmentProvider;
import io.strimzi.operator.common.Reconciliation;
import io.strimzi.operator.common.model.StatusUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Strimzi 1.2.0's cluster operator and user operator model layer (io.strimzi:cluster-operator, user-operator 1.2.0). */
public final class Operator120 implements OperatorLayer {
    static final String RELEASE = "1.2.0";
    private final KafkaVersion.Lookup versions;
    private final ClusterOperatorConfig config;
    private final SharedEnvironmentProvider env = new DefaultSharedEnvironmentProvider();

    public Operator120() {
        LogCapture.install();
        // The images the Helm chart configures: one per supported Kafka version (kafka-versions.yaml of the jar).
        KafkaVersion.Lookup plain = new KafkaVersion.Lookup(Map.of(), Map.of(), Map.of());
        String images = plain.supportedVersions().stream().sorted()
                .map(v -> v + "=quay.io/strimzi/kafka:" + RELEASE + "-kafka-" + v).collect(Collectors.joining("\n"));
        config = ClusterOperatorConfig.buildFromMap(Map.of(
                ClusterOperatorConfig.STRIMZI_KAFKA_IMAGES, images,
                ClusterOperatorConfig.STRIMZI_KAFKA_CONNECT_IMAGES, images,
                ClusterOperatorConfig.STRIMZI_KAFKA_MIRROR_MAKER_2_IMAGES, images,
                "STRIMZI_OPERATOR_NAMESPACE", "strimzi"));
        versions = config.versions();
    }

    @Override
    public String release() {
        return RELEASE;
    }

    @Override
    public String source() {
        return "io.strimzi:cluster-operator:" + RELEASE + " and io.strimzi:user-operator:" + RELEASE + " from the local Maven repository";
    }

    @Override
    public List<String> checks() {
        return List.of(
                "operator: every WARN/ERROR the operator logs during these steps is a finding",
                "operator: StatusUtils.validate (ResourceVisitor + ValidationVisitor: UnknownFields, DeprecatedFields, DeprecatedObjects) on every resource",
                "operator: Kafka: KafkaClusterSecurityContext, KRaftVersionChangeCreator (new cluster), KafkaClusterCreator.createKafkaCluster"
                        + " (NodePoolUtils.validateNodePools, NodeIdAssignor, KafkaPool.fromCrd, KafkaCluster.fromCrd: KafkaVersion lookup,"
                        + " KafkaConfiguration validated against the Kafka " + "config model, ListenersValidator, KafkaSpecChecker), every"
                        + " KafkaCluster.generate* (PodSets, Services, PVCs, NetworkPolicy, PDB, per-node configuration by"
                        + " KafkaBrokerConfigurationBuilder), EntityOperator, CruiseControl, KafkaExporter; node pool status conditions",
                "operator: KafkaConnectCluster (+ KafkaConnectBuild), KafkaConnectorConfiguration, KafkaMirrorMaker2Cluster and"
                        + " KafkaMirrorMaker2Connectors, KafkaBridgeCluster, KafkaUserModel (user operator), each with its generate*;"
                        + " forbidden options the configuration models drop",
                "operator (re-stated, they need the Kubernetes API): KafkaConnector needs its KafkaConnect with"
                        + " strimzi.io/use-connector-resources; KafkaRebalance needs its Kafka with cruiseControl");
    }

    @Override
    public List<String> notRun() {
        return List.of(
                "operator: KafkaTopic: the Topic Operator checks a topic against the live Kafka cluster (Admin API), nothing runs offline",
                "operator: certificates (Ca, generateCertificatesSecrets), Cruise Control and Kafka Connect REST calls, rolling updates,"
                        + " storage/scale-down checks of an existing cluster: they need a running cluster");
    }

    @Override
    public void check(String caseName, List<Resource> all, Path configOut) {
        CaseState state = new CaseState(all);
        KafkaChecks kafka = new KafkaChecks(state, versions, config, env);
        ComponentChecks components = new ComponentChecks(state, versions, config, env);
        for (Resource r : all) {
            if (!r.isStrimzi() || r.model == null) {
                continue;
            }
            validate(r);
            switch (r.kind()) {
                case "Kafka" -> kafka.check(r, caseName, configOut);
                case "KafkaConnect" -> components.connect(r);
                case "KafkaConnector" -> components.connector(r);
                case "KafkaMirrorMaker2" -> components.mirrorMaker2(r);
                case "KafkaBridge" -> components.bridge(r);
                case "KafkaUser" -> components.user(r);
                case "KafkaRebalance" -> components.rebalance(r);
                default -> { }
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void validate(Resource r) {
        Reconciliation rec = new Reconciliation("strimzi-check", r.kind(), r.namespace(), r.name());
        CaseState.run(r, "StatusUtils.validate", () -> CaseState.warnings(r, "StatusUtils.validate", StatusUtils.validate(rec, (CustomResource) r.model)));
    }
}
