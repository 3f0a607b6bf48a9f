package io.logwise.kafka.retention;

import io.logwise.kafka.time.HumanDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Limits for retention changes, read from environment variables (blank counts as unset).
 *
 * @param floor               RETENTION_FLOOR: lowering below it is refused unless forced
 * @param maximum             RETENTION_MAXIMUM: requests (and temporary spans) above it are refused as absurd
 * @param unreadMargin        RETENTION_UNREAD_MARGIN: kept beyond the oldest unread record when lowering
 * @param protectionCap       RETENTION_PROTECTION_CAP: protection never extends beyond it
 * @param protectionFactor    RETENTION_PROTECTION_FACTOR: protection extends to time lag x factor + margin
 * @param atRiskShare         RETENTION_AT_RISK_SHARE: time lag above this share of retention counts as at risk
 * @param caughtUpShare       RETENTION_CAUGHT_UP_SHARE: protection reverts once time lag is below this share of the
 *                            original retention (below atRiskShare, so it does not flap)
 * @param diskBudgetBytes     RETENTION_DISK_BUDGET_BYTES: per-topic estimate above which a raise is refused; unset
 *                            means no budget
 * @param diskWarnShare       RETENTION_DISK_WARN_SHARE: estimate above this share of the budget gives a warning
 * @param scanMaxAge          RETENTION_SCAN_MAX_AGE: a lag scan result older than this is not used at all
 * @param clockSkew           RETENTION_CLOCK_SKEW: how far in the future a scan or state record may be dated before
 *                            it is rejected
 */
