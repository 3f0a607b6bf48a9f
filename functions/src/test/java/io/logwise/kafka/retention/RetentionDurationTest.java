package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.time.HumanDuration;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionDurationTest {

    @ParameterizedTest(name = "''{0}'' = {1} ms")
    @CsvSource({
        "30s,          30000",
        "90m,        5400000",
        "24h,       86400000",
        "7d,       604800000",
        "7D,       604800000",
        "' 7d ',   604800000",
        "7 d,      604800000",
        "+5h,       18000000",
        "106751991167d, 9223372036828800000", // the largest whole number of days that fits retention.ms
    })
    void parsesWholeNumbersWithOneUnit(String text, long expectedMillis) {
        assertEquals(expectedMillis, RetentionDuration.parse("retention", text).toMillis());
    }

    @ParameterizedTest(name = "{0} ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
        "retention | ''                     | a duration is required",
        "for       | '   '                  | a duration is required",
        "retention | 24      | '24' has no unit; write e.g. 24h, 24m or 24d (plain milliseconds go in retentionMs)",
        "for       | 24                     | '24' has no unit; write e.g. 24h, 24m or 24d",
        "retention | -1h                    | must be positive, got '-1h'",
        "retention | -1                     | must be positive",
        "retention | 0h                     | must be positive, got '0h'",
        "retention | 0d                     | must be positive",
        "retention | 1.5h                   | '1.5h' is not a duration",
        "retention | 1h30m                  | '1h30m' is not a duration",
        "retention | 1w                     | unknown unit 'w' in '1w'; use s, m, h or d",
        "retention | 10ms                   | unknown unit 'ms'",
        "retention | week                   | 'week' is not a duration",
        "retention | 99999999999999999999d  | is too large",
        "retention | 9223372036854775807d   | is too large",
        "retention | 106751991168d          | is too large",
    })
    void refusesWithTheFieldNamed(String field, String text, String expected) {
        InvalidFieldException error = assertThrows(InvalidFieldException.class,
                () -> RetentionDuration.parse(field, text));

        assertEquals(field, error.error().field());
        assertTrue(error.error().message().contains(expected), error.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1} -> back")
    @CsvSource({"90m, 1h30m", "24h, 1d", "7d, 7d", "30s, 30s", "36h, 1d12h"})
    void aParsedDurationIsWrittenWithTheSameLength(String text, String formatted) {
        Duration parsed = RetentionDuration.parse("retention", text);
        assertEquals(formatted, HumanDuration.format(parsed));
    }
}
