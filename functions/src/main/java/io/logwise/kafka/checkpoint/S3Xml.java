package io.logwise.kafka.checkpoint;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The two XML documents the checkpoint store reads from S3, parsed with {@link XmlTree}. */
final class S3Xml {

    /** One ListObjectsV2 page: the objects, and the token of the next page when the listing is truncated. */
    record ListPage(List<StoredObject> objects, Optional<String> nextContinuationToken) {
    }

    /** An object of a listing; lastModified is null when the store does not say. */
    record StoredObject(String key, long size, Instant lastModified) {
    }

    /** An S3 error document's {@code Code} and {@code Message} (either may be empty). */
    record Error(String code, String message) {
    }

    private S3Xml() {
    }

    /** A {@code ListBucketResult}: every {@code Contents} entry, {@code IsTruncated} and {@code NextContinuationToken}. */
    static ListPage listPage(byte[] xml) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        boolean truncated = false;
        String token = null;
        try {
            for (XmlTree.Element child : root(xml, "ListBucketResult").children()) {
                switch (child.name()) {
                    case "Contents" -> objects.add(storedObject(child));
                    case "IsTruncated" -> truncated = Boolean.parseBoolean(child.elementText().trim());
                    case "NextContinuationToken" -> token = child.elementText();
                    default -> {
                        // not used
                    }
                }
            }
        } catch (XmlTree.MalformedXmlException | NumberFormatException | DateTimeParseException e) {
            throw new IOException("S3 sent a listing that is not a readable ListBucketResult: " + e.getMessage(), e);
        }
        if (truncated && (token == null || token.isEmpty())) {
            throw new IOException("S3 sent a truncated listing without a continuation token");
        }
        return new ListPage(objects, truncated ? Optional.of(token) : Optional.empty());
    }

    /** The error document of a failed request; empty when the body is not one (e.g. no body at all). */
    static Optional<Error> error(byte[] xml) {
        if (xml.length == 0) {
            return Optional.empty();
        }
        String code = "";
        String message = "";
        try {
            for (XmlTree.Element child : root(xml, "Error").children()) {
                switch (child.name()) {
                    case "Code" -> code = child.elementText().trim();
                    case "Message" -> message = child.elementText().trim();
                    default -> {
                        // not used
                    }
                }
            }
        } catch (XmlTree.MalformedXmlException e) {
            return Optional.empty();
        }
        return Optional.of(new Error(code, message));
    }

    private static StoredObject storedObject(XmlTree.Element contents) throws XmlTree.MalformedXmlException {
        String key = null;
        long size = 0;
        Instant lastModified = null;
        for (XmlTree.Element child : contents.children()) {
            switch (child.name()) {
                case "Key" -> key = child.elementText();
                case "Size" -> size = Long.parseLong(child.elementText().trim());
                case "LastModified" -> lastModified = Instant.parse(child.elementText().trim());
                default -> {
                    // not used
                }
            }
        }
        if (key == null) {
            throw new XmlTree.MalformedXmlException("a Contents entry without a Key");
        }
        return new StoredObject(key, size, lastModified);
    }

    private static XmlTree.Element root(byte[] xml, String name) throws XmlTree.MalformedXmlException {
        XmlTree.Element root = XmlTree.parse(xml);
        if (!root.name().equals(name)) {
            throw new XmlTree.MalformedXmlException("expected <" + name + ">");
        }
        return root;
    }
}
