package cdk8skafka.strimzicheck;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Strimzi kinds and their classes in io.strimzi:api (same class names in 0.45 and 1.x), and the strict Jackson
 * mapper that reads them: unknown properties, numbers for enums, nulls for primitives, quoted numbers or booleans,
 * numbers or booleans for strings, and duplicate keys all fail.
 */
final class ApiModel {
    static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        String p = "io.strimzi.api.kafka.model.";
        KINDS.put("Kafka", p + "kafka.Kafka");
        KINDS.put("KafkaNodePool", p + "nodepool.KafkaNodePool");
        KINDS.put("KafkaTopic", p + "topic.KafkaTopic");
        KINDS.put("KafkaUser", p + "user.KafkaUser");
        KINDS.put("KafkaConnect", p + "connect.KafkaConnect");
        KINDS.put("KafkaConnector", p + "connector.KafkaConnector");
        KINDS.put("KafkaMirrorMaker2", p + "mirrormaker2.KafkaMirrorMaker2");
        KINDS.put("KafkaBridge", p + "bridge.KafkaBridge");
        KINDS.put("KafkaRebalance", p + "rebalance.KafkaRebalance");
        KINDS.put("KafkaMirrorMaker", p + "mirrormaker.KafkaMirrorMaker");
    }

    private ApiModel() { }

    static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
                .enable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /** The api class of a kind, or null when this release has none. */
    static Class<?> classOf(String kind) {
        String name = KINDS.get(kind);
        if (name == null) {
            return null;
        }
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** Maven coordinates of the io.strimzi:api jar on the class path, read from its manifest or jar name. */
    static String apiJar() {
        Class<?> kafka = classOf("Kafka");
        if (kafka == null) {
            return "io.strimzi:api (missing from the class path)";
        }
        String loc = String.valueOf(kafka.getProtectionDomain().getCodeSource().getLocation());
        String file = loc.substring(loc.lastIndexOf('/') + 1);
        return "io.strimzi:api " + file.replaceFirst("^api-", "").replaceFirst("\\.jar$", "");
    }
}
