package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManagedTopicsTest {

    @ParameterizedTest(name = "{0} -> managed: {1}")
    @CsvSource({
        "logs.order-service, true",
        "logs.a.b_c-1,       true",
        "logs.,              false",
        "logs,               false",
        "logsx.a,            false",
        "LOGS.a,             false",
        "other.logs.a,       false",
        "logs.a b,           false",
        "logs.ä,             false",
    })
    void onlyLegalNamesUnderTheLiteralPrefixAreManaged(String topic, boolean managed) {
        assertEquals(managed, ManagedTopics.isManaged(topic));
    }

    @Test
    void serviceNamesGetThePrefix() {
        assertEquals("logs.order-service", ManagedTopics.forService("services[0]", "order-service"));
        assertEquals("logs.order-service", ManagedTopics.forTopic("topics[0]", "logs.order-service"));
    }

    @Test
    void lengthLimitCountsThePrefix() {
        String longest = "s".repeat(ManagedTopics.MAX_TOPIC_LENGTH - ManagedTopics.PREFIX.length());
        assertEquals(249, ManagedTopics.forService("services[0]", longest).length());

        InvalidFieldException error = assertThrows(InvalidFieldException.class,
                () -> ManagedTopics.forService("services[3]", longest + "s"));
        assertEquals("services[3]", error.error().field());
        assertTrue(error.getMessage().contains("250 characters; Kafka allows 249"), error.getMessage());
    }

    @ParameterizedTest(name = "{0} ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
        "service | ''            | a service name is required",
        "service | logs.orders   | 'logs.orders' already has the 'logs.' prefix; list it under topics or give the"
                + " service name 'orders'",
        "service | order service | characters Kafka does not allow",
        "service | orders/eu     | characters Kafka does not allow",
        "topic   | other.orders  | outside the managed prefix 'logs.'",
        "topic   | orders        | outside the managed prefix 'logs.'",
        "topic   | __consumer_offsets | outside the managed prefix 'logs.'",
        "topic   | logs.         | names no topic after the 'logs.' prefix",
        "topic   | logs.a:b      | characters Kafka does not allow",
        "topic   | ''            | a topic name is required",
    })
    void badNamesAreRefusedWithTheField(String kind, String name, String expected) {
        String field = kind.equals("service") ? "services[1]" : "topics[1]";
        InvalidFieldException error = assertThrows(InvalidFieldException.class, () -> {
            if (kind.equals("service")) {
                ManagedTopics.forService(field, name);
            } else {
                ManagedTopics.forTopic(field, name);
            }
        });
        assertEquals(field, error.error().field());
        assertTrue(error.error().message().contains(expected), error.getMessage());
    }
}
