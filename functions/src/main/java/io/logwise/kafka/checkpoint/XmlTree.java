package io.logwise.kafka.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small XML reader for the documents S3 answers with (ListBucketResult, Error): elements, attributes (skipped),
 * text, the five predefined entities, character references, CDATA sections, comments and processing instructions.
 * It refuses a DOCTYPE, so no entity is ever defined or resolved. It replaces the JDK's StAX reader, which loads about
 * 80 classes (about 0.7 MB of Metaspace) that a 256 MB function does not have room for beside the Kafka client.
 */
final class XmlTree {

    /** An element: its local name (without a namespace prefix), its child elements and its own text. */
    record Element(String name, List<Element> children, String text) {

        /** The text of an element without children (as StAX's getElementText); throws when it has some. */
        String elementText() throws MalformedXmlException {
            if (!children.isEmpty()) {
                throw new MalformedXmlException("<" + name + "> has child elements where text was expected");
            }
            return text;
        }
    }

    /** The document is not well-formed XML, or uses what this reader refuses (a DOCTYPE). */
    static final class MalformedXmlException extends Exception {

        MalformedXmlException(String message) {
            super(message);
        }
    }

    private final String xml;
    private int at;

    private XmlTree(String xml) {
        this.xml = xml;
    }

    /** The root element of a UTF-8 document. */
    static Element parse(byte[] document) throws MalformedXmlException {
        XmlTree reader = new XmlTree(new String(document, StandardCharsets.UTF_8));
        reader.skipMisc();
        if (!reader.startsWith("<")) {
            throw new MalformedXmlException(reader.xml.isEmpty() ? "an empty document" : "no root element");
        }
        Element root = reader.element();
        reader.skipMisc();
        if (reader.at < reader.xml.length()) {
            throw new MalformedXmlException("content after the root element at offset " + reader.at);
        }
        return root;
    }

    /** Whitespace, comments and processing instructions (the XML declaration among them) around the root. */
    private void skipMisc() throws MalformedXmlException {
        while (true) {
            while (at < xml.length() && Character.isWhitespace(xml.charAt(at))) {
                at++;
            }
            if (startsWith("<?")) {
                at = endOf("?>");
            } else if (startsWith("<!--")) {
                at = endOf("-->");
            } else if (startsWith("<!")) {
                throw new MalformedXmlException("a DOCTYPE or other declaration, which is not accepted");
            } else {
                return;
            }
        }
    }

    /** An element, {@code at} on its {@code <}. */
    private Element element() throws MalformedXmlException {
        at++;
        String qualified = name();
        boolean empty = false;
        while (true) {   // attributes: namespace declarations, nothing S3's documents carry meaning in
            if (at >= xml.length()) {
                throw new MalformedXmlException("the document ends inside <" + qualified + ">");
            }
            char c = xml.charAt(at);
            if (c == '>') {
                at++;
                break;
            }
            if (c == '/' && startsWith("/>")) {
                at += 2;
                empty = true;
                break;
            }
            if (c == '"' || c == '\'') {
                int close = xml.indexOf(c, at + 1);
                if (close < 0) {
                    throw new MalformedXmlException("an unclosed attribute value in <" + qualified + ">");
                }
                at = close + 1;
            } else if (c == '<') {
                throw new MalformedXmlException("'<' inside the tag <" + qualified + ">");
            } else {
                at++;
            }
        }
        String local = qualified.substring(qualified.indexOf(':') + 1);
        List<Element> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (!empty) {
            if (at >= xml.length()) {
                throw new MalformedXmlException("the document ends inside <" + qualified + ">");
            }
            if (startsWith("</")) {
                at += 2;
                String closing = name();
                skipWhitespace();
                if (!closing.equals(qualified) || !startsWith(">")) {
                    throw new MalformedXmlException("</" + closing + "> closes <" + qualified + ">");
                }
                at++;
                break;
            } else if (startsWith("<![CDATA[")) {
                int end = endOf("]]>");
                text.append(xml, at + "<![CDATA[".length(), end - "]]>".length());
                at = end;
            } else if (startsWith("<!--")) {
                at = endOf("-->");
            } else if (startsWith("<?")) {
                at = endOf("?>");
            } else if (startsWith("<!")) {
                throw new MalformedXmlException("a declaration inside <" + qualified + ">");
            } else if (startsWith("<")) {
                children.add(element());
            } else if (xml.charAt(at) == '&') {
                text.append(reference());
            } else if (xml.charAt(at) == '\r') {   // XML end-of-line handling: CR LF and a lone CR read as LF
                text.append('\n');
                at += startsWith("\r\n") ? 2 : 1;
            } else {
                text.append(xml.charAt(at++));
            }
        }
        return new Element(local, children, text.toString());
    }

    private String name() throws MalformedXmlException {
        int start = at;
        while (at < xml.length() && isNameChar(xml.charAt(at))) {
            at++;
        }
        if (at == start) {
            throw new MalformedXmlException("a tag without a name at offset " + start);
        }
        return xml.substring(start, at);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '-' || c == '.';
    }

    /** A predefined entity or a character reference, {@code at} on its {@code &}. */
    private String reference() throws MalformedXmlException {
        int semicolon = xml.indexOf(';', at);
        if (semicolon < 0 || semicolon - at > 12) {
            throw new MalformedXmlException("an unterminated reference at offset " + at);
        }
        String name = xml.substring(at + 1, semicolon);
        at = semicolon + 1;
        switch (name) {
            case "lt": return "<";
            case "gt": return ">";
            case "amp": return "&";
            case "quot": return "\"";
            case "apos": return "'";
            default:
                try {
                    if (name.startsWith("#x")) {
                        return Character.toString(Integer.parseInt(name.substring(2), 16));
                    }
                    if (name.startsWith("#")) {
                        return Character.toString(Integer.parseInt(name.substring(1)));
                    }
                } catch (IllegalArgumentException e) {
                    throw new MalformedXmlException("an invalid character reference &" + name + ";");
                }
                throw new MalformedXmlException("an undefined entity &" + name + ";");
        }
    }

    private void skipWhitespace() {
        while (at < xml.length() && Character.isWhitespace(xml.charAt(at))) {
            at++;
        }
    }

    private boolean startsWith(String prefix) {
        return xml.startsWith(prefix, at);
    }

    /** The offset just after the next {@code terminator}. */
    private int endOf(String terminator) throws MalformedXmlException {
        int end = xml.indexOf(terminator, at);
        if (end < 0) {
            throw new MalformedXmlException("the document ends before '" + terminator + "'");
        }
        return end + terminator.length();
    }
}
