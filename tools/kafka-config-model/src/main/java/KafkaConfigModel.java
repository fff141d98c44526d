import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Writes, as one JSON object to the file named by its argument, every key of Kafka's own ConfigDefs for the Kafka version on
 * the classpath: broker, topic, producer, consumer, admin, Connect worker and MirrorMaker 2.
 * Per key: type, default, what the validator allows, importance, internal flag and the deprecation
 * sentence of its documentation. Only public API and reflection on the jars: runs on 3.8 to 4.x.
 */
public final class KafkaConfigModel {
    /** Kafka marks a deprecated key at the start of its documentation, or says "this config(uration) is deprecated". */
    private static final Pattern MARKER = Pattern.compile("^(\\[deprecated\\]|deprecated[:.]|\\(deprecated\\))", Pattern.CASE_INSENSITIVE);
    private static final Pattern THIS_IS = Pattern.compile("\\bthis (config|configuration|property|setting)\\b.{0,20}\\b(is|has been) deprecated\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z\\[(`])");

    private KafkaConfigModel() { }

    public static void main(String[] args) throws Exception {
        Map<String, ConfigDef> kinds = new TreeMap<>();
        kinds.put("broker", (ConfigDef) call("kafka.server.KafkaConfig", "configDef"));
        kinds.put("topic", (ConfigDef) call("org.apache.kafka.storage.internals.log.LogConfig", "configDefCopy"));
        kinds.put("producer", (ConfigDef) call("org.apache.kafka.clients.producer.ProducerConfig", "configDef"));
        kinds.put("consumer", (ConfigDef) call("org.apache.kafka.clients.consumer.ConsumerConfig", "configDef"));
        kinds.put("admin", (ConfigDef) call("org.apache.kafka.clients.admin.AdminClientConfig", "configDef"));
        kinds.put("connect", connectWorker());
        kinds.put("mirrormaker", (ConfigDef) call("org.apache.kafka.connect.mirror.MirrorMakerConfig", "config"));
        // The three MirrorMaker 2 connectors are source connectors: Connect also accepts the source connector keys.
        ConfigDef source = (ConfigDef) call("org.apache.kafka.connect.runtime.SourceConnectorConfig", "configDef");
        kinds.put("mirror-source", withKeys((ConfigDef) field("org.apache.kafka.connect.mirror.MirrorSourceConfig", "CONNECTOR_CONFIG_DEF"), source));
        kinds.put("mirror-checkpoint", withKeys((ConfigDef) field("org.apache.kafka.connect.mirror.MirrorCheckpointConfig", "CONNECTOR_CONFIG_DEF"), source));
        kinds.put("mirror-heartbeat", withKeys((ConfigDef) field("org.apache.kafka.connect.mirror.MirrorHeartbeatConfig", "CONNECTOR_CONFIG_DEF"), source));

        StringBuilder out = new StringBuilder();
        out.append("{\"version\":").append(str(AppInfoParser.getVersion())).append(",\"kinds\":{");
        String sep = "";
        for (Map.Entry<String, ConfigDef> kind : kinds.entrySet()) {
            out.append(sep).append(str(kind.getKey())).append(":{");
            sep = ",";
            String keySep = "";
            for (ConfigDef.ConfigKey key : new TreeMap<>(kind.getValue().configKeys()).values()) {
                out.append(keySep).append(str(key.name)).append(':');
                keyJson(out, key);
                keySep = ",";
            }
            out.append('}');
        }
        out.append("}}\n");
        // A file, not stdout: static initialisers of the jars may log to stdout.
        Files.write(Paths.get(args[0]), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of `def` with the keys of `extra` it does not define itself. */
    private static ConfigDef withKeys(ConfigDef def, ConfigDef extra) {
        ConfigDef copy = new ConfigDef(def);
        for (ConfigDef.ConfigKey key : extra.configKeys().values()) {
            if (!copy.configKeys().containsKey(key.name)) copy.define(key);
        }
        return copy;
    }

    /** The distributed worker's ConfigDef: built by a private factory (its argument changed over versions). */
    private static ConfigDef connectWorker() throws Exception {
        Class<?> c = Class.forName("org.apache.kafka.connect.runtime.distributed.DistributedConfig");
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals("config") && ConfigDef.class.isAssignableFrom(m.getReturnType()) && java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                m.setAccessible(true);
                if (m.getParameterCount() == 0) return (ConfigDef) m.invoke(null);
                Class<?> crypto = Class.forName("org.apache.kafka.connect.runtime.distributed.Crypto");
                return (ConfigDef) m.invoke(null, crypto.getField("SYSTEM").get(null));
            }
        }
        return (ConfigDef) field(c.getName(), "CONFIG");
    }

