package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3AddressingTest {

    @ParameterizedTest(name = "{0} path-style={1} {2} {3}/{4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // endpoint             | path  | region     | bucket      | key                 | host                                          | path
        "-                      | false | eu-west-1  | logs-ckpt   | ''                  | https://logs-ckpt.s3.eu-west-1.amazonaws.com  | /",
        "-                      | false | eu-west-1  | logs-ckpt   | a/offsets/12        | https://logs-ckpt.s3.eu-west-1.amazonaws.com  | /a/offsets/12",
        "-                      | false | eu-west-1  | logs-ckpt   | a b/\u00e9+         | https://logs-ckpt.s3.eu-west-1.amazonaws.com  | /a%20b/%C3%A9%2B",
        "-                      | false | cn-north-1 | logs-ckpt   | k                   | https://logs-ckpt.s3.cn-north-1.amazonaws.com.cn | /k",
        // a dotted bucket cannot be a host label under S3's wildcard certificate: path style
        "-                      | false | eu-west-1  | logs.ckpt   | k                   | https://s3.eu-west-1.amazonaws.com            | /logs.ckpt/k",
        "-                      | true  | us-east-1  | logs-ckpt   | ''                  | https://s3.us-east-1.amazonaws.com            | /logs-ckpt",
        "-                      | true  | us-east-1  | logs-ckpt   | k/1                 | https://s3.us-east-1.amazonaws.com            | /logs-ckpt/k/1",
        "http://127.0.0.1:4568  | true  | eu-west-1  | logs-ckpt   | k/1                 | http://127.0.0.1:4568                         | /logs-ckpt/k/1",
        "http://127.0.0.1:4568/ | true  | eu-west-1  | logs-ckpt   | ''                  | http://127.0.0.1:4568                         | /logs-ckpt",
        "https://minio.lan/s3   | true  | eu-west-1  | logs-ckpt   | k                   | https://minio.lan                             | /s3/logs-ckpt/k",
        "https://minio.lan:9000 | false | eu-west-1  | logs-ckpt   | k                   | https://logs-ckpt.minio.lan:9000              | /k",
    })
    void addressesRequestsAsTheSdkDoes(String endpoint, boolean pathStyle, String region, String bucket, String key,
            String host, String path) {
        S3Addressing addressing = new S3Addressing(Optional.ofNullable(endpoint).map(URI::create), pathStyle);
        assertEquals(URI.create(host), addressing.host(bucket, region));
        assertEquals(path, addressing.path(bucket, key));
    }
}
