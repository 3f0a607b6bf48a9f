package io.logwise.kafka.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class KafkaErrorsTest {

    /** What a producer refused a topic or its producer id answers the next send with, whichever call sees it. */
    private static KafkaException errorState(Throwable refusal) {
        return new KafkaException("Cannot execute transactional method because we are in an error state", refusal);
    }

    @Test
    void aRefusalBehindAProducersErrorStateIsStillARefusal() {
        TopicAuthorizationException refused = new TopicAuthorizationException("Not authorized to access topics");
        LogwiseException translated = KafkaErrors.translate("writing to the state topic",
                new ExecutionException(errorState(refused)));
        assertInstanceOf(KafkaAuthorizationException.class, translated);
        assertEquals("not authorized: writing to the state topic was refused by the cluster (Not authorized to access"
                + " topics)", translated.getMessage());
        assertSame(refused, translated.getCause());

        assertInstanceOf(KafkaAuthorizationException.class, KafkaErrors.translate("writing",
                errorState(new KafkaException("wrapped", new ClusterAuthorizationException("no IdempotentWrite")))));
        assertInstanceOf(KafkaAuthenticationException.class, KafkaErrors.translate("writing",
                errorState(new SaslAuthenticationException("bad password"))));
    }

    @Test
    void anErrorStateWithNoRefusalBehindItStaysAnOperationFailure() {
        LogwiseException translated = KafkaErrors.translate("writing", errorState(new IllegalStateException("x")));
        assertInstanceOf(KafkaOperationException.class, translated);
    }
}
