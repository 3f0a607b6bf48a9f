package io.logwise.kafka.local;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one event a local runtime hands out, with the identifiers Lambda would attach to it.
 *
 * @param functionArn the ARN Lambda sends as {@code Lambda-Runtime-Invoked-Function-Arn}, under a placeholder account
 * @param traceId     an X-Ray trace header in Lambda's format, not sampled
 */
@SuppressWarnings("ArrayRecordComponent") // bytes carried as they came, never compared or hashed
record Invocation(String requestId, String functionArn, String traceId, byte[] payload, Duration timeout) {

    /** The account ID AWS documentation uses in examples; no real account is involved in a local run. */
    static final String LOCAL_ACCOUNT_ID = "123456789012";

    static Invocation of(LocalRuntimeOptions options, byte[] payload) {
        String arn = "arn:aws:lambda:" + options.region() + ":" + LOCAL_ACCOUNT_ID + ":function:"
                + options.functionName();
        return new Invocation(randomRequestId(), arn, randomTraceId(), payload,
                Duration.ofSeconds(options.timeoutSeconds()));
    }

    /**
     * A version 4 UUID like Lambda's request IDs. ThreadLocalRandom instead of UUID.randomUUID keeps SecureRandom's
     * start-up out of the cold-start floor this runtime is used to measure.
     */
    static String randomRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    static String randomTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "Root=1-" + hex(System.currentTimeMillis() / 1000, 8) + "-" + hex(random.nextInt(), 8)
                + hex(random.nextLong(), 16) + ";Parent=" + hex(random.nextLong(), 16) + ";Sampled=0";
    }

    /** The low {@code digits} hex digits of {@code value}, zero-padded (String.format would load Formatter). */
    private static String hex(long value, int digits) {
        String hex = Long.toHexString(value);
        if (hex.length() >= digits) {
            return hex.substring(hex.length() - digits);
        }
        return "0".repeat(digits - hex.length()) + hex;
    }
}
