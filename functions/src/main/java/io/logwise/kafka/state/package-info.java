/**
 * The project's state and decision journal, kept on one compacted Kafka topic outside the managed prefix.
 *
 * <h2>Keys</h2>
 * {@code decision/<topic>/<decisionId>}, {@code extension/<topic>} and {@code snapshot/<epochMillis>/<scanId>}
 * ({@link io.logwise.kafka.state.StateKey}); values are JSON objects with a {@code schema} version
 * ({@link io.logwise.kafka.state.StateCodec}). Reading the topic from the beginning and keeping the latest value per
 * key (a tombstone removes the key) gives the current state; compaction only removes superseded values.
 *
 * <h2>Recording a mutation</h2>
 * <ol>
 *   <li>Build the decision with {@link io.logwise.kafka.state.Decision#idFor} from the trigger (scan id, request id or
 *       EventBridge event id): a duplicate delivery gets the same id, so the same key.</li>
 *   <li>Record it as {@code PENDING} (the intent). If that throws, do not mutate: fail the invocation.</li>
 *   <li>For a temporary retention extension, put the {@link io.logwise.kafka.state.RetentionExtension} (with the
 *       original retention) before raising retention.</li>
 *   <li>Mutate Kafka; the change must be idempotent ("increase to N", "set retention.ms to X").</li>
 *   <li>Record the same decision {@code withOutcome(APPLIED | FAILED, ...)}. If that throws, do not report
 *       success: the invocation fails, the retry re-checks Kafka and records the outcome under the same key.</li>
 * </ol>
 * A crash between the steps leaves the decision {@code PENDING}
 * ({@link io.logwise.kafka.state.DecisionJournal#pending()}): visible in {@code scripts/journal}, counted as an
 * increase for the scaler's cooldown (partitions cannot be taken back), and completed by a retry of the same
 * trigger. Decisions that change nothing (refused, dry run) are recorded once, with their final outcome.
 *
 * <p>This package has no Kafka types; {@code io.logwise.kafka.gateway.StateLogKafkaGateway} reads and writes the
 * topic.
 */
package io.logwise.kafka.state;
