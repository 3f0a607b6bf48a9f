package io.logwise.kafka.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class InvocationTest {

    @Test
    void carriesTheFunctionsArnAndTimeout() {
        LocalRuntimeOptions options = new LocalRuntimeOptions(Path.of("e.json"), 42, Optional.empty(),
                Optional.empty(), "127.0.0.1", 29001, "a.B::c", "partition-scaler", "eu-central-1", 512);

        Invocation invocation = Invocation.of(options, new byte[] {'{', '}'});

        assertEquals("arn:aws:lambda:eu-central-1:123456789012:function:partition-scaler", invocation.functionArn());
        assertEquals(Duration.ofSeconds(42), invocation.timeout());
        assertNotEquals(Invocation.of(options, new byte[0]).requestId(), invocation.requestId());
    }

    @RepeatedTest(20)
    void requestIdsAreVersion4Uuids() {
        UUID id = UUID.fromString(Invocation.randomRequestId());

        assertEquals(4, id.version());
        assertEquals(2, id.variant());
    }

    @RepeatedTest(20)
    void traceIdsHaveXraysFormat() {
        String trace = Invocation.randomTraceId();

        assertTrue(trace.matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"), trace);
        long epochSeconds = Long.parseLong(trace.substring(7, 15), 16);
        assertTrue(Math.abs(epochSeconds - System.currentTimeMillis() / 1000) < 60, trace);
    }
}
