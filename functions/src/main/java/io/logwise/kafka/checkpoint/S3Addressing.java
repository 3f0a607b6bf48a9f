package io.logwise.kafka.checkpoint;

import io.logwise.kafka.aws.AwsEndpoints;
import io.logwise.kafka.aws.UriEncoding;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an S3 request goes: virtual-hosted style ({@code https://bucket.s3.region.amazonaws.com/key}) by default,
 * path style ({@code endpoint/bucket/key}) when asked for or when the bucket name cannot be a TLS host name (dots),
 * and an endpoint override for S3-compatible stores.
 *
 * @param endpoint  an S3-compatible endpoint instead of AWS's
 * @param pathStyle path-style requests, which most S3-compatible stores need
 */
record S3Addressing(Optional<URI> endpoint, boolean pathStyle) {

    /** Bucket names that can be the first label of a host name under a wildcard certificate: no dots. */
    private static final Pattern VIRTUAL_HOSTABLE = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    /** The scheme, host and port of a request to {@code bucket}. */
    URI host(String bucket, String region) {
        URI base = endpoint.orElseGet(() -> AwsEndpoints.regional("s3", region));
        if (!virtualHosted(bucket)) {
            return URI.create(base.getScheme() + "://" + base.getRawAuthority());
        }
        return URI.create(base.getScheme() + "://" + bucket + "." + base.getHost()
                + (base.getPort() == -1 ? "" : ":" + base.getPort()));
    }

    /** The encoded path of {@code key} in {@code bucket}; an empty key is the bucket itself (for listings). */
    String path(String bucket, String key) {
        String base = endpoint.map(URI::getRawPath).map(S3Addressing::withoutTrailingSlash).orElse("");
        String bucketPart = virtualHosted(bucket) ? "" : "/" + UriEncoding.component(bucket);
        String keyPart = key.isEmpty() && !bucketPart.isEmpty() ? "" : "/" + UriEncoding.path(key);
        return base + bucketPart + keyPart;
    }

    private boolean virtualHosted(String bucket) {
        return !pathStyle && VIRTUAL_HOSTABLE.matcher(bucket).matches();
    }

    private static String withoutTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
