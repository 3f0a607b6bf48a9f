package io.logwise.kafka.aws;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Percent-encoding as SigV4 defines it (RFC 3986): every byte of the UTF-8 form except the unreserved characters
 * {@code A-Z a-z 0-9 - _ . ~} becomes {@code %XY} with upper-case hex digits; a space is {@code %20}, never {@code +}.
 */
public final class UriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /** One query parameter name or value, or one path segment. */
    public static String component(String value) {
        return encode(value, false);
    }

    /** An S3 object key as a path: each segment encoded, the slashes kept. */
    public static String path(String value) {
        return encode(value, true);
    }

    /** {@code name=value&...} in the given order. */
    public static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> component(entry.getKey()) + "=" + component(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value, boolean keepSlashes) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (unreserved(c) || (keepSlashes && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean unreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
