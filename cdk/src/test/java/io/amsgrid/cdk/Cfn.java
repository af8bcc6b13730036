package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** Reading a synthesized CloudFormation template in tests: resources by type, intrinsics flattened. */
final class Cfn {
    private Cfn() {
    }

    /** The resources of {@code type}, by logical id. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        Map<String, Object> all = (Map<String, Object>) template.toJSON().get("Resources");
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        all.forEach((id, r) -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            if (type.equals(resource.get("Type"))) {
                out.put(id, resource);
            }
        });
        return out;
    }

    /** The one resource of {@code type} whose logical id starts with {@code idPrefix}. */
    static Map.Entry<String, Map<String, Object>> one(Template template, String type, String idPrefix) {
        var matches = resources(template, type).entrySet().stream()
                .filter(e -> e.getKey().startsWith(idPrefix)).toList();
        assertThat(matches).as(type + " " + idPrefix + "*").hasSize(1);
        return matches.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    /**
     * A value with intrinsics written as text: {@code {"Ref": "X"}} becomes {@code ${X}},
     * {@code {"Fn::GetAtt": ["X", "Arn"]}} becomes {@code ${X.Arn}}, {@code Fn::Join} is joined.
     */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Object key = m.keySet().iterator().next();
            Object arg = m.get(key);
            switch (key.toString()) {
                case "Ref" -> {
                    return "${" + arg + "}";
                }
                case "Fn::GetAtt" -> {
                    List<Object> parts = list(arg);
                    return "${" + parts.get(0) + "." + parts.get(1) + "}";
                }
                case "Fn::Join" -> {
                    List<Object> parts = list(arg);
                    StringBuilder b = new StringBuilder();
                    List<Object> items = list(parts.get(1));
                    for (int i = 0; i < items.size(); i++) {
                        if (i > 0) {
                            b.append(parts.get(0));
                        }
                        b.append(text(items.get(i)));
                    }
                    return b.toString();
                }
                default -> {
                    return String.valueOf(value);
                }
            }
        }
        return String.valueOf(value);
    }
}
