package io.logwise.kafka.checkpoint;

import io.logwise.kafka.aws.SignedHttp.CredentialsUnavailableException;
import io.logwise.kafka.aws.SignedHttp;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Checkpoints on S3 (or an S3-compatible store), read with ListObjectsV2 and GetObject only: the function needs
 * {@code s3:ListBucket} on the bucket for the checkpoint's prefix and {@code s3:GetObject} on the objects under it.
 * The two calls are signed SigV4 requests over HTTPS ({@link SignedHttp}), not the SDK's S3 client.
 *
 * <p>A bucket in another region than the function is followed: S3 answers a request signed for the wrong region
 * with the bucket's region in {@code x-amz-bucket-region}, and the request is repeated there.
 */
public final class S3CheckpointStore implements CheckpointStore, AutoCloseable {

    /** The region used with an endpoint override when none is configured (S3-compatible stores ignore it). */
    static final String DEFAULT_REGION = "us-east-1";

    /** ListObjectsV2's own maximum page size. */
    static final int PAGE_SIZE = 1000;

    /** A listing page of 1,000 keys is a few hundred KB. */
    private static final int MAX_LISTING_BYTES = 16 * 1024 * 1024;

    private final SignedHttp http;
    private final S3Addressing addressing;
    private final String region;
    private final int pageSize;
    private final Map<String, String> bucketRegions = new ConcurrentHashMap<>();

    /** @param pageSize keys per ListObjectsV2 page (smaller in tests, to page through a few files) */
    S3CheckpointStore(SignedHttp http, S3Addressing addressing, String region, int pageSize) {
        this.http = http;
        this.addressing = addressing;
        this.region = region;
        this.pageSize = pageSize;
    }

    /** A store with the settings' endpoint, path style and region ({@code AWS_REGION}; us-east-1 when unset). */
    public static S3CheckpointStore create(CheckpointSourcesSettings settings, AwsCredentialsProvider credentials) {
        return create(settings, credentials, PAGE_SIZE);
    }

    static S3CheckpointStore create(CheckpointSourcesSettings settings, AwsCredentialsProvider credentials,
            int pageSize) {
        return new S3CheckpointStore(new SignedHttp(credentials, "s3", SignedHttp.PathSigning.S3),
                new S3Addressing(settings.s3EndpointUrl(), settings.s3ForcePathStyle()),
                settings.awsRegion().orElse(DEFAULT_REGION), pageSize);
    }

