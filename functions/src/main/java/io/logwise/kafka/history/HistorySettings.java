package io.logwise.kafka.history;

import io.logwise.kafka.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * How scan history is read into rates and verdicts.
 *
 * @param window       how far back samples are used for rates
 * @param maxGap       two consecutive scans further apart than this break the history: rates become unknown
 * @param trendScans   scans over which FALLING_BEHIND (lag grew at each) and STALLED (position unchanged) are judged
 * @param atRiskShare  AT_RISK when time lag exceeds this share of the topic's retention.ms
 */
public record HistorySettings(Duration window, Duration maxGap, int trendScans, double atRiskShare) {

    public static final HistorySettings DEFAULTS = new HistorySettings(Duration.ofMinutes(15), Duration.ofMinutes(5),
            3, 0.5);

    public static HistorySettings fromEnv(Map<String, String> environment) {
        Env env = Env.of(environment);
        double share = env.positiveDouble("AT_RISK_RETENTION_SHARE", DEFAULTS.atRiskShare());
        if (share >= 1) {
            throw new io.logwise.kafka.error.ConfigurationException(
                    "AT_RISK_RETENTION_SHARE: " + share + " must be below 1 (a share of retention.ms)");
        }
        return new HistorySettings(
                Duration.ofSeconds(env.positiveLong("HISTORY_WINDOW_SECONDS", DEFAULTS.window().toSeconds())),
                Duration.ofSeconds(env.positiveLong("HISTORY_MAX_GAP_SECONDS", DEFAULTS.maxGap().toSeconds())),
                env.positiveInt("TREND_SCANS", DEFAULTS.trendScans()),
                share);
    }
}
