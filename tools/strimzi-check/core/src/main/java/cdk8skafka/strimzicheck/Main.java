package cdk8skafka.strimzicheck;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * strimzi-check harness for one Strimzi release, one JVM for every file of that release:
 * {@code --release 1.2.0 --api-version v1 [--config-out DIR] --case NAME=DIR ...}.
 * Prints one JSON line per Strimzi resource ({"type":"resource",...}) and a closing {"type":"summary",...} line
 * that says which checks ran and which could not, and why. Findings never change the exit code (the npm script
 * counts them); only a harness failure exits non-zero.
 */
public final class Main {
    private Main() { }

    public static void main(String[] args) throws IOException {
        String release = null;
        String apiVersion = null;
        Path configOut = null;
        List<String[]> cases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--release" -> release = args[++i];
                case "--api-version" -> apiVersion = args[++i];
                case "--config-out" -> configOut = Path.of(args[++i]);
                case "--case" -> cases.add(args[++i].split("=", 2));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (release == null || apiVersion == null || cases.isEmpty()) {
            throw new IllegalArgumentException("usage: --release R --api-version V [--config-out DIR] --case NAME=DIR...");
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        ObjectMapper strict = ApiModel.strictMapper();
        List<OperatorLayer> layers = new ArrayList<>();
        for (OperatorLayer l : ServiceLoader.load(OperatorLayer.class)) {
            if (l.release().equals(release)) {
                layers.add(l);
            }
        }
        int resources = 0;
        for (String[] c : cases) {
            List<Resource> all = read(c[0], Path.of(c[1]));
            List<Resource> strimzi = all.stream().filter(Resource::isStrimzi).toList();
            for (Resource r : strimzi) {
                checkApi(strict, apiVersion, r);
            }
            for (OperatorLayer l : layers) {
                try {
                    l.check(c[0], all, configOut);
                } catch (RuntimeException | LinkageError e) {
                    // A crash of the layer is a finding on the case's first resource, never a silent pass.
                    strimzi.get(0).error("operator", "the operator layer failed on case " + c[0] + ": " + e);
                }
            }
            for (Resource r : strimzi) {
                out.println(json.writeValueAsString(report(json, release, r)));
                resources++;
            }
        }
        out.println(json.writeValueAsString(summary(json, release, apiVersion, layers, resources)));
        out.flush();
    }

    private static List<Resource> read(String caseName, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        List<Resource> out = new ArrayList<>();
        for (Path f : files) {
            String rel = dir.relativize(f).toString();
            try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(f.toFile())) {
                int i = 0;
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc instanceof ObjectNode o) {
                        out.add(new Resource(caseName, rel, i, o));
                    }
                    i++;
                }
            }
        }
        return out;
    }

    private static void checkApi(ObjectMapper strict, String apiVersion, Resource r) {
        r.checks.add(ModelWalker.CHECK);
        String expected = "kafka.strimzi.io/" + apiVersion;
        if (!expected.equals(r.apiVersion())) {
            r.error(ModelWalker.CHECK, "apiVersion " + r.apiVersion() + " is not served by this release (it serves " + expected + ")");
            return;
        }
        Class<?> cls = ApiModel.classOf(r.kind());
        if (cls == null) {
            r.error(ModelWalker.CHECK, "kind " + r.kind() + " does not exist in " + ApiModel.apiJar());
            return;
        }
        try {
            r.model = strict.treeToValue(r.json, cls);
        } catch (IOException | IllegalArgumentException e) {
            r.error(ModelWalker.CHECK, "cannot be read by " + ApiModel.apiJar() + ": " + e.getMessage().replace('\n', ' '));
            return;
        }
        new ModelWalker(strict, apiVersion, r).walk(r.model);
    }

    private static ObjectNode report(ObjectMapper json, String release, Resource r) {
        ObjectNode o = json.createObjectNode();
        o.put("type", "resource");
        o.put("release", release);
        o.put("case", r.caseName);
        o.put("file", r.file);
        o.put("kind", r.kind());
        o.put("name", r.name());
        ArrayNode checks = o.putArray("checks");
        r.checks.forEach(checks::add);
        ArrayNode findings = o.putArray("findings");
        for (Finding f : r.findings) {
            findings.addObject().put("severity", f.severity().name().toLowerCase()).put("check", f.check()).put("message", f.message());
        }
        return o;
    }

    private static ObjectNode summary(ObjectMapper json, String release, String apiVersion, List<OperatorLayer> layers, int resources) {
        ObjectNode o = json.createObjectNode();
        o.put("type", "summary");
        o.put("release", release);
        o.put("resources", resources);
        o.put("api", ApiModel.apiJar() + " (kafka.strimzi.io/" + apiVersion + ")");
        o.put("java", System.getProperty("java.version"));
        ArrayNode ran = o.putArray("ran");
        ran.add("api-model: every Strimzi resource deserialized strictly with " + ApiModel.apiJar()
                + " and walked for required/version/range/pattern/one-of rules, values the model does not understand, and"
                + " the operator's UnknownFields/DeprecatedFields/DeprecatedObjects warnings");
        ArrayNode notRun = o.putArray("notRun");
        if (layers.isEmpty()) {
            notRun.add("operator: the cluster operator's model layer (KafkaCluster with KafkaPool/NodePoolUtils or ZookeeperCluster,"
                    + " KafkaBrokerConfigurationBuilder, KafkaConfiguration against the Kafka config model, KafkaSpecChecker,"
                    + " KafkaConnectCluster, KafkaMirrorMaker2Cluster, KafkaBridgeCluster, EntityOperator, CruiseControl,"
                    + " KafkaUserModel) was NOT run: Strimzi does not publish io.strimzi:cluster-operator, operator-common,"
                    + " config-model or user-operator " + release + " to Maven Central, and no operator layer for " + release
                    + " is on the class path (it builds only from Strimzi's jars in the local Maven repository; see docs/strimzi-check.md)");
        }
        for (OperatorLayer l : layers) {
            o.put("operator", l.source());
            l.checks().forEach(ran::add);
            l.notRun().forEach(notRun::add);
        }
        return o;
    }
}
