package io.logwise.kafka.state;

import java.util.Objects;

/**
 * Whose position a scan snapshot holds: a Kafka consumer group or a Spark checkpoint source, by name. Both kinds can
 * have the same name (a Spark query named like a group), so the name alone does not tell them apart. Snapshots stored
 * before the kind was recorded hold names only: {@link Kind#UNRECORDED}.
 */
public record ConsumerKey(Kind kind, String name) implements Comparable<ConsumerKey> {

    public enum Kind { GROUP, SPARK_CHECKPOINT, UNRECORDED }

    public ConsumerKey {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a consumer name is empty");
        }
    }

    public static ConsumerKey group(String name) {
        return new ConsumerKey(Kind.GROUP, name);
    }

    public static ConsumerKey sparkCheckpoint(String name) {
        return new ConsumerKey(Kind.SPARK_CHECKPOINT, name);
    }

    /** A consumer of a snapshot stored before kinds were recorded: a group or a Spark checkpoint source. */
    public static ConsumerKey unrecorded(String name) {
        return new ConsumerKey(Kind.UNRECORDED, name);
    }

    @Override
    public int compareTo(ConsumerKey other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : name.compareTo(other.name);
    }

    /** Written out: looked up millions of times by a scan's history, where the generated one is slow. */
    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof ConsumerKey that && kind == that.kind && name.equals(that.name));
    }

    @Override
    public int hashCode() {
        return 31 * kind.name().hashCode() + name.hashCode();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}
