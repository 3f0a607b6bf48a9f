package io.logwise.kafka.infra;

import java.util.List;
import java.util.Map;

/**
 * The part of EventBridge's pattern matching this stack's rules use: every pattern field must match, a leaf is a
 * list of allowed values, each an exact string or {@code {"prefix": "..."}}; an event list value matches if any
 * element does. Values compare after {@link TemplateFacts#flatten}, so a token prefix reads
 * {@code <LagScannerFunction.Arn>:}.
 */
final class EventPatterns {

    private EventPatterns() {
    }

    static boolean matches(Object pattern, Object event) {
        if (!(pattern instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("pattern must be an object: " + pattern);
        }
        if (!(event instanceof Map<?, ?> values)) {
            return false;
        }
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            Object value = values.get(field.getKey());
            if (value == null) {
                return false;
            }
            boolean matched = field.getValue() instanceof List<?> allowed
                    ? anyAllowed(allowed, value)
                    : matches(field.getValue(), value);
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyAllowed(List<?> allowed, Object value) {
        if (value instanceof List<?> many) {
            return many.stream().anyMatch(one -> anyAllowed(allowed, one));
        }
        if (!(value instanceof String text)) {
            return false;
        }
        for (Object rule : allowed) {
            if (rule instanceof Map<?, ?> map && map.containsKey("prefix")) {
                if (text.startsWith(TemplateFacts.flatten(map.get("prefix")))) {
                    return true;
                }
            } else if (rule instanceof Map<?, ?>) {
                throw new IllegalArgumentException("unsupported pattern operator: " + rule);
            } else if (TemplateFacts.flatten(rule).equals(text)) {
                return true;
            }
        }
        return false;
    }
}
