package io.logwise.kafka.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest(name = "{0} ms is {1}")
    @CsvSource(textBlock = """
            0,             0s
            1,             0.001s
            250,           0.25s
            1500,          1.5s
            9460,          9.5s
            14130,         14s
            45000,         45s
            59499,         59s
            59999,         1m
            60000,         1m
            60400,         1m
            60500,         1m1s
            1012000,       16m52s
            1012345,       16m52s
            3599600,       1h
            3600000,       1h
            18720000,      5h12m
            86400000,      1d
            129600000,     1d12h
            604800000,     7d
            604801000,     7d1s
            -1500,         -1.5s
            -90000,        -1m30s
            """)
    void writesHumanUnitsNeverRawMilliseconds(long millis, String expected) {
        assertEquals(expected, HumanDuration.formatMillis(millis));
        assertEquals(expected, HumanDuration.format(Duration.ofMillis(millis)));
    }

    @ParameterizedTest(name = "retention.ms {0} is {1}")
    @CsvSource(textBlock = """
            -1,          unlimited
            -2,          unlimited
            0,           0s
            1500,        1.5s
            86400000,    1d
            1012000,     16m52s
            """)
    void retentionMsTreatsKafkasMinusOneAsUnlimited(long millis, String expected) {
        assertEquals(expected, HumanDuration.retentionMs(millis));
    }

    @ParameterizedTest(name = "{0} ns is {1}")
    @CsvSource(textBlock = """
            1500000,      0.0015s
            1,            0.000000001s
            """)
    void keepsTheFractionOfAShortDuration(long nanos, String expected) {
        assertEquals(expected, HumanDuration.format(Duration.ofNanos(nanos)));
    }
}
