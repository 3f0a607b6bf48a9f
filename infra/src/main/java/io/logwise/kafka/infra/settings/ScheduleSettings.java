package io.logwise.kafka.infra.settings;

import java.util.Set;

/** Rates, in minutes, of the scheduled runs: lag scan, provisioner sweep and retention expiry run. */
public record ScheduleSettings(int scanRateMinutes, int sweepRateMinutes, int expiryRateMinutes) {

    private static final Set<String> KEYS = Set.of("scanRateMinutes", "sweepRateMinutes", "expiryRateMinutes");
    private static final int ONE_DAY = 24 * 60;

    static ScheduleSettings parse(ContextMap schedules) {
        schedules.rejectUnknownKeys(KEYS);
        return new ScheduleSettings(
                schedules.integer("scanRateMinutes", 1, 1, ONE_DAY),
                schedules.integer("sweepRateMinutes", 15, 1, ONE_DAY),
                schedules.integer("expiryRateMinutes", 5, 1, ONE_DAY));
    }
}
