package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3XmlTest {

    private static byte[] xml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheObjectsOfATruncatedPageAndItsToken() throws IOException {
        // The shape of S3's documented ListObjectsV2 response, with the elements this store does not use.
        S3Xml.ListPage page = S3Xml.listPage(xml("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Name>ckpt</Name><Prefix>jobs/a/offsets/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
                  <Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>
                  <Contents><Key>jobs/a/offsets/10</Key><LastModified>2026-11-25T10:00:01.000Z</LastModified>
                    <ETag>"9b2cf535f27731c974343645a3985328"</ETag><ChecksumAlgorithm>CRC64NVME</ChecksumAlgorithm>
                    <Size>417</Size><Owner><ID>abc</ID></Owner><StorageClass>STANDARD</StorageClass></Contents>
                  <Contents><Key>jobs/a/offsets/.10.crc</Key><LastModified>2026-11-25T10:00:02Z</LastModified>
                    <Size>12</Size></Contents>
                  <CommonPrefixes><Prefix>jobs/a/offsets/sub/</Prefix></CommonPrefixes>
                  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
                </ListBucketResult>"""));

        assertEquals(List.of(
                new S3Xml.StoredObject("jobs/a/offsets/10", 417, Instant.parse("2026-11-25T10:00:01Z")),
                new S3Xml.StoredObject("jobs/a/offsets/.10.crc", 12, Instant.parse("2026-11-25T10:00:02Z"))),
                page.objects());
        assertEquals(Optional.of("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="), page.nextContinuationToken());
    }

    @Test
    void theLastPageHasNoToken() throws IOException {
        S3Xml.ListPage page = S3Xml.listPage(xml("<ListBucketResult><IsTruncated>false</IsTruncated>"
                + "<KeyCount>0</KeyCount></ListBucketResult>"));
        assertEquals(List.of(), page.objects());
        assertEquals(Optional.empty(), page.nextContinuationToken());
    }

    @Test
    void keysKeepTheirCharactersAndEntities() throws IOException {
        S3Xml.ListPage page = S3Xml.listPage(xml("<ListBucketResult><Contents><Key>a &amp; b/caf\u00e9 &lt;1&gt;</Key>"
                + "<Size>1</Size></Contents></ListBucketResult>"));
        assertEquals(new S3Xml.StoredObject("a & b/caf\u00e9 <1>", 1, null), page.objects().get(0));
    }

    @Test
    void refusesWhatIsNotAListing() {
        for (String body : List.of("", "not xml", "<Error><Code>AccessDenied</Code></Error>",
                "<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>",
                "<ListBucketResult><Contents><Key>k</Key><Size>big</Size></Contents></ListBucketResult>",
                "<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>",
                "<ListBucketResult><Contents><Key>k</Key>")) {
            IOException e = assertThrows(IOException.class, () -> S3Xml.listPage(xml(body)), body);
            assertTrue(e.getMessage().startsWith("S3 sent a"), e.getMessage());
        }
    }

    @Test
    void doesNotResolveExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<ListBucketResult><Contents><Key>&x;</Key><Size>1</Size></Contents></ListBucketResult>";
        assertThrows(IOException.class, () -> S3Xml.listPage(xml(xxe)));
    }

    @Test
    void readsErrorDocuments() {
        assertEquals(Optional.of(new S3Xml.Error("NoSuchBucket", "The specified bucket does not exist")),
                S3Xml.error(xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code>"
                        + "<Message>The specified bucket does not exist</Message><BucketName>b</BucketName>"
                        + "<RequestId>4442587FB7D0A2F9</RequestId></Error>")));
        assertEquals(Optional.empty(), S3Xml.error(new byte[0]));
        assertEquals(Optional.empty(), S3Xml.error(xml("<html>Bad Gateway</html>")));
    }
}