    private static void keyJson(StringBuilder out, ConfigDef.ConfigKey key) throws Exception {
        out.append("{\"type\":").append(str(key.type.name().toLowerCase(Locale.ROOT)));
        if (key.hasDefault()) {
            out.append(",\"default\":").append(key.defaultValue == null ? "null" : str(ConfigDef.convertToString(key.defaultValue, key.type)));
        } else {
            out.append(",\"required\":true");
        }
        out.append(",\"importance\":").append(str(key.importance.name().toLowerCase(Locale.ROOT)));
        if (key.internalConfig) out.append(",\"internal\":true");
        if (key.validator != null) {
            out.append(",\"valid\":");
            validatorJson(out, key.validator);
        }
        String deprecated = deprecation(key.documentation);
        if (deprecated != null) out.append(",\"deprecated\":").append(str(deprecated));
        out.append('}');
    }

    /**
     * The sentences of the documentation that say the key is deprecated (and what replaces it), or null.
     * Sentences about something else being deprecated (a JAAS option, a value) do not count.
     */
    static String deprecation(String documentation) {
        if (documentation == null) return null;
        String doc = documentation.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
        String[] sentences = SENTENCE_END.split(doc);
        List<String> picked = new ArrayList<>();
        boolean marked = sentences.length > 0 && MARKER.matcher(sentences[0]).find();
        for (String sentence : sentences) {
            boolean says = THIS_IS.matcher(sentence).find() || (marked && sentence == sentences[0]);
            boolean hint = !picked.isEmpty() || marked || says;
            if (says || (hint && sentence.matches("(?i).*\\b(instead|removed in|will be removed|replaced by|alias for)\\b.*"))) picked.add(sentence);
        }
        if (picked.isEmpty()) return null;
        String text = String.join(" ", picked);
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }

    /** What a validator allows, as data the library checks; anything else is kept as Kafka describes it. */
    private static void validatorJson(StringBuilder out, ConfigDef.Validator v) throws Exception {
        String name = v.getClass().getName();
        if (v instanceof ConfigDef.Range) {
            out.append("{\"range\":[").append(num(get(v, "min"))).append(',').append(num(get(v, "max"))).append("]}");
        } else if (v instanceof ConfigDef.ValidString) {
            out.append("{\"enum\":").append(strings((Collection<?>) get(v, "validStrings"))).append('}');
        } else if (v instanceof ConfigDef.CaseInsensitiveValidString) {
            out.append("{\"enum\":").append(strings((Collection<?>) get(v, "validStrings"))).append(",\"caseInsensitive\":true}");
        } else if (v instanceof ConfigDef.ValidList) {
            // Kafka 4.2+ lists also refuse duplicates, and an empty list where isEmptyAllowed is false;
            // an empty set of valid strings there means any item.
            Collection<?> items = (Collection<?>) get(get(v, "validString"), "validStrings");
            Object empty = getOptional(v, "isEmptyAllowed");
            List<String> parts = new ArrayList<>();
            if (!items.isEmpty()) parts.add("\"items\":" + strings(items));
            if (empty != null) parts.add("\"unique\":true");
            if (Boolean.FALSE.equals(empty)) parts.add("\"nonEmpty\":true");
            out.append('{').append(String.join(",", parts)).append('}');
        } else if (v instanceof ConfigDef.NonEmptyString || name.endsWith("NonEmptyStringWithoutControlChars")) {
            out.append("{\"nonEmpty\":true}");
        } else if (v instanceof ConfigDef.NonNullValidator) {
            out.append("{\"nonNull\":true}");
        } else if (name.endsWith("$CompositeValidator")) {
            out.append("{\"all\":[");
            String sep = "";
            for (Object inner : (List<?>) get(v, "validators")) {
                out.append(sep);
                validatorJson(out, (ConfigDef.Validator) inner);
                sep = ",";
            }
            out.append("]}");
        } else {
            // Kept as Kafka describes it (not checked at synth); an identity hash would make the output unstable.
            String text = v.toString();
            if (text == null || text.matches(".*@[0-9a-f]+$")) text = v.getClass().getSimpleName();
            out.append("{\"other\":").append(str(text)).append('}');
        }
    }

    private static Object call(String cls, String method) throws Exception {
        Method m = Class.forName(cls).getDeclaredMethod(method);
        m.setAccessible(true);
        return m.invoke(null);
    }

    private static Object field(String cls, String name) throws Exception {
        Field f = Class.forName(cls).getDeclaredField(name);
        f.setAccessible(true);
        return f.get(null);
    }

    private static Object get(Object o, String name) throws Exception {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(o.getClass().getName() + "." + name);
    }

    private static Object getOptional(Object o, String name) throws Exception {
        try {
            return get(o, name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static String num(Object n) {
        if (n == null) return "null";
        if (n instanceof Double || n instanceof Float) {
            double d = ((Number) n).doubleValue();
            if (Double.isInfinite(d) || Double.isNaN(d)) return "null";
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        long l = ((Number) n).longValue();
        // Beyond 2^53 a JSON number loses digits in JavaScript: such bounds (Long.MAX_VALUE…) are strings.
        return Math.abs(l) <= (1L << 53) ? Long.toString(l) : str(Long.toString(l));
    }

    private static String strings(Collection<?> values) {
        List<String> parts = new ArrayList<>();
        for (Object v : values) parts.add(str(String.valueOf(v)));
        return "[" + String.join(",", parts) + "]";
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
