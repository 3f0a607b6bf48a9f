package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XmlTreeTest {

    private static XmlTree.Element parse(String xml) throws XmlTree.MalformedXmlException {
        return XmlTree.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsElementsTextAndLocalNames() throws Exception {
        XmlTree.Element root = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- a comment -->
                <s3:R xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/" a='x>y'><s3:A>one</s3:A><B/><C> two </C></s3:R>
                """);
        assertEquals("R", root.name());
        assertEquals(List.of("A", "B", "C"), root.children().stream().map(XmlTree.Element::name).toList());
        assertEquals("one", root.children().get(0).elementText());
        assertEquals("", root.children().get(1).elementText());
        assertEquals(" two ", root.children().get(2).elementText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<K>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</K> | a & b <c> \"d\" 'e'",
            "<K>&#233;&#x1F600;</K>                                   | \u00e9\ud83d\ude00",
            "<K><![CDATA[<not> &amp; a tag]]></K>                     | <not> &amp; a tag",
            "<K>a<!-- gone -->b</K>                                   | ab",
            "<K>caf\u00e9</K>                                         | caf\u00e9"})
    void decodesText(String xml, String text) throws Exception {
        assertEquals(text, parse(xml).elementText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''",
            "not xml",
            "<A>",
            "<A></B>",
            "<A><B></A>",
            "<A>&x;</A>",
            "<A>&#xZZ;</A>",
            "<A>&amp</A>",
            "<A></A><B/>",
            "<A b=\"1></A>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><A>&x;</A>",
            "<A><!DOCTYPE r></A>"})
    void refusesMalformedDocumentsAndDeclarations(String xml) {
        assertThrows(XmlTree.MalformedXmlException.class, () -> parse(xml));
    }

    @Test
    void elementTextOfAnElementWithChildrenFails() throws Exception {
        XmlTree.Element root = parse("<A><B>x</B></A>");
        assertThrows(XmlTree.MalformedXmlException.class, root::elementText);
    }

    @Test
    void readsTheSameTextAsTheJdkStaxReader() {
        qt().withExamples(300).forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(raw -> {
            // XML 1.0 characters only, as S3 escapes every key it lists
            String key = raw.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            String xml = "<R><Key>" + escape(key) + "</Key></R>";
            try {
                assertEquals(stax(xml), parse(xml).children().get(0).elementText());
            } catch (Exception e) {
                throw new AssertionError(xml, e);
            }
        });
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#xD;");
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String stax(String xml) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader reader = factory.createXMLStreamReader(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        while (reader.next() != XMLStreamConstants.START_ELEMENT || !reader.getLocalName().equals("Key")) {
            // to <Key>
        }
        return reader.getElementText();
    }
}
