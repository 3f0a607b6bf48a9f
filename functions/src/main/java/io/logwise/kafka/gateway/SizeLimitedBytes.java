package io.logwise.kafka.gateway;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Bytes of a key or value up to a limit; a larger one is not copied out of the fetched batch but returned as
 * {@link #TOO_LARGE} (compared by identity), so a few oversized state records cannot fill the heap.
 */
final class SizeLimitedBytes implements Deserializer<byte[]> {

    /** Stands for a key or value larger than the limit. */
    static final byte[] TOO_LARGE = new byte[0];

    private volatile int limit;

    SizeLimitedBytes(int limit) {
        this.limit = limit;
    }

    /** The limit for what is read next (the state reader reads one part at a time). */
    void limit(int bytes) {
        this.limit = bytes;
    }

    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data == null || data.length <= limit ? data : TOO_LARGE;
    }

    @Override
    public byte[] deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (data.remaining() > limit) {
            return TOO_LARGE;
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }
}
