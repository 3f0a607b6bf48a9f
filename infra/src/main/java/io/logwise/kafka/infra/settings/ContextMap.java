package io.logwise.kafka.infra.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, path-aware reads from one JSON object of CDK context. Values may come from cdk.json (numbers, booleans,
 * objects) or from {@code -c key=value} (always strings), so numbers and booleans are accepted in either form.
 */
final class ContextMap {

    private final String path;
    private final Map<String, ?> values;

    private ContextMap(String path, Map<String, ?> values) {
        this.path = path;
        this.values = values;
    }

    static ContextMap of(String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, entry) -> copy.put(String.valueOf(key), entry));
            return new ContextMap(path, copy);
        }
        throw new SettingsException(path + " must be a JSON object, got: " + value);
    }

    static ContextMap empty(String path) {
        return new ContextMap(path, Map.of());
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path + "." + key;
    }

    Set<String> keys() {
        return new TreeSet<>(values.keySet());
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    /** Catches typos: a key this reader does not know is an error, never silently ignored. */
    void rejectUnknownKeys(Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new SettingsException(
                    path + " has unknown keys " + unknown + "; known keys: " + new TreeSet<>(known));
        }
    }

    String requiredString(String key) {
        return optionalString(key).orElseThrow(() -> new SettingsException(pathOf(key) + " is required"));
    }

    Optional<String> optionalString(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new SettingsException(pathOf(key) + " must be a string, got: " + value);
        }
        if (text.isBlank()) {
            throw new SettingsException(pathOf(key) + " must not be blank");
        }
        return Optional.of(text.trim());
    }

    int integer(String key, int defaultValue, int min, int max) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            parsed = number.intValue();
        } else if (value instanceof String text && text.trim().matches("-?\\d{1,10}")) {
            parsed = Integer.parseInt(text.trim());
        } else {
            throw new SettingsException(pathOf(key) + " must be a whole number, got: " + value);
        }
        if (parsed < min || parsed > max) {
            throw new SettingsException(pathOf(key) + " must be between " + min + " and " + max + ", got: " + parsed);
        }
        return parsed;
    }

    Optional<Integer> optionalInteger(String key, int min, int max) {
        return has(key) ? Optional.of(integer(key, min, min, max)) : Optional.empty();
    }

    boolean bool(String key, boolean defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean((String) value);
        }
        throw new SettingsException(pathOf(key) + " must be true or false, got: " + value);
    }

    ContextMap object(String key) {
        return has(key) ? of(pathOf(key), values.get(key)) : empty(pathOf(key));
    }

    List<String> stringList(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new SettingsException(pathOf(key) + " must be a JSON list of strings, got: " + value);
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String text) || text.isBlank()) {
                throw new SettingsException(pathOf(key) + " must hold only non-blank strings, got: " + item);
            }
            strings.add(text.trim());
        }
        return List.copyOf(strings);
    }

    List<ContextMap> objectList(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new SettingsException(pathOf(key) + " must be a JSON list of objects, got: " + value);
        }
        List<ContextMap> objects = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            objects.add(of(pathOf(key) + "[" + i + "]", list.get(i)));
        }
        return List.copyOf(objects);
    }

    /** A flat object of string values (environment variables); numbers and booleans are turned into text. */
    Map<String, String> stringMap(String key) {
        ContextMap object = object(key);
        Map<String, String> strings = new LinkedHashMap<>();
        for (String name : object.keys()) {
            Object value = object.values.get(name);
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                strings.put(name, value instanceof Number number ? numberText(number) : value.toString());
            } else {
                throw new SettingsException(
                        object.pathOf(name) + " must be a string, number or boolean, got: " + value);
            }
        }
        return Map.copyOf(strings);
    }

    private static String numberText(Number number) {
        double value = number.doubleValue();
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : number.toString();
    }
}
