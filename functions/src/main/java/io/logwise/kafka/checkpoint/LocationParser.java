package io.logwise.kafka.checkpoint;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules of {@link CheckpointLocation#parse}. */
final class LocationParser {

    static final String EXPECTED = "expected s3://bucket/prefix, file:///path or an absolute path";
    // Bucket names as S3 accepts them: 3 to 63 lower-case letters, digits, dots and hyphens.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    private LocationParser() {
    }

    static String schemeOf(String text) {
        int end = text.indexOf("://");
        if (end > 0 && SCHEME.matcher(text.substring(0, end)).matches()) {
            return text.substring(0, end).toLowerCase(Locale.ROOT);
        }
        return text.regionMatches(true, 0, "file:", 0, 5) ? "file" : "";
    }

    static CheckpointLocation.S3 s3(String text, String scheme) {
        String rest = text.substring(scheme.length() + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("'" + text + "' has no valid bucket name after " + scheme
                    + ":// (3 to 63 lower-case letters, digits, dots or hyphens)");
        }
        String prefix = slash < 0 ? "" : stripSlashes(rest.substring(slash + 1));
        if (prefix.contains("//") || text.indexOf('?') >= 0 || text.indexOf('#') >= 0) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a plain s3://bucket/prefix (no query, fragment or empty path segment)");
        }
        return new CheckpointLocation.S3(bucket, prefix);
    }

    static CheckpointLocation.Local local(String text, String scheme) {
        Path path;
        try {
            path = scheme.isEmpty() ? Path.of(text) : Path.of(URI.create(text));
        } catch (IllegalArgumentException e) { // also InvalidPathException
            throw new IllegalArgumentException("'" + text + "' is not a valid file URI or path: "
                    + e.getMessage());
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("'" + text + "' is a relative path; give an absolute path");
        }
        return new CheckpointLocation.Local(path.normalize());
    }

    private static String stripSlashes(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == '/') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == '/') {
            end--;
        }
        return value.substring(start, end);
    }
}
