package cdk8skafka.strimzicheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One object of a synthesized file; for Strimzi kinds also its api model object and what the checks found. */
public final class Resource {
    public final String caseName;
    public final String file;
    public final int index;
    public final ObjectNode json;
    /** The release's api model object (null when not a Strimzi kind or when it could not be read). */
    public Object model;
    /** Names of the checks that ran on this resource. */
    public final Set<String> checks = new LinkedHashSet<>();
    public final List<Finding> findings = new ArrayList<>();

    Resource(String caseName, String file, int index, ObjectNode json) {
        this.caseName = caseName;
        this.file = file;
        this.index = index;
        this.json = json;
    }

    public String apiVersion() {
        return json.path("apiVersion").asText("");
    }

    public String kind() {
        return json.path("kind").asText("");
    }

    public String name() {
        return json.path("metadata").path("name").asText("");
    }

    public String namespace() {
        return json.path("metadata").path("namespace").asText("");
    }

    public String label(String key) {
        JsonNode v = json.path("metadata").path("labels").get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    public boolean isStrimzi() {
        return apiVersion().startsWith("kafka.strimzi.io/");
    }

    public String id() {
        return kind() + "/" + name();
    }

    public void warn(String check, String message) {
        findings.add(Finding.warning(check, message));
    }

    public void error(String check, String message) {
        findings.add(Finding.error(check, message));
    }
}