public record RetentionSettings(
        Duration floor,
        Duration maximum,
        Duration unreadMargin,
        Duration protectionCap,
        BigDecimal protectionFactor,
        BigDecimal atRiskShare,
        BigDecimal caughtUpShare,
        OptionalLong diskBudgetBytes,
        BigDecimal diskWarnShare,
        Duration scanMaxAge,
        Duration clockSkew) {

    public static final String FLOOR = "RETENTION_FLOOR";
    public static final String MAXIMUM = "RETENTION_MAXIMUM";
    public static final String UNREAD_MARGIN = "RETENTION_UNREAD_MARGIN";
    public static final String PROTECTION_CAP = "RETENTION_PROTECTION_CAP";
    public static final String PROTECTION_FACTOR = "RETENTION_PROTECTION_FACTOR";
    public static final String AT_RISK_SHARE = "RETENTION_AT_RISK_SHARE";
    public static final String CAUGHT_UP_SHARE = "RETENTION_CAUGHT_UP_SHARE";
    public static final String DISK_BUDGET_BYTES = "RETENTION_DISK_BUDGET_BYTES";
    public static final String DISK_WARN_SHARE = "RETENTION_DISK_WARN_SHARE";
    public static final String SCAN_MAX_AGE = "RETENTION_SCAN_MAX_AGE";
    public static final String CLOCK_SKEW = "RETENTION_CLOCK_SKEW";

    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");

    public static RetentionSettings defaults() {
        return fromEnv(Map.of());
    }

    /** Reads every setting, reporting all bad ones at once, each with its variable name. */
    public static RetentionSettings fromEnv(Map<String, String> env) {
        List<String> errors = new ArrayList<>();
        Reader read = new Reader(env, errors);
        Duration floor = read.value(FLOOR, "1h", text -> RetentionDuration.parse(FLOOR, text));
        Duration maximum = read.value(MAXIMUM, "90d", text -> RetentionDuration.parse(MAXIMUM, text));
        Duration margin = read.value(UNREAD_MARGIN, "15m", text -> RetentionDuration.parse(UNREAD_MARGIN, text));
        Duration cap = read.value(PROTECTION_CAP, "7d", text -> RetentionDuration.parse(PROTECTION_CAP, text));
        BigDecimal factor = read.value(PROTECTION_FACTOR, "2", text -> decimal(PROTECTION_FACTOR, text, "1", "100"));
        BigDecimal atRisk = read.value(AT_RISK_SHARE, "0.5", text -> share(AT_RISK_SHARE, text));
        BigDecimal caughtUp = read.value(CAUGHT_UP_SHARE, "0.25", text -> share(CAUGHT_UP_SHARE, text));
        OptionalLong budget = read.value(DISK_BUDGET_BYTES, "", RetentionSettings::budget);
        BigDecimal warn = read.value(DISK_WARN_SHARE, "0.8", text -> share(DISK_WARN_SHARE, text));
        Duration scanMaxAge = read.value(SCAN_MAX_AGE, "5m", text -> RetentionDuration.parse(SCAN_MAX_AGE, text));
        Duration skew = read.value(CLOCK_SKEW, "2m", text -> RetentionDuration.parse(CLOCK_SKEW, text));

        if (floor != null && maximum != null && floor.compareTo(maximum) >= 0) {
            errors.add(MAXIMUM + ": " + HumanDuration.format(maximum) + " must be above " + FLOOR + " ("
                    + HumanDuration.format(floor) + ")");
        }
        if (cap != null && maximum != null && cap.compareTo(maximum) > 0) {
            errors.add(PROTECTION_CAP + ": " + HumanDuration.format(cap) + " must not exceed " + MAXIMUM + " ("
                    + HumanDuration.format(maximum) + ")");
        }
        if (cap != null && floor != null && cap.compareTo(floor) < 0) {
            errors.add(PROTECTION_CAP + ": " + HumanDuration.format(cap) + " must not be below " + FLOOR + " ("
                    + HumanDuration.format(floor) + ")");
        }
        if (atRisk != null && caughtUp != null && caughtUp.compareTo(atRisk) >= 0) {
            errors.add(CAUGHT_UP_SHARE + ": " + caughtUp.toPlainString() + " must be below " + AT_RISK_SHARE + " ("
                    + atRisk.toPlainString() + "), or protection would revert and extend in turn");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid retention settings: " + String.join("; ", errors));
        }
        return new RetentionSettings(floor, maximum, margin, cap, factor, atRisk, caughtUp, budget, warn,
                scanMaxAge, skew);
    }

    private static BigDecimal share(String name, String text) {
        BigDecimal share = decimal(name, text, "0", "1");
        if (share.signum() == 0) {
            throw new InvalidFieldException(name, "must be above 0, got " + text);
        }
        return share;
    }

    private static BigDecimal decimal(String name, String text, String min, String max) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, "not a number: '" + text + "'");
        }
        if (value.compareTo(new BigDecimal(min)) < 0 || value.compareTo(new BigDecimal(max)) > 0) {
            throw new InvalidFieldException(name, "must be between " + min + " and " + max + ", got " + text);
        }
        return value;
    }

    /** A byte count, optionally with a binary unit: {@code 500GiB}, {@code 2TiB}, {@code 1073741824}. */
    private static OptionalLong budget(String text) {
        if (text.isBlank()) {
            return OptionalLong.empty();
        }
        Matcher matcher = BYTES.matcher(text.trim());
        if (!matcher.matches()) {
            throw new InvalidFieldException(DISK_BUDGET_BYTES, "not a byte count: '" + text
                    + "'; write bytes or KiB, MiB, GiB, TiB");
        }
        int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 0;
            case "kib" -> 10;
            case "mib" -> 20;
            case "gib" -> 30;
            case "tib" -> 40;
            default -> throw new InvalidFieldException(DISK_BUDGET_BYTES, "unknown unit '" + matcher.group(2)
                    + "'; use KiB, MiB, GiB or TiB");
        };
        try {
            long bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << shift);
            if (bytes <= 0) {
                throw new InvalidFieldException(DISK_BUDGET_BYTES, "must be positive, got '" + text + "'");
            }
            return OptionalLong.of(bytes);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidFieldException(DISK_BUDGET_BYTES, "'" + text + "' is too large");
        }
    }

    /** Reads one variable, recording a parse failure instead of stopping at the first. */
    private record Reader(Map<String, String> env, List<String> errors) {
        <T> T value(String name, String defaultText, Function<String, T> parse) {
            String text = env.get(name);
            try {
                return parse.apply(text == null || text.isBlank() ? defaultText : text);
            } catch (InvalidFieldException e) {
                errors.add(e.getMessage());
                return null;
            }
        }
    }
}
