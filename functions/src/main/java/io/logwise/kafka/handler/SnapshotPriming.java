package io.logwise.kafka.handler;

import io.logwise.kafka.json.Json;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart snapshots the function when init ends and restores that snapshot for every cold start, so what init has
 * loaded and initialized is never paid again, while what the first invocation loads is paid after every restore.
 * Under SnapStart, init therefore does the connection-free part of a first invocation: the JSON mapper reads an event
 * and prepares the serializer of the function's result type; Kafka's client configurations are parsed and its
 * protocol and error tables built; the platform MBean server, which every Kafka client registers with, is created.
 * No connection is opened and no thread started (a snapshot must hold neither; the clients are built on the first
 * invocation, after restore). Without SnapStart, init stays lazy: priming would only move the same work from the
 * first invocation into init.
 */
final class SnapshotPriming {

    static final String INIT_TYPE_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String SNAP_START = "snap-start";
    /** {@code on} (the default) or {@code off} (e.g. to measure what priming saves). */
    static final String SWITCH_VARIABLE = "SNAPSTART_PRIMING";

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPriming.class);
    private static final byte[] SAMPLE_EVENT = ("{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
            + "\"time\":\"2026-01-01T00:00:00Z\",\"detail\":{}}").getBytes(StandardCharsets.UTF_8);
    // Parsed, never used to connect: client configurations need a bootstrap address.
    private static final String UNUSED_BOOTSTRAP = "snapshot-priming.invalid:9092";

    private SnapshotPriming() {
    }

    private static boolean switchedOn(Map<String, String> environment) {
        String value = environment.getOrDefault(SWITCH_VARIABLE, "on").trim();
        if (value.equalsIgnoreCase("off")) {
            return false;
        }
        if (!value.equalsIgnoreCase("on")) {
            LOG.warn("{} must be on or off, not '{}'; priming stays on", SWITCH_VARIABLE, value);
        }
        return true;
    }

    /** Primes when the environment says init ends in a snapshot; returns whether it did. Never fails init. */
    static boolean primeIfSnapStart(Map<String, String> environment, Class<?> resultType) {
        if (!SNAP_START.equals(environment.get(INIT_TYPE_VARIABLE)) || !switchedOn(environment)) {
            return false;
        }
        long started = System.nanoTime();
        try {
            IncomingEvent.from(Json.readEvent(new ByteArrayInputStream(SAMPLE_EVENT)));
            Json.MAPPER.writerFor(resultType);
            new AdminClientConfig(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, UNUSED_BOOTSTRAP));
            new ConsumerConfig(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, UNUSED_BOOTSTRAP,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            new ProducerConfig(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, UNUSED_BOOTSTRAP,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
            ApiMessageType.values();
            ApiKeys.values();
            Errors.values();
            ManagementFactory.getPlatformMBeanServer();
            LOG.debug("primed for the SnapStart snapshot in {} ms", (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (RuntimeException e) {
            // The first invocation loads whatever is missing, as without SnapStart.
            LOG.warn("priming for the SnapStart snapshot failed: {}", e.toString());
            return false;
        }
    }
}
