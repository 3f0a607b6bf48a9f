package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionSettingsTest {

    @Test
    void defaults() {
        RetentionSettings settings = RetentionSettings.fromEnv(Map.of());

        assertEquals(Duration.ofHours(1), settings.floor());
        assertEquals(Duration.ofDays(90), settings.maximum());
        assertEquals(Duration.ofMinutes(15), settings.unreadMargin());
        assertEquals(Duration.ofDays(7), settings.protectionCap());
        assertEquals(0, new BigDecimal("2").compareTo(settings.protectionFactor()));
        assertEquals(0, new BigDecimal("0.5").compareTo(settings.atRiskShare()));
        assertEquals(0, new BigDecimal("0.25").compareTo(settings.caughtUpShare()));
        assertEquals(OptionalLong.empty(), settings.diskBudgetBytes());
        assertEquals(0, new BigDecimal("0.8").compareTo(settings.diskWarnShare()));
    }

    @Test
    void everyVariableOverridesItsDefault() {
        RetentionSettings settings = RetentionSettings.fromEnv(Map.of(
                "RETENTION_FLOOR", "30m",
                "RETENTION_MAXIMUM", "30d",
                "RETENTION_UNREAD_MARGIN", "5m",
                "RETENTION_PROTECTION_CAP", "3d",
                "RETENTION_PROTECTION_FACTOR", "1.5",
                "RETENTION_AT_RISK_SHARE", "0.7",
                "RETENTION_CAUGHT_UP_SHARE", "0.1",
                "RETENTION_DISK_BUDGET_BYTES", "500GiB",
                "RETENTION_DISK_WARN_SHARE", "0.9"));

        assertEquals(Duration.ofMinutes(30), settings.floor());
        assertEquals(Duration.ofDays(30), settings.maximum());
        assertEquals(Duration.ofMinutes(5), settings.unreadMargin());
        assertEquals(Duration.ofDays(3), settings.protectionCap());
        assertEquals(0, new BigDecimal("1.5").compareTo(settings.protectionFactor()));
        assertEquals(0, new BigDecimal("0.7").compareTo(settings.atRiskShare()));
        assertEquals(0, new BigDecimal("0.1").compareTo(settings.caughtUpShare()));
        assertEquals(OptionalLong.of(500L << 30), settings.diskBudgetBytes());
        assertEquals(0, new BigDecimal("0.9").compareTo(settings.diskWarnShare()));
    }

    @ParameterizedTest(name = "{0}={1} -> {2} bytes")
    @CsvSource({
        "1073741824, 1073741824",
        "1GiB,       1073741824",
        "2 TiB,      2199023255552",
        "512MiB,     536870912",
    })
    void diskBudgetTakesBytesOrBinaryUnits(String text, long expected) {
        assertEquals(OptionalLong.of(expected),
                RetentionSettings.fromEnv(Map.of("RETENTION_DISK_BUDGET_BYTES", text)).diskBudgetBytes());
    }

    @Test
    void blankValuesCountAsUnset() {
        assertEquals(RetentionSettings.defaults(),
                RetentionSettings.fromEnv(Map.of("RETENTION_FLOOR", " ", "RETENTION_DISK_BUDGET_BYTES", "")));
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "RETENTION_FLOOR             | 0h     | RETENTION_FLOOR: must be positive",
        "RETENTION_FLOOR             | 1 hour | RETENTION_FLOOR: unknown unit 'hour'",
        "RETENTION_MAXIMUM           | 30m    | RETENTION_MAXIMUM: 30m must be above RETENTION_FLOOR (1h)",
        "RETENTION_UNREAD_MARGIN     | -5m    | RETENTION_UNREAD_MARGIN: must be positive",
        "RETENTION_PROTECTION_CAP    | 91d    | RETENTION_PROTECTION_CAP: 91d must not exceed RETENTION_MAXIMUM (90d)",
        "RETENTION_PROTECTION_CAP    | 30m    | RETENTION_PROTECTION_CAP: 30m must not be below RETENTION_FLOOR (1h)",
        "RETENTION_PROTECTION_FACTOR | 0.5    | RETENTION_PROTECTION_FACTOR: must be between 1 and 100",
        "RETENTION_PROTECTION_FACTOR | two    | RETENTION_PROTECTION_FACTOR: not a number: 'two'",
        "RETENTION_AT_RISK_SHARE     | 0      | RETENTION_AT_RISK_SHARE: must be above 0",
        "RETENTION_AT_RISK_SHARE     | 1.5    | RETENTION_AT_RISK_SHARE: must be between 0 and 1",
        "RETENTION_AT_RISK_SHARE     | 0.2    | RETENTION_CAUGHT_UP_SHARE: 0.25 must be below RETENTION_AT_RISK_SHARE",
        "RETENTION_CAUGHT_UP_SHARE   | 0.5    | RETENTION_CAUGHT_UP_SHARE: 0.5 must be below RETENTION_AT_RISK_SHARE",
        "RETENTION_DISK_BUDGET_BYTES | 0      | RETENTION_DISK_BUDGET_BYTES: must be positive",
        "RETENTION_DISK_BUDGET_BYTES | 500GB  | RETENTION_DISK_BUDGET_BYTES: unknown unit 'GB'",
        "RETENTION_DISK_BUDGET_BYTES | lots   | RETENTION_DISK_BUDGET_BYTES: not a byte count",
        "RETENTION_DISK_BUDGET_BYTES | 99999999TiB | RETENTION_DISK_BUDGET_BYTES: '99999999TiB' is too large",
        "RETENTION_DISK_WARN_SHARE   | 80%    | RETENTION_DISK_WARN_SHARE: not a number",
    })
    void badValuesNameTheVariable(String name, String value, String expected) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RetentionSettings.fromEnv(Map.of(name, value)));

        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void allBadVariablesAreReportedAtOnce() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RetentionSettings.fromEnv(Map.of("RETENTION_FLOOR", "soon", "RETENTION_DISK_WARN_SHARE", "2")));

        assertTrue(error.getMessage().contains("RETENTION_FLOOR: 'soon' is not a duration"), error.getMessage());
        assertTrue(error.getMessage().contains("RETENTION_DISK_WARN_SHARE: must be between 0 and 1"),
                error.getMessage());
    }
}
