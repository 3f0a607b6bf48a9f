package io.logwise.kafka.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * One call to an AWS service's HTTP API: signed with the AWS SDK's SigV4 signer (part of the SDK core that
 * aws-msk-iam-auth needs anyway) and sent with the JDK's {@link HttpURLConnection}. The functions make three calls to
 * AWS services (S3 ListObjectsV2 and GetObject, Secrets Manager GetSecretValue); doing them here instead of through
 * the SDK's generated service clients keeps about 5 MB of those clients out of the deployment jar.
 *
 * <p>Transient failures (connection errors, HTTP 500/502/503/504) are retried up to {@link #MAX_ATTEMPTS} times
 * within the deadline, as the SDK's standard retry mode does.
 */
public final class SignedHttp {

    static final int MAX_ATTEMPTS = 3;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    /** How the signer treats the path: S3 signs it exactly as sent; other services normalize and encode it twice. */
    public enum PathSigning { S3, STANDARD }

    /**
     * A request before signing.
     *
     * @param endpoint    scheme, host and port only
     * @param encodedPath the URI-encoded path, sent and signed as it is (e.g. {@code /bucket/a%20b})
     * @param query       raw (not encoded) query parameters, in the order they are sent
     * @param headers     extra headers to send and sign
     * @param body        the payload, empty for none
     */
    // The body is carried to the wire, never compared: equals/hashCode of the array are not used.
    @SuppressWarnings("ArrayRecordComponent")
    public record Request(String method, URI endpoint, String encodedPath, Map<String, String> query,
            Map<String, String> headers, byte[] body) {

        public static Request get(URI endpoint, String encodedPath, Map<String, String> query) {
            return new Request("GET", endpoint, encodedPath, query, Map.of(), new byte[0]);
        }

        URI uri() {
            return URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + encodedPath
                    + (query.isEmpty() ? "" : "?" + UriEncoding.query(query)));
        }
    }

    /**
     * The answer: status, headers (names in any case) and the body, read up to the caller's limit.
     *
     * @param bodyTooLarge the body was longer than the limit (64 KB for an error) and was not read (body is empty)
     */
    // The body is read by the caller, never compared: equals/hashCode of the array are not used.
    @SuppressWarnings("ArrayRecordComponent")
    public record Response(int status, Map<String, List<String>> headers, byte[] body, boolean bodyTooLarge) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public boolean successful() {
            return status >= 200 && status < 300;
        }

        boolean transientFailure() {
            return status == 500 || status == 502 || status == 503 || status == 504;
        }
    }

    /** The credentials could not be resolved (no role, no environment variables...). */
    public static final class CredentialsUnavailableException extends IOException {

        CredentialsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final AwsCredentialsProvider credentials;
    private final String signingName;
    private final PathSigning pathSigning;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param signingName the service's SigV4 name ({@code s3}, {@code secretsmanager})
     * @param clock       the signing time (tests fix it; AWS rejects requests more than 15 minutes off)
     */
    public SignedHttp(AwsCredentialsProvider credentials, String signingName, PathSigning pathSigning, Clock clock) {
        this.credentials = credentials;
        this.signingName = signingName;
        this.pathSigning = pathSigning;
        this.clock = clock;
    }

    public SignedHttp(AwsCredentialsProvider credentials, String signingName, PathSigning pathSigning) {
        this(credentials, signingName, pathSigning, Clock.systemUTC());
    }

    /**
     * Signs and sends the request, retrying transient failures, and reads at most {@code maxBodyBytes} of a successful
     * response's body (a longer one is not read: {@link Response#bodyTooLarge()}).
     *
     * @param deadlineNanos a {@link System#nanoTime()} value: the call fails with {@link SocketTimeoutException} after
     * @throws SocketTimeoutException when the deadline passed
     * @throws IOException            when the service could not be reached (after the retries)
     */
    public Response send(Request request, String region, long deadlineNanos, int maxBodyBytes) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Response response = sendOnce(request, region, deadlineNanos, maxBodyBytes);
                if (!response.transientFailure() || !backOff(attempt, deadlineNanos)) {
                    return response;
                }
            } catch (SocketTimeoutException | CredentialsUnavailableException e) {
                throw e;
            } catch (IOException e) {
                if (!backOff(attempt, deadlineNanos)) {
                    throw e;
                }
            }
        }
    }

    private Response sendOnce(Request request, String region, long deadlineNanos, int maxBodyBytes)
            throws IOException {
        Map<String, List<String>> signedHeaders = sign(request, region).request().headers();
        HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection();
        boolean reusable = false;
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(millisLeft(deadlineNanos));
            connection.setReadTimeout(millisLeft(deadlineNanos));
            connection.setRequestMethod(request.method());
            // The connection sends Host and Content-Length itself, with the values that were signed.
            signedHeaders.forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                    connection.setRequestProperty(name, String.join(",", values));
                }
            });
            if (request.body().length > 0) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(request.body().length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(request.body());
                }
            }
            int status = connection.getResponseCode();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            connection.getHeaderFields().forEach((name, values) -> {
                if (name != null) {
                    headers.put(name, values);
                }
            });
            // An error document is read whatever the caller's limit, which is meant for what it asked for.
            int limit = status >= 300 ? MAX_ERROR_BODY_BYTES : maxBodyBytes;
            if (connection.getContentLengthLong() > limit) {
                return new Response(status, headers, new byte[0], true);
            }
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (stream == null) {
                reusable = true;
                return new Response(status, headers, new byte[0], false);
            }
            try (stream) {
                byte[] body = readAtMost(stream, limit + 1, deadlineNanos);
                if (body.length > limit) {
                    return new Response(status, headers, new byte[0], true);
                }
                reusable = true;
                return new Response(status, headers, body, false);
            }
        } finally {
            if (!reusable) {
                connection.disconnect(); // a half-read or failed connection must not go back to the keep-alive pool
            }
        }
    }

    private SignedRequest sign(Request request, String region) throws IOException {
        AwsCredentials identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (RuntimeException e) {
            throw new CredentialsUnavailableException("no AWS credentials: " + e.getMessage(), e);
        }
        URI endpoint = request.endpoint();
        SdkHttpRequest.Builder http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .encodedPath(request.encodedPath());
        if (endpoint.getPort() != -1) {
            http.port(endpoint.getPort());
        }
        request.query().forEach(http::putRawQueryParameter);
        request.headers().forEach(http::putHeader);
        byte[] body = request.body();
        if (body.length > 0) {
            http.putHeader("Content-Length", Integer.toString(body.length)); // signed, as the SDK's clients do
        }
        return signer.sign(sign -> {
            sign.identity(identity)
                    .request(http.build())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock);
            if (pathSigning == PathSigning.S3) {
                sign.putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true);
            }
            if (body.length > 0) {
                sign.payload(() -> new ByteArrayInputStream(body));
            }
        });
    }

    private static byte[] readAtMost(InputStream stream, int limit, long deadlineNanos) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (out.size() < limit) {
            int read = stream.read(buffer, 0, Math.min(buffer.length, limit - out.size()));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new SocketTimeoutException("deadline passed while reading the response");
            }
        }
        return out.toByteArray();
    }

    private static int millisLeft(long deadlineNanos) throws SocketTimeoutException {
        long millis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (millis <= 0) {
            throw new SocketTimeoutException("no time left for the request");
        }
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }

    /** Waits before the next attempt; false when there is none (attempts used up, or no time left for one). */
    private static boolean backOff(int attempt, long deadlineNanos) throws IOException {
        if (attempt >= MAX_ATTEMPTS) {
            return false;
        }
        long pause = FIRST_BACKOFF_MILLIS << (attempt - 1);
        if ((deadlineNanos - System.nanoTime()) / 1_000_000 <= pause) {
            return false;
        }
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted between attempts");
        }
    }
}
