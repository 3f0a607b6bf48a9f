package io.logwise.kafka.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logwise.kafka.error.ConfigurationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnceTest {

    @Test
    void buildsOnFirstUseOnlyAndKeepsTheValue() {
        AtomicInteger builds = new AtomicInteger();
        Once<Object> once = new Once<>(() -> {
            builds.incrementAndGet();
            return new Object();
        });
        assertEquals(0, builds.get(), "nothing is read before the first invocation");
        Object first = once.get();
        assertSame(first, once.get());
        assertEquals(1, builds.get());
    }

    @Test
    void aFailedBuildIsTriedAgainSoEveryInvocationReportsTheError() {
        AtomicInteger builds = new AtomicInteger();
        Once<Object> once = new Once<>(() -> {
            builds.incrementAndGet();
            throw new ConfigurationException("MANAGED_TOPIC_PREFIX: bad");
        });
        assertThrows(ConfigurationException.class, once::get);
        assertThrows(ConfigurationException.class, once::get);
        assertEquals(2, builds.get());
    }
}
