package io.logwise.kafka.checkpoint;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Checkpoints on S3 (or an S3-compatible store), read with ListObjectsV2 and GetObject only: the function needs
 * {@code s3:ListBucket} on the bucket for the checkpoint's prefix and {@code s3:GetObject} on the objects under it.
 */
public final class S3CheckpointStore implements CheckpointStore, AutoCloseable {

    /** The region used with an endpoint override when none is configured (S3-compatible stores ignore it). */
    static final Region DEFAULT_REGION_FOR_ENDPOINT = Region.US_EAST_1;

    /** ListObjectsV2's own maximum page size. */
    static final int PAGE_SIZE = 1000;

    private final S3Client s3;
    private final int pageSize;

    public S3CheckpointStore(S3Client s3) {
        this(s3, PAGE_SIZE);
    }

    /** @param pageSize keys per ListObjectsV2 page (smaller in tests, to page through a few files) */
    S3CheckpointStore(S3Client s3, int pageSize) {
        this.s3 = s3;
        this.pageSize = pageSize;
    }

    /** A client with the lean URL-connection HTTP client, the settings' endpoint, path style and region. */
    public static S3CheckpointStore create(CheckpointSourcesSettings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials)
                .forcePathStyle(settings.s3ForcePathStyle())
                // a checkpoint bucket in another region than the function is followed, not an error
                .crossRegionAccessEnabled(true);
        settings.s3EndpointUrl().ifPresent(builder::endpointOverride);
        settings.awsRegion().map(Region::of).ifPresentOrElse(builder::region, () -> {
            if (settings.s3EndpointUrl().isPresent()) {
                builder.region(DEFAULT_REGION_FOR_ENDPOINT);
            }
        });
        return new S3CheckpointStore(builder.build());
    }

    @Override
    public List<StoredFile> list(CheckpointLocation location, String folder, Duration timeLeft) throws IOException {
        CheckpointLocation.S3 checkpoint = s3Location(location);
        String prefix = checkpoint.folderKey(folder);
        String where = "s3://" + checkpoint.bucket() + "/" + prefix;
        long deadline = System.nanoTime() + timeLeft.toNanos();
        List<StoredFile> files = new ArrayList<>();
        String continuation = null;
        do {
            Duration pageTimeout = left(deadline, "listing " + where);
            ListObjectsV2Request request = ListObjectsV2Request.builder()
                    .bucket(checkpoint.bucket())
                    .prefix(prefix)
                    .delimiter("/")
                    .maxKeys(pageSize)
                    .continuationToken(continuation)
                    .overrideConfiguration(o -> o.apiCallTimeout(pageTimeout))
                    .build();
            ListObjectsV2Response page = call("listing " + where, checkpoint, () -> s3.listObjectsV2(request));
            for (S3Object object : page.contents()) {
                files.add(new StoredFile(object.key().substring(prefix.length()),
                        object.size() == null ? 0 : object.size(), object.lastModified()));
            }
            continuation = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (continuation != null);
        return files;
    }

    @Override
    public byte[] read(CheckpointLocation location, String folder, String name, int maxBytes, Duration timeLeft)
            throws IOException {
        CheckpointLocation.S3 checkpoint = s3Location(location);
        String key = checkpoint.folderKey(folder) + name;
        String where = "s3://" + checkpoint.bucket() + "/" + key;
        GetObjectRequest request = GetObjectRequest.builder()
                .bucket(checkpoint.bucket())
                .key(key)
                .overrideConfiguration(o -> o.apiCallTimeout(timeLeft))
                .build();
        ResponseInputStream<GetObjectResponse> object = call("reading " + where, checkpoint,
                () -> s3.getObject(request));
        try (object) {
            Long length = object.response().contentLength();
            if (length != null && length > maxBytes) {
                object.abort(); // do not download what will not be used
                throw new FileTooLargeException(where, maxBytes);
            }
            byte[] content = object.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                object.abort();
                throw new FileTooLargeException(where, maxBytes);
            }
            return content;
        } catch (SdkException e) {
            throw translate("reading " + where, checkpoint, e);
        } catch (FileTooLargeException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("failed reading " + where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private interface S3Call<T> {
        T run();
    }

    private static <T> T call(String operation, CheckpointLocation.S3 checkpoint, S3Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw translate(operation, checkpoint, e);
        }
    }

    private static IOException translate(String operation, CheckpointLocation.S3 checkpoint, SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new IOException("timed out " + operation, e);
        }
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null || s3.awsErrorDetails().errorCode() == null
                    ? "" : s3.awsErrorDetails().errorCode();
            if ("AccessDenied".equals(code) || (s3.statusCode() == 403 && code.isEmpty())) {
                String objects = checkpoint.prefix().isEmpty() ? "*" : checkpoint.prefix() + "/*";
                return new IOException("access denied " + operation + " (the function needs s3:ListBucket on "
                        + "arn:aws:s3:::" + checkpoint.bucket() + " for this prefix and s3:GetObject on arn:aws:s3:::"
                        + checkpoint.bucket() + "/" + objects + ")", e);
            }
            if ("NoSuchBucket".equals(code)) {
                return new IOException("the bucket " + checkpoint.bucket() + " does not exist (" + operation + ")", e);
            }
            if ("NoSuchKey".equals(code) || s3.statusCode() == 404) {
                return new IOException("not found " + operation, e);
            }
            String message = s3.awsErrorDetails() == null ? s3.getMessage() : s3.awsErrorDetails().errorMessage();
            return new IOException("S3 refused " + operation + ": " + code + " " + message + " (HTTP "
                    + s3.statusCode() + ")", e);
        }
        if (e instanceof SdkClientException) {
            return new IOException("cannot reach S3 " + operation + ": " + e.getMessage(), e);
        }
        return new IOException("failed " + operation + ": " + e.getMessage(), e);
    }

    private static Duration left(long deadlineNanos, String operation) throws IOException {
        long nanos = deadlineNanos - System.nanoTime();
        if (nanos <= 0) {
            throw new IOException("no time left for " + operation);
        }
        return Duration.ofNanos(nanos);
    }

    private static CheckpointLocation.S3 s3Location(CheckpointLocation location) {
        if (location instanceof CheckpointLocation.S3 s3) {
            return s3;
        }
        throw new IllegalArgumentException("not an S3 checkpoint: " + location);
    }
}
