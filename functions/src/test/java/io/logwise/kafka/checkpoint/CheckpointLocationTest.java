package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointLocationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            s3://bucket/checkpoints/order        | bucket      | checkpoints/order
            s3://bucket/checkpoints/order/       | bucket      | checkpoints/order
            s3a://my.bucket-1/a/b                | my.bucket-1 | a/b
            S3://bucket/x                        | bucket      | x
            s3://bucket                          | bucket      | ''
            s3://bucket/                         | bucket      | ''
            """)
    void s3Locations(String text, String bucket, String prefix) {
        CheckpointLocation.S3 location = (CheckpointLocation.S3) CheckpointLocation.parse(text);

        assertEquals(new CheckpointLocation.S3(bucket, prefix), location);
        assertEquals(prefix.isEmpty() ? "offsets/" : prefix + "/offsets/", location.folderKey("offsets"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /var/ckpt/x          | /var/ckpt/x
            /var/ckpt/x/         | /var/ckpt/x
            /var/ckpt/./y/../x   | /var/ckpt/x
            file:///var/ckpt/x   | /var/ckpt/x
            file:/var/ckpt/x     | /var/ckpt/x
            """)
    void localLocations(String text, String path) {
        assertEquals(new CheckpointLocation.Local(Path.of(path)), CheckpointLocation.parse(text));
        assertEquals(path, CheckpointLocation.parse(text).toString());
    }
}
