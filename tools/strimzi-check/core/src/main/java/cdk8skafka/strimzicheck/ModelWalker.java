package cdk8skafka.strimzicheck;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Walks a deserialized api model object beside its JSON and applies what the model's annotations declare for the
 * checked API version: @JsonProperty(required), @RequiredInVersions, @PresentInVersions, @Minimum, @Maximum,
 * @MinimumItems, @Pattern, @OneOf; values the model did not understand (an enum's forValue returns null for a
 * value it does not know); and, as the operator's ValidationVisitor does for the status, unknown properties
 * (UnknownFields), @DeprecatedProperty (DeprecatedFields) and @DeprecatedType (DeprecatedObjects) as warnings.
 * Annotations are matched by simple name: 0.45 keeps some in io.strimzi.api.annotations, 1.x in
 * io.strimzi.crdgenerator.annotations.
 */
final class ModelWalker {
    static final String CHECK = "api-model";
    private final ObjectMapper mapper;
    private final String apiVersion;
    private final Resource resource;

    ModelWalker(ObjectMapper mapper, String apiVersion, Resource resource) {
        this.mapper = mapper;
        this.apiVersion = apiVersion;
        this.resource = resource;
    }

    void walk(Object model) {
        visit(model, resource.json, "");
    }

    private void visit(Object value, JsonNode json, String path) {
        if (value == null || json == null) {
            return;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                JsonNode element = json.isArray() ? json.get(i) : null;
                if (item == null && element != null && !element.isNull()) {
                    resource.error(CHECK, "item " + path + "[" + i + "] has a value the api model does not understand: " + element);
                }
                visit(item, element, path + "[" + i + "]");
                i++;
            }
        } else if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                visit(e.getValue(), json.isObject() ? json.get(String.valueOf(e.getKey())) : null, path + "." + e.getKey());
            }
        } else if (json.isObject() && isModelClass(value.getClass())) {
            visitObject(value, json, path);
        }
    }

    private static boolean isModelClass(Class<?> c) {
        String n = c.getName();
        return n.startsWith("io.strimzi.") || n.startsWith("io.fabric8.kubernetes.api.model.");
    }

    private void visitObject(Object obj, JsonNode json, String path) {
        Class<?> cls = obj.getClass();
        boolean strimzi = cls.getName().startsWith("io.strimzi.");
        Map<?, ?> unknown = additionalProperties(obj);
        if (unknown != null && !unknown.isEmpty()) {
            String where = path.isEmpty() ? "." : path;
            if (strimzi) {
                // The operator reports these in the status as UnknownFields warnings.
                resource.warn(CHECK, "UnknownFields: object at path " + where + " has " + (unknown.size() == 1 ? "an unknown property: " : "unknown properties: ")
                        + String.join(", ", keys(unknown)));
            } else {
                resource.error(CHECK, "object at path " + where + " (" + cls.getSimpleName() + ") has unknown Kubernetes properties: " + String.join(", ", keys(unknown)));
            }
        }
        Annotation deprecatedType = annotation(cls, "DeprecatedType");
        if (deprecatedType != null) {
            resource.warn(CHECK, "DeprecatedObjects: object at path " + path + " (" + cls.getSimpleName() + ") is deprecated"
                    + suffix(" and removed in API version ", attr(deprecatedType, "removalVersion")));
        }
        checkOneOf(cls, json, path);
        BeanDescription desc = mapper.getSerializationConfig().introspect(mapper.constructType(cls));
        for (BeanPropertyDefinition prop : desc.findProperties()) {
            if (!prop.hasGetter()) {
                continue;
            }
            String name = prop.getName();
            String at = path + "." + name;
            List<Annotation> anns = annotations(prop);
            Object value = get(prop.getGetter().getAnnotated(), obj);
            JsonNode child = json.get(name);
            boolean inJson = child != null && !child.isNull();
            checkProperty(anns, name, at, value, inJson, child);
            visit(value, child, at);
        }
    }

    private void checkProperty(List<Annotation> anns, String name, String at, Object value, boolean inJson, JsonNode child) {
        boolean present = value != null || inJson;
        JsonProperty jp = find(anns, JsonProperty.class);
        if (!present && jp != null && jp.required()) {
            resource.error(CHECK, "required property " + at + " is missing");
        }
        for (Annotation a : named(anns, "RequiredInVersions")) {
            if (!present && ApiVersions.contains(String.valueOf(attr(a, "value")), apiVersion)) {
                resource.error(CHECK, "property " + at + " is required in " + apiVersion + " (@RequiredInVersions " + attr(a, "value") + ")");
            }
        }
        for (Annotation a : named(anns, "PresentInVersions")) {
            if (present && !ApiVersions.contains(String.valueOf(attr(a, "value")), apiVersion)) {
                resource.error(CHECK, "property " + at + " does not exist in " + apiVersion + " (only in " + attr(a, "value") + ")");
            }
        }
        if (inJson && value == null) {
            resource.error(CHECK, "property " + at + " has a value the api model does not understand: " + child);
        }
        if (value == null) {
            return;
        }
        if (!named(anns, "DeprecatedProperty").isEmpty()) {
            Annotation d = named(anns, "DeprecatedProperty").get(0);
            resource.warn(CHECK, "DeprecatedFields: property " + at + " is deprecated" + suffix(", use ", attr(d, "movedToPath"))
                    + suffix("; removed in API version ", attr(d, "removalVersion")));
        }
        if (value instanceof Number n) {
            for (Annotation a : forVersion(named(anns, "Minimum"))) {
                if (n.doubleValue() < ((Number) attr(a, "value")).doubleValue()) {
                    resource.error(CHECK, "property " + at + " = " + n + " is below its minimum " + attr(a, "value"));
                }
            }
            for (Annotation a : forVersion(named(anns, "Maximum"))) {
                if (n.doubleValue() > ((Number) attr(a, "value")).doubleValue()) {
                    resource.error(CHECK, "property " + at + " = " + n + " is above its maximum " + attr(a, "value"));
                }
            }
        }
        if (value instanceof Collection<?> c) {
            for (Annotation a : forVersion(named(anns, "MinimumItems"))) {
                if (c.size() < ((Number) attr(a, "value")).intValue()) {
                    resource.error(CHECK, "property " + at + " has " + c.size() + " items, fewer than its minimum " + attr(a, "value"));
                }
            }
        }
        if (value instanceof String s) {
            for (Annotation a : forVersion(named(anns, "Pattern"))) {
                String regex = String.valueOf(attr(a, "value"));
                if (!Pattern.compile(regex).matcher(s).find()) {
                    resource.error(CHECK, "property " + at + " = " + s + " does not match its pattern " + regex);
                }
            }
        }
    }

    /** @OneOf: JSON-schema oneOf of alternatives that each require their required properties. */
    private void checkOneOf(Class<?> cls, JsonNode json, String path) {
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            Annotation oneOf = annotation(c, "OneOf");
            if (oneOf == null) {
                continue;
            }
            int matching = 0;
            List<String> described = new ArrayList<>();
            for (Object alt : (Object[]) attr(oneOf, "value")) {
                boolean all = true;
                List<String> props = new ArrayList<>();
                for (Object p : (Object[]) attr((Annotation) alt, "value")) {
                    String prop = String.valueOf(attr((Annotation) p, "value"));
                    boolean required = Boolean.TRUE.equals(attr((Annotation) p, "required"));
                    props.add(prop);
                    if (required && (json.get(prop) == null || json.get(prop).isNull())) {
                        all = false;
                    }
                }
                described.add(String.join("+", props));
                if (all) {
                    matching++;
                }
            }
            if (matching != 1) {
                resource.error(CHECK, "object at path " + (path.isEmpty() ? "." : path) + " must set exactly one of " + String.join(" | ", described)
                        + " (@OneOf), " + matching + " match");
            }
            return;
        }
    }

    private List<Annotation> forVersion(List<Annotation> anns) {
        List<Annotation> out = new ArrayList<>();
        for (Annotation a : anns) {
            Object versions = attr(a, "apiVersions");
            if (versions == null || ApiVersions.contains(String.valueOf(versions), apiVersion)) {
                out.add(a);
            }
        }
        return out;
    }

    private static List<Annotation> annotations(BeanPropertyDefinition prop) {
        List<Annotation> out = new ArrayList<>();
        for (AnnotatedMember m : new AnnotatedMember[] {prop.getGetter(), prop.getField(), prop.getSetter()}) {
            if (m != null && m.getAnnotated() != null) {
                AnnotatedElement el = m.getAnnotated();
                for (Annotation a : el.getAnnotations()) {
                    out.add(a);
                    // Repeatable annotations (@Minimum.List...) hold their values in value().
                    if ("List".equals(a.annotationType().getSimpleName()) && attr(a, "value") instanceof Annotation[] inner) {
                        out.addAll(List.of(inner));
                    }
                }
            }
        }
        return out;
    }

    private static List<Annotation> named(List<Annotation> anns, String simpleName) {
        List<Annotation> out = new ArrayList<>();
        for (Annotation a : anns) {
            if (a.annotationType().getSimpleName().equals(simpleName)) {
                out.add(a);
            }
        }
        return out;
    }

    private static <A extends Annotation> A find(List<Annotation> anns, Class<A> type) {
        for (Annotation a : anns) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }

    private static Annotation annotation(Class<?> cls, String simpleName) {
        for (Annotation a : cls.getAnnotations()) {
            if (a.annotationType().getSimpleName().equals(simpleName)) {
                return a;
            }
        }
        return null;
    }

    static Object attr(Annotation a, String name) {
        try {
            return a.annotationType().getMethod(name).invoke(a);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static String suffix(String prefix, Object value) {
        return value == null || String.valueOf(value).isEmpty() ? "" : prefix + value;
    }

    private static Map<?, ?> additionalProperties(Object obj) {
        try {
            Method m = obj.getClass().getMethod("getAdditionalProperties");
            return (Map<?, ?>) m.invoke(obj);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    private static List<String> keys(Map<?, ?> m) {
        List<String> out = new ArrayList<>();
        for (Iterator<?> it = m.keySet().iterator(); it.hasNext();) {
            out.add(String.valueOf(it.next()));
        }
        return out;
    }

    private static Object get(Object member, Object obj) {
        try {
            return ((Method) member).invoke(obj);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }
}
