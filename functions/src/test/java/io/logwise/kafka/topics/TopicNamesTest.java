package io.logwise.kafka.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"logs.order-service", "logs.a_b", "A-Z.0-9_x"})
    void legalNames(String name) {
        assertTrue(TopicNames.problemWith(name).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "logs.a b", "logs.a/b", "logs.é", "logs.a\nb", "logs.a\u0000"})
    void illegalNames(String name) {
        assertTrue(TopicNames.problemWith(name).isPresent(), name);
    }

    @Test
    void lengthLimitIs249() {
        assertTrue(TopicNames.problemWith("a".repeat(249)).isEmpty());
        assertTrue(TopicNames.problemWith("a".repeat(250)).get().contains("249"));
    }

    @Test
    void dotAndUnderscoreCollide() {
        assertEquals(TopicNames.collisionKey("logs.a_b"), TopicNames.collisionKey("logs.a.b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs", "logs.", "logsx.a", "LOGS.a", "Logs.a", "xlogs.a", "ｌogs.a", "other"})
    void prefixIsLiteralAndCaseSensitive(String topic) {
        assertFalse(ManagedPrefix.DEFAULT.manages(topic), topic);
    }

    @Test
    void managedTopicsAndServiceNames() {
        assertTrue(ManagedPrefix.DEFAULT.manages("logs.a"));
        assertEquals("logs.order-service", ManagedPrefix.DEFAULT.topicFor("order-service"));
        assertEquals("logs.order-service", ManagedPrefix.DEFAULT.topicFor("logs.order-service"));
        assertEquals("audit.x", ManagedPrefix.fromEnv(Map.of("MANAGED_TOPIC_PREFIX", "audit.")).topicFor("x"));
        assertThrows(ConfigurationException.class, () -> ManagedPrefix.fromEnv(Map.of("MANAGED_TOPIC_PREFIX", "a*")));
    }
}
