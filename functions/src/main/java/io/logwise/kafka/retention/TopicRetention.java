package io.logwise.kafka.retention;

/**
 * A topic's retention as Kafka reports it now.
 *
 * @param retentionMs       effective retention.ms (-1 = unlimited), whatever its source
 * @param retentionBytes    effective retention.bytes (-1 = unlimited)
 * @param logBytes          bytes on disk over all replicas, or -1 when the brokers did not say
 */
public record TopicRetention(String topic, int partitions, long retentionMs, long retentionBytes, long logBytes) {
}
