package io.logwise.kafka.retention;

import io.logwise.kafka.state.Decision;
import io.logwise.kafka.state.DecisionAction;
import io.logwise.kafka.state.DecisionOutcome;
import io.logwise.kafka.state.RetentionExtension;
import io.logwise.kafka.time.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored extension is a claim: it is acted on (reverted, or carried into a new extension) only when the journal backs
 * it. Pure: the journal's decisions on the topic in, a verdict out.
 *
 * <ul>
 *   <li>Backed: the journal holds its decision ({@code decisionId}) as an APPLIED EXTEND_RETENTION of this topic to
 *       the extended value, and no record is dated beyond the clock skew in the future.</li>
 *   <li>Voided: a permanent retention.ms change (SET_RETENTION, APPLIED or PENDING) was recorded after the extension
 *       began, whatever the interleaving: reverting would undo the permanent change, so the extension is dropped and
 *       retention left as it is (named in the report, never silently).</li>
 *   <li>Rejected: anything else (no such decision, not APPLIED, other values, dated in the future): never acted
 *       on, named in the report, left stored for a person.</li>
 * </ul>
 */
public final class ExtensionClaims {

    /** What may be done with one stored extension. */
    public sealed interface Verdict {
        record Backed(RetentionExtension extension) implements Verdict {
        }

        record Voided(RetentionExtension extension, String why) implements Verdict {
        }

        record Rejected(RetentionExtension extension, String why) implements Verdict {
        }
    }

    private ExtensionClaims() {
    }

    /**
     * @param decisions the journal's decisions on the extension's topic, whatever their order
     * @param skew      how far in the future a record time may lie (clocks differ a little)
     */
    public static Verdict check(RetentionExtension extension, List<Decision> decisions, Instant now, Duration skew) {
        Instant latestAllowed = now.plus(skew);
        if (extension.createdAt().isAfter(latestAllowed)) {
            return new Verdict.Rejected(extension, "the extension record is dated " + extension.createdAt()
                    + ", in the future (now " + now + ", clock skew allowed " + HumanDuration.format(skew) + ")");
        }
        Optional<Decision> made = decisions.stream().filter(d -> d.id().equals(extension.decisionId())).findFirst();
        if (made.isEmpty()) {
            return new Verdict.Rejected(extension, "the journal has no decision " + extension.decisionId()
                    + " behind this extension record");
        }
        Decision extend = made.get();
        if (extend.action() != DecisionAction.EXTEND_RETENTION || extend.outcome() != DecisionOutcome.APPLIED
                || !extension.topic().equals(extend.topic()) || extend.to() == null
                || extend.to() != extension.extendedRetentionMs()) {
            return new Verdict.Rejected(extension, "the journal's decision " + extend.id() + " is " + extend.action()
                    + " " + extend.outcome() + " to " + extend.to() + ", not an APPLIED extension to "
                    + extension.extendedRetentionMs());
        }
        if (extend.time().isAfter(latestAllowed)) {
            return new Verdict.Rejected(extension, "its journaled decision is dated " + extend.time()
                    + ", in the future (now " + now + ")");
        }
        Instant began = extension.createdAt().isBefore(extend.time()) ? extension.createdAt() : extend.time();
        for (Decision decision : decisions) {
            if (decision.action() == DecisionAction.SET_RETENTION && isRetentionMs(decision)
                    && (decision.outcome() == DecisionOutcome.APPLIED || decision.outcome() == DecisionOutcome.PENDING)
                    && !decision.time().isBefore(began) && !decision.time().isAfter(latestAllowed)) {
                return new Verdict.Voided(extension, "a permanent retention change (" + decision.id() + ", "
                        + decision.outcome() + " at " + decision.time() + ", to " + decision.to() + ") was recorded"
                        + " after this extension began at " + began + "; it is not reverted, so the permanent change"
                        + " stands: check the topic's retention");
            }
        }
        return new Verdict.Backed(extension);
    }

    /** Journal records dated beyond the allowed clock skew, to be named in the report. */
    public static List<Decision> futureDated(List<Decision> decisions, Instant now, Duration skew) {
        return decisions.stream().filter(d -> d.time().isAfter(now.plus(skew))).toList();
    }

    private static boolean isRetentionMs(Decision decision) {
        Object config = decision.inputs().get("config");
        return config == null || ConfigKey.RETENTION_MS.kafkaName().equals(config);
    }
}
