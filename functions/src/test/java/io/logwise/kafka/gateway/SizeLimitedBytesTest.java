package io.logwise.kafka.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SizeLimitedBytesTest {

    @Test
    void copiesUpToTheLimitAndMarksLargerValuesWithoutCopyingThem() {
        SizeLimitedBytes bytes = new SizeLimitedBytes(4);
        ByteBuffer fetched = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 4, 9}, 1, 4).slice();

        assertArrayEquals(new byte[] {1, 2, 3, 4}, bytes.deserialize("t", null, fetched));
        assertSame(SizeLimitedBytes.TOO_LARGE, bytes.deserialize("t", null, ByteBuffer.allocate(5)));
        assertNull(bytes.deserialize("t", null, (ByteBuffer) null), "a tombstone stays a tombstone");

        bytes.limit(8);
        assertArrayEquals(new byte[5], bytes.deserialize("t", null, ByteBuffer.allocate(5)));
    }
}
