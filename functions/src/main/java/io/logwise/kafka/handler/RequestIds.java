package io.logwise.kafka.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** The trigger id of a request, under which its decisions are journaled. */
final class RequestIds {

    private RequestIds() {
    }

    /**
     * The EventBridge event id when there is one (a redelivery keeps it). A bare request gets a digest of its body
     * and the UTC day: a retry the same day lands on the same journal keys, the same request on a later day is a new
     * decision and keeps the earlier one's record.
     */
    static String of(String eventId, JsonNode body, Instant now) {
        if (eventId != null && !eventId.isBlank()) {
            return eventId;
        }
        return digest("request-", body.toString() + '\n' + now.atZone(ZoneOffset.UTC).toLocalDate());
    }

    /** {@code prefix} and the first 8 bytes of the SHA-256 of {@code material}, in hex. */
    static String digest(String prefix, String material) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
