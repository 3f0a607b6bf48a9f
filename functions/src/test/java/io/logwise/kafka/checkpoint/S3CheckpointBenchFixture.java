package io.logwise.kafka.checkpoint;

import io.logwise.kafka.testkit.S3rverServer;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Benchmark helper main (not a test): starts s3rver, uploads one Spark checkpoint for {@code TOPIC} with
 * {@code PARTITIONS} partitions, prints {@code S3_ENDPOINT_URL=...} and {@code SPARK_CHECKPOINT_SOURCES=...} lines
 * for {@code scripts/invoke --env}, and serves until its standard input closes. Used to measure the lag scanner with
 * an S3 checkpoint source as a 256 MB function.
 * <p>Usage: {@code S3CheckpointBenchFixture TOPIC PARTITIONS}
 */
public final class S3CheckpointBenchFixture {

    private S3CheckpointBenchFixture() {
    }

    public static void main(String[] args) throws Exception {
        String topic = args[0];
        int partitions = Integer.parseInt(args[1]);
        try (S3rverServer s3 = S3rverServer.start();
             S3Client uploader = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                     .endpointOverride(s3.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                             S3rverServer.ACCESS_KEY, S3rverServer.SECRET_KEY)))
                     .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                     .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                     .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                     .build()) {
            String bucket = "checkpoints-" + UUID.randomUUID().toString().substring(0, 8);
            uploader.createBucket(b -> b.bucket(bucket));
            StringBuilder line = new StringBuilder("{\"" + topic + "\":{");
            for (int p = 0; p < partitions; p++) {
                line.append(p > 0 ? "," : "").append('"').append(p).append("\":0");
            }
            line.append("}}");
            String prefix = "jobs/bench";
            new SparkCheckpointFiles().batch(1, 1700000000000L, line.toString()).commit(1).files().forEach(
                    (path, content) -> uploader.putObject(p -> p.bucket(bucket).key(prefix + "/" + path),
                            RequestBody.fromBytes(content)));
            System.out.println("S3_ENDPOINT_URL=" + s3.endpoint());
            System.out.println("SPARK_CHECKPOINT_SOURCES=[{\"name\":\"spark-s3\",\"location\":\"s3://" + bucket + "/"
                    + prefix + "\"}]");
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until stdin closes
            }
        }
    }
}