    @Override
    public List<StoredFile> list(CheckpointLocation location, String folder, Duration timeLeft) throws IOException {
        CheckpointLocation.S3 checkpoint = s3Location(location);
        String prefix = checkpoint.folderKey(folder);
        String operation = "listing s3://" + checkpoint.bucket() + "/" + prefix;
        long deadline = System.nanoTime() + timeLeft.toNanos();
        List<StoredFile> files = new ArrayList<>();
        Optional<String> continuation = Optional.empty();
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("list-type", "2");
            query.put("prefix", prefix);
            query.put("delimiter", "/");
            query.put("max-keys", Integer.toString(pageSize));
            continuation.ifPresent(token -> query.put("continuation-token", token));
            SignedHttp.Response page = call(operation, checkpoint, "", query, deadline, MAX_LISTING_BYTES);
            if (page.bodyTooLarge()) {
                throw new IOException("S3 sent a listing page larger than " + MAX_LISTING_BYTES + " bytes ("
                        + operation + ")");
            }
            S3Xml.ListPage listed = S3Xml.listPage(page.body());
            for (S3Xml.StoredObject object : listed.objects()) {
                if (object.key().startsWith(prefix)) {
                    files.add(new StoredFile(object.key().substring(prefix.length()), object.size(),
                            object.lastModified()));
                }
            }
            continuation = listed.nextContinuationToken();
        } while (continuation.isPresent());
        return files;
    }

    /** One ListObjectsV2 call on the key itself: needs no more than s3:ListBucket, like the folder listings. */
    @Override
    public boolean exists(CheckpointLocation location, String name, Duration timeLeft) throws IOException {
        CheckpointLocation.S3 checkpoint = s3Location(location);
        String key = checkpoint.prefix().isEmpty() ? name : checkpoint.prefix() + "/" + name;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("list-type", "2");
        query.put("prefix", key);
        query.put("max-keys", "2"); // the key itself sorts first; a second one, e.g. metadata.crc, does not matter
        SignedHttp.Response page = call("listing s3://" + checkpoint.bucket() + "/" + key, checkpoint, "", query,
                System.nanoTime() + timeLeft.toNanos(), MAX_LISTING_BYTES);
        return S3Xml.listPage(page.body()).objects().stream().anyMatch(object -> object.key().equals(key));
    }

    @Override
    public byte[] read(CheckpointLocation location, String folder, String name, int maxBytes, Duration timeLeft)
            throws IOException {
        CheckpointLocation.S3 checkpoint = s3Location(location);
        String key = checkpoint.folderKey(folder) + name;
        String where = "s3://" + checkpoint.bucket() + "/" + key;
        SignedHttp.Response object = call("reading " + where, checkpoint, key, Map.of(),
                System.nanoTime() + timeLeft.toNanos(), maxBytes);
        if (object.bodyTooLarge()) {
            throw new FileTooLargeException(where, maxBytes); // not downloaded: it would not be used
        }
        return object.body();
    }

    @Override
    public void close() {
        // HttpURLConnection's keep-alive pool is the JVM's: nothing to close
    }

    /** One request, repeated in the bucket's region when S3 says it is another one; errors become IOExceptions. */
    private SignedHttp.Response call(String operation, CheckpointLocation.S3 checkpoint, String key,
            Map<String, String> query, long deadline, int maxBodyBytes) throws IOException {
        String bucket = checkpoint.bucket();
        String signingRegion = bucketRegions.getOrDefault(bucket, region);
        SignedHttp.Response response = send(operation, bucket, key, query, signingRegion, deadline, maxBodyBytes);
        Optional<String> bucketRegion = response.header("x-amz-bucket-region");
        if (isWrongRegion(response) && bucketRegion.isPresent() && !bucketRegion.get().equals(signingRegion)) {
            bucketRegions.put(bucket, bucketRegion.get());
            response = send(operation, bucket, key, query, bucketRegion.get(), deadline, maxBodyBytes);
        }
        if (!response.successful()) {
            throw refusal(operation, checkpoint, response);
        }
        return response;
    }

    private SignedHttp.Response send(String operation, String bucket, String key, Map<String, String> query,
            String signingRegion, long deadline, int maxBodyBytes) throws IOException {
        SignedHttp.Request request = SignedHttp.Request.get(addressing.host(bucket, signingRegion),
                addressing.path(bucket, key), query);
        try {
            return http.send(request, signingRegion, deadline, maxBodyBytes);
        } catch (SocketTimeoutException e) {
            throw new IOException("timed out " + operation, e);
        } catch (CredentialsUnavailableException e) {
            throw new IOException("cannot sign the S3 request " + operation + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("cannot reach S3 " + operation + ": " + e, e);
        }
    }

    /** S3's answers to a request sent to or signed for another region than the bucket's. */
    private static boolean isWrongRegion(SignedHttp.Response response) {
        return response.status() == 301 || response.status() == 307 || response.status() == 400;
    }

    private static IOException refusal(String operation, CheckpointLocation.S3 checkpoint,
            SignedHttp.Response response) {
        int status = response.status();
        S3Xml.Error error = S3Xml.error(response.body()).orElse(new S3Xml.Error("", ""));
        String code = error.code();
        if ("AccessDenied".equals(code) || (status == 403 && code.isEmpty())) {
            String objects = checkpoint.prefix().isEmpty() ? "*" : checkpoint.prefix() + "/*";
            return new IOException("access denied " + operation + " (the function needs s3:ListBucket on "
                    + "arn:aws:s3:::" + checkpoint.bucket() + " for this prefix and s3:GetObject on arn:aws:s3:::"
                    + checkpoint.bucket() + "/" + objects + ")");
        }
        if ("NoSuchBucket".equals(code)) {
            return new IOException("the bucket " + checkpoint.bucket() + " does not exist (" + operation + ")");
        }
        if ("NoSuchKey".equals(code) || status == 404) {
            return new IOException("not found " + operation);
        }
        return new IOException("S3 refused " + operation + ": " + (code.isEmpty() ? "" : code + " ")
                + error.message() + " (HTTP " + status + ")");
    }

    private static CheckpointLocation.S3 s3Location(CheckpointLocation location) {
        if (location instanceof CheckpointLocation.S3 s3) {
            return s3;
        }
        throw new IllegalArgumentException("not an S3 checkpoint: " + location);
    }
}
