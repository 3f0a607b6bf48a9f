package io.logwise.kafka.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a received request's AWS Signature Version 4 the way the service does, from the request as it arrived on
 * the wire: written from AWS's specification ("Create a signed AWS API request", S3's "Signature Calculations for the
 * Authorization Header"), with no SDK code, so that it also catches an encoding difference between what a client
 * signed and what it sent. s3rver, the S3-compatible test server, does not verify V4 signatures at all.
 */
public final class SigV4Verifier {

    /** S3 canonicalizes the path by encoding it once; other services encode the already encoded path again. */
    public enum PathRule { S3, OTHER_SERVICES }

    /** What arrived: the raw (still encoded) path and query, the headers (any case) and the body. */
    @SuppressWarnings("ArrayRecordComponent") // bytes carried as they came, never compared or hashed
    public record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {

        /** The request of an exchange on a local server, with its body, already read. */
        public static Received of(HttpExchange exchange, byte[] body) {
            return new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 ...} header. */
    public record Authorization(String accessKey, String date, String region, String service,
            List<String> signedHeaders, String signature) {

        private static final Pattern FORMAT = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/"
                + "([^/]+)/aws4_request, ?SignedHeaders=([^, ]+), ?Signature=([0-9a-f]{64})");

        public static Optional<Authorization> parse(String header) {
            Matcher m = FORMAT.matcher(header == null ? "" : header.trim());
            return m.matches() ? Optional.of(new Authorization(m.group(1), m.group(2), m.group(3), m.group(4),
                    List.of(m.group(5).split(";")), m.group(6))) : Optional.empty();
        }

        public String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    private final PathRule pathRule;
    private final Map<String, String> secretKeys;

    /** @param secretKeys the secret access key of each known access key id */
    public SigV4Verifier(PathRule pathRule, Map<String, String> secretKeys) {
        this.pathRule = pathRule;
        this.secretKeys = Map.copyOf(secretKeys);
    }

    /**
     * Why the request is refused, as an S3 error code and message ({@code SignatureDoesNotMatch: ...}); empty when the
     * signature is valid. {@code now} null skips the clock check (requests signed at a fixed time).
     */
    public Optional<String> problem(Received request, Instant now) {
        Optional<Authorization> parsed = Authorization.parse(request.header("Authorization").orElse(null));
        if (parsed.isEmpty()) {
            return Optional.of("AccessDenied: no AWS4-HMAC-SHA256 Authorization header");
        }
        Authorization auth = parsed.get();
        String secret = secretKeys.get(auth.accessKey());
        if (secret == null) {
            return Optional.of("InvalidAccessKeyId: " + auth.accessKey());
        }
        String amzDate = request.header("X-Amz-Date").orElse("");
        if (!amzDate.startsWith(auth.date())) {
            return Optional.of("SignatureDoesNotMatch: X-Amz-Date '" + amzDate + "' is not in the scope's day");
        }
        if (now != null) {
            Instant signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
            if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
                return Optional.of("RequestTimeTooSkewed: signed at " + signedAt + ", now " + now);
            }
        }
        String payloadHash = request.header("x-amz-content-sha256").orElse(hex(sha256(request.body())));
        if (!payloadHash.equals(UNSIGNED) && !payloadHash.startsWith("STREAMING-")
                && !payloadHash.equals(hex(sha256(request.body())))) {
            return Optional.of("XAmzContentSHA256Mismatch: the body does not have the hash " + payloadHash);
        }
        for (String required : List.of("host", "x-amz-date")) {
            if (!auth.signedHeaders().contains(required)) {
                return Optional.of("AccessDenied: the header " + required + " is not signed");
            }
        }
        String canonical = canonicalRequest(request, auth.signedHeaders(), payloadHash);
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + auth.scope() + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        return expected.equals(auth.signature()) ? Optional.empty() : Optional.of("SignatureDoesNotMatch: the "
                + "request signature we calculated does not match; canonical request:\n" + canonical);
    }

    String canonicalRequest(Received request, List<String> signedHeaders, String payloadHash) {
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = new ArrayList<>();
            request.headers().forEach((key, list) -> {
                if (key.equalsIgnoreCase(name)) {
                    list.forEach(value -> values.add(value.trim().replaceAll(" +", " ")));
                }
            });
            headers.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        return request.method() + "\n" + canonicalUri(request.rawPath()) + "\n" + canonicalQuery(request.rawQuery())
                + "\n" + headers + "\n" + String.join(";", signedHeaders) + "\n" + payloadHash;
    }

    private String canonicalUri(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return pathRule == PathRule.S3 ? encode(decode(path), true) : encode(path, true);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = encode(decode(eq < 0 ? pair : pair.substring(0, eq)), false);
            String value = encode(decode(eq < 0 ? "" : pair.substring(eq + 1)), false);
            sorted.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        List<String> parts = new ArrayList<>();
        sorted.forEach((name, values) -> values.stream().sorted().forEach(value -> parts.add(name + "=" + value)));
        return String.join("&", parts);
    }

    private static String encode(String value, boolean keepSlashes) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (unreserved || (keepSlashes && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    /** Percent-decoding only ('+' stays '+': SigV4 clients encode a space as %20). */
    private static String decode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
