package io.logwise.kafka.retention;

import io.logwise.kafka.scan.Verdict;
import io.logwise.kafka.time.HumanDuration;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Retention protection: when consumers fall so far behind that retention would delete what they have not read,
 * raise retention temporarily, and put it back once they have caught up.
 *
 * <ul>
 *   <li>at risk: a verdict that calls for protection ({@link #stance}), or time lag above RETENTION_AT_RISK_SHARE
 *       of the current retention</li>
 *   <li>extend to min(cap, max(current, time lag x factor + margin)); with no time lag figure, current x factor</li>
 *   <li>revert to the original value when the verdict is OK and the time lag is below RETENTION_CAUGHT_UP_SHARE of
 *       the original retention (and any for/until expiry has passed), through the same guard as any lowering</li>
 * </ul>
 */
public final class ProtectionPolicy {

    /** What protection wants for one topic. Extend and Revert must still pass {@link RetentionGuard}. */
    public sealed interface Action {
        String topic();

        /** Raise retention; store {@code extension} once applied. */
        record Extend(String topic, long fromMs, long toMs, TemporaryExtension extension) implements Action {
            public GuardInput guardInput(Optional<UnreadData> unread, OptionalDouble ingestBytesPerSecond) {
                return new GuardInput(topic, fromMs, toMs, unread, true, false, Optional.of(extension.reason()),
                        ingestBytesPerSecond);
            }
        }

        /** Put the original value back ({@link TemporaryExtension#revertInput}); drop the extension once applied. */
        record Revert(String topic, TemporaryExtension extension) implements Action {
        }

        /** Retention was changed outside LogWise while extended: leave it and drop the stored extension. */
        record Forget(String topic, TemporaryExtension extension, String why) implements Action {
        }

        record NoAction(String topic, String why) implements Action {
        }
    }

    /** What the scanner's verdict alone means for protection. */
    public enum Stance {
        /** Unread records are being, or soon will be, deleted: extend. */
        PROTECT,
        /** Behind, or some positions unknown: neither extend on the verdict alone nor revert. */
        HOLD,
        /** Consumers keep up: an extension may be reverted (judged again on a fresh measurement). */
        RELEASE,
        /** Not measured, or nobody reads the topic: nothing is decided, so no extension is reverted either. */
        UNDECIDED
    }

    private final RetentionSettings settings;

    public ProtectionPolicy(RetentionSettings settings) {
        this.settings = settings;
    }

    /**
     * DATA_LOST calls for protection like AT_RISK (records are being deleted unread: protect what is left). Every
     * verdict is named, so a new one does not compile until it is decided here.
     */
    public static Stance stance(Verdict verdict) {
        return switch (verdict) {
            case AT_RISK, DATA_LOST -> Stance.PROTECT;
            // Records on partitions added later are read by nobody: hold (an extension would not bring a reader).
            case LAGGING, FALLING_BEHIND, STALLED, NO_COMMIT, NEW_PARTITIONS_UNREAD -> Stance.HOLD;
            case OK -> Stance.RELEASE;
            case NO_CONSUMER, UNKNOWN -> Stance.UNDECIDED;
        };
    }

    public Action decide(TopicLagFigures figures, Instant now) {
        String topic = figures.topic();
        long current = figures.retentionMs();
        Optional<TemporaryExtension> extension = figures.activeExtension();
        if (extension.isPresent() && extension.get().isDrifted(current)) {
            String set = HumanDuration.retentionMs(extension.get().extendedRetentionMs());
            return new Action.Forget(topic, extension.get(), "retention.ms is "
                    + HumanDuration.retentionMs(current) + ", not the " + set
                    + " LogWise set; someone changed it, so it is left alone");
        }
        if (current == RetentionDuration.UNLIMITED) {
            return new Action.NoAction(topic, "retention is unlimited");
        }
        if (atRisk(figures)) {
            return extend(figures, now);
        }
        if (extension.isPresent() && extension.get().untilCaughtUp()) {
            return revertIfCaughtUp(figures, extension.get(), now);
        }
        return new Action.NoAction(topic, "not at risk");
    }

    private boolean atRisk(TopicLagFigures figures) {
        if (stance(figures.verdict()) == Stance.PROTECT) {
            return true;
        }
        return figures.timeLag().isPresent() && BigDecimal.valueOf(figures.timeLag().get().toMillis())
                .compareTo(settings.atRiskShare().multiply(BigDecimal.valueOf(figures.retentionMs()))) > 0;
    }

    private Action extend(TopicLagFigures figures, Instant now) {
        long current = figures.retentionMs();
        long cap = settings.protectionCap().toMillis();
        BigDecimal wanted = figures.timeLag()
                .map(lag -> BigDecimal.valueOf(lag.toMillis()).multiply(settings.protectionFactor())
                        .add(BigDecimal.valueOf(settings.unreadMargin().toMillis())))
                .orElseGet(() -> BigDecimal.valueOf(current).multiply(settings.protectionFactor()));
        long target = Math.min(cap, Math.max(current, wanted.setScale(0, RoundingMode.CEILING)
                .min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue()));
        if (target <= current) {
            return new Action.NoAction(figures.topic(), current >= cap
                    ? "at risk, but retention " + HumanDuration.retentionMs(current) + " is already at or above"
                            + " the protection cap of " + HumanDuration.format(settings.protectionCap())
                    : "at risk, but retention " + HumanDuration.retentionMs(current) + " already covers "
                            + figures.timeLag().map(HumanDuration::format).orElse("the lag") + " x "
                            + settings.protectionFactor().toPlainString());
        }
        String why = "protection: " + figures.verdict() + ", oldest unread record "
                + figures.timeLag().map(HumanDuration::format).orElse("of unknown age") + " old with retention "
                + HumanDuration.retentionMs(current);
        TemporaryExtension extension = figures.activeExtension()
                .map(active -> active.extendedForProtection(target, why))
                .orElseGet(() -> new TemporaryExtension(figures.topic(), current, target, Optional.empty(), true,
                        why, now));
        return new Action.Extend(figures.topic(), current, target, extension);
    }

    private Action revertIfCaughtUp(TopicLagFigures figures, TemporaryExtension extension, Instant now) {
        BigDecimal caughtUpBelow = settings.caughtUpShare()
                .multiply(BigDecimal.valueOf(extension.originalRetentionMs()));
        boolean lagSmall = figures.timeLag()
                .map(lag -> BigDecimal.valueOf(lag.toMillis()).compareTo(caughtUpBelow) < 0)
                .orElse(true);
        if (stance(figures.verdict()) != Stance.RELEASE || !lagSmall) {
            return new Action.NoAction(figures.topic(), "extended until consumers catch up: " + figures.verdict()
                    + ", oldest unread record " + figures.timeLag().map(HumanDuration::format).orElse("unknown")
                    + " old; reverts below " + HumanDuration.format(Duration.ofMillis(
                            caughtUpBelow.setScale(0, RoundingMode.FLOOR).longValue())));
        }
        if (!extension.timeConditionMet(now)) {
            return new Action.NoAction(figures.topic(), "caught up, but the requested extension lasts until "
                    + extension.expiresAt().orElseThrow());
        }
        return new Action.Revert(figures.topic(), extension);
    }
}
