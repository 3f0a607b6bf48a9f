package io.logwise.kafka.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The two XML documents the checkpoint store reads from S3, parsed with the JDK's StAX reader. */
final class S3Xml {

    /** One ListObjectsV2 page: the objects, and the token of the next page when the listing is truncated. */
    record ListPage(List<StoredObject> objects, Optional<String> nextContinuationToken) {
    }

    /** An object of a listing; lastModified is null when the store does not say. */
    record StoredObject(String key, long size, Instant lastModified) {
    }

    /** An S3 error document's {@code Code} and {@code Message} (either may be empty). */
    // Named after S3's <Error> document; package-private and used as S3Xml.Error, java.lang.Error is not used here.
    @SuppressWarnings("JavaLangClash")
    record Error(String code, String message) {
    }

    private S3Xml() {
    }

    /**
     * A {@code ListBucketResult}: every {@code Contents} entry, {@code IsTruncated} and
     * {@code NextContinuationToken}.
     */
    static ListPage listPage(byte[] xml) throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        boolean truncated = false;
        String token = null;
        try {
            XMLStreamReader reader = secureFactory().createXMLStreamReader(new ByteArrayInputStream(xml));
            requireRoot(reader, "ListBucketResult");
            while (nextChild(reader)) {
                switch (reader.getLocalName()) {
                    case "Contents" -> objects.add(storedObject(reader));
                    case "IsTruncated" -> truncated = Boolean.parseBoolean(reader.getElementText().trim());
                    case "NextContinuationToken" -> token = reader.getElementText();
                    default -> skip(reader);
                }
            }
        } catch (XMLStreamException | NumberFormatException | DateTimeParseException e) {
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
            XMLStreamReader reader = secureFactory().createXMLStreamReader(new ByteArrayInputStream(xml));
            requireRoot(reader, "Error");
            while (nextChild(reader)) {
                switch (reader.getLocalName()) {
                    case "Code" -> code = reader.getElementText().trim();
                    case "Message" -> message = reader.getElementText().trim();
                    default -> skip(reader);
                }
            }
        } catch (XMLStreamException e) {
            return Optional.empty();
        }
        return Optional.of(new Error(code, message));
    }

    private static StoredObject storedObject(XMLStreamReader reader) throws XMLStreamException {
        String key = null;
        long size = 0;
        Instant lastModified = null;
        while (nextChild(reader)) {
            switch (reader.getLocalName()) {
                case "Key" -> key = reader.getElementText();
                case "Size" -> size = Long.parseLong(reader.getElementText().trim());
                case "LastModified" -> lastModified = Instant.parse(reader.getElementText().trim());
                default -> skip(reader);
            }
        }
        if (key == null) {
            throw new XMLStreamException("a Contents entry without a Key");
        }
        return new StoredObject(key, size, lastModified);
    }

    private static void requireRoot(XMLStreamReader reader, String name) throws XMLStreamException {
        while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
            // prolog, comments, whitespace
        }
        if (!reader.isStartElement() || !reader.getLocalName().equals(name)) {
            throw new XMLStreamException("expected <" + name + ">");
        }
    }

    /** Moves to the next child element of the current element; false at the current element's end. */
    private static boolean nextChild(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        throw new XMLStreamException("the document ends inside an element");
    }

    /** Skips the current element with everything inside it. */
    private static void skip(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** No DTDs and no external entities: the documents come over the network. One per document: factories are not
     *  guaranteed to be thread-safe, and checkpoints are read in parallel. */
    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}
