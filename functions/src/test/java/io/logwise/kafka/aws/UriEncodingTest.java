package io.logwise.kafka.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriEncodingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "offsets/12           | offsets%2F12           | offsets/12",
        "a b+c=d&e            | a%20b%2Bc%3Dd%26e      | a%20b%2Bc%3Dd%26e",
        "AZaz09-_.~           | AZaz09-_.~             | AZaz09-_.~",
        "caf\u00e9/\u2603     | caf%C3%A9%2F%E2%98%83  | caf%C3%A9/%E2%98%83",
        "100%*!'()            | 100%25%2A%21%27%28%29  | 100%25%2A%21%27%28%29",
    })
    void encodesAsSigV4Requires(String raw, String component, String path) {
        assertEquals(component, UriEncoding.component(raw.strip()));
        assertEquals(path, UriEncoding.path(raw.strip()));
    }

    @Test
    void queryKeepsTheGivenOrder() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("list-type", "2");
        query.put("prefix", "jobs/a b/offsets/");
        query.put("continuation-token", "1/2+3=");
        assertEquals("list-type=2&prefix=jobs%2Fa%20b%2Foffsets%2F&continuation-token=1%2F2%2B3%3D",
                UriEncoding.query(query));
    }

    @Test
    void decodingTheEncodingGivesTheTextBack() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(text -> {
            String wellFormed = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            // URLDecoder reads '+' as a space, which the encoding never produces: a '+' is %2B.
            assertEquals(wellFormed, URLDecoder.decode(UriEncoding.component(wellFormed), StandardCharsets.UTF_8));
            assertEquals(wellFormed, URLDecoder.decode(UriEncoding.path(wellFormed), StandardCharsets.UTF_8));
        });
    }
}
