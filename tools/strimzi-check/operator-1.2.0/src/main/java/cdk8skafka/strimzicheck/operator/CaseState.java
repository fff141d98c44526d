package cdk8skafka.strimzicheck.operator;

import cdk8skafka.strimzicheck.Resource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.strimzi.api.kafka.model.common.ExternalLogging;
import io.strimzi.operator.cluster.model.MetricsAndLogging;
import io.strimzi.operator.cluster.model.logging.LoggingModel;
import io.strimzi.operator.cluster.model.metrics.JmxPrometheusExporterModel;
import io.strimzi.operator.cluster.model.metrics.MetricsModel;
import io.strimzi.api.kafka.model.common.Condition;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The synthesized objects of one case standing in for the Kubernetes API: the operator looks up node pools by label
 * and the metrics/logging ConfigMaps by name; here they come from the same output.
 */
final class CaseState {
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<Resource> all;

    CaseState(List<Resource> all) {
        this.all = all;
    }

    List<Resource> strimzi(String kind) {
        return all.stream().filter(r -> r.isStrimzi() && r.kind().equals(kind) && r.model != null).toList();
    }

    /** Strimzi resources of {@code kind} labelled strimzi.io/cluster={@code cluster} in {@code namespace}. */
    List<Resource> ofCluster(String kind, String namespace, String cluster) {
        return strimzi(kind).stream()
                .filter(r -> r.namespace().equals(namespace) && cluster.equals(r.label("strimzi.io/cluster"))).toList();
    }

    Resource find(String kind, String namespace, String name) {
        return all.stream().filter(r -> r.kind().equals(kind) && r.namespace().equals(namespace) && r.name().equals(name))
                .findFirst().orElse(null);
    }

    /** What MetricsAndLoggingUtils.metricsAndLogging fetches from Kubernetes, from the output (null when absent). */
    MetricsAndLogging metricsAndLogging(String namespace, MetricsModel metrics, LoggingModel logging) {
        ConfigMap metricsCm = null;
        ConfigMap loggingCm = null;
        if (metrics instanceof JmxPrometheusExporterModel m && m.getConfigMapName() != null) {
            metricsCm = configMap(namespace, m.getConfigMapName());
        }
        if (logging != null && logging.getLogging() instanceof ExternalLogging ext
                && ext.getValueFrom() != null && ext.getValueFrom().getConfigMapKeyRef() != null) {
            loggingCm = configMap(namespace, ext.getValueFrom().getConfigMapKeyRef().getName());
        }
        return new MetricsAndLogging(metricsCm, loggingCm);
    }

    ConfigMap configMap(String namespace, String name) {
        Resource r = find("ConfigMap", namespace, name);
        return r == null ? null : JSON.convertValue(r.json, ConfigMap.class);
    }

    /** Runs one operator step; an exception is the operator rejecting the resource: an error on {@code r}. */
    static <T> T step(Resource r, String check, Supplier<T> body) {
        r.checks.add(check);
        LogCapture.enter(r, check);
        try {
            return body.get();
        } catch (RuntimeException | LinkageError e) {
            r.error(check, e.getClass().getSimpleName() + ": " + e.getMessage());
            return null;
        } finally {
            LogCapture.leave();
        }
    }

    static void run(Resource r, String check, Runnable body) {
        step(r, check, () -> {
            body.run();
            return Boolean.TRUE;
        });
    }

    /** Status conditions of type Warning the operator would set: each is a warning finding. */
    static void warnings(Resource r, String check, Collection<Condition> conditions) {
        if (conditions == null) {
            return;
        }
        for (Condition c : conditions) {
            r.warn(check, c.getReason() + ": " + c.getMessage());
        }
    }
}
