package io.logwise.kafka.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.testkit.SparkCheckpointFiles;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SparkCheckpointReaderTest {

    private static final String KAFKA_LINE = "{\"logs.a\":{\"0\":10,\"1\":12}}";
    private static final Duration TIME = Duration.ofSeconds(10);

    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    private final AtomicInteger s3StoresCreated = new AtomicInteger();
    private final SparkCheckpointReader reader = new SparkCheckpointReader(store, () -> {
        s3StoresCreated.incrementAndGet();
        return store;
    }, 1024, TIME);

    private static CheckpointSource source(String name, String location) {
        return new CheckpointSource(name, CheckpointLocation.parse(location));
    }

    private CheckpointResult readOne(SparkCheckpointFiles files) {
        CheckpointSource source = source("spark-a", "s3://bucket/checkpoints/a");
        store.put(source.location(), files);
        return reader.read(source, TIME);
    }

    @Test
    void positionIsTheNewestCommittedBatchAndTheNewerPlannedBatchIsReported() {
        CheckpointResult result = readOne(new SparkCheckpointFiles()
                .batch(8, 1700000000000L, "{\"logs.a\":{\"0\":5,\"1\":6}}").commit(8)
                .batch(9, 1700000060000L, KAFKA_LINE).commit(9)
                .batch(10, 1700000120000L, "{\"logs.a\":{\"0\":99,\"1\":99}}"));

        CheckpointPositions positions = assertInstanceOf(CheckpointPositions.class, result);
        assertEquals(9, positions.committedBatchId());
        assertEquals(10, positions.plannedBatchId());
        assertTrue(positions.batchInFlight());
        assertEquals(Map.of("logs.a", Map.of(0, 10L, 1, 12L)), positions.offsets());
        assertEquals(Instant.ofEpochMilli(1700000060000L), positions.batchTimestamp());
        assertEquals(InMemoryCheckpointStore.WRITTEN, positions.committedAt());
        assertEquals(Optional.of(12L), positions.position("logs.a", 1));
        assertEquals(Optional.empty(), positions.position("logs.a", 2));
        assertEquals("spark-a", positions.sourceName());
        assertEquals("s3://bucket/checkpoints/a", positions.location());
    }

    @Test
    void batchIdsCompareAsNumbersNotAsText() {
        SparkCheckpointFiles files = new SparkCheckpointFiles();
        for (long id = 0; id <= 10; id++) {
            files.batch(id, 1700000000000L + id, "{\"logs.a\":{\"0\":" + id + "}}").commit(id);
        }
        files.batch(100, 1800000000000L, "{\"logs.a\":{\"0\":100}}");

        CheckpointPositions positions = assertInstanceOf(CheckpointPositions.class, readOne(files));
        assertEquals(10, positions.committedBatchId());
        assertEquals(100, positions.plannedBatchId());
        assertEquals(Optional.of(10L), positions.position("logs.a", 0));
    }

    /**
     * Async progress tracking writes offsets/ and commits/ only every interval; after a crash Spark's own example is
     * offsets 0, 2, 5 and commits 0, 2 (batches 3 and 4 ran, 5 was running): the position is batch 2's offsets.
     */
    @Test
    void batchIdGapsOfAsyncProgressTrackingAreNotAProblem() {
        CheckpointResult result = readOne(new SparkCheckpointFiles()
                .batch(0, 1700000000000L, "{\"logs.a\":{\"0\":1,\"1\":2}}").commit(0)
                .batch(2, 1700000002000L, KAFKA_LINE).commit(2)
                .batch(5, 1700000005000L, "{\"logs.a\":{\"0\":99,\"1\":99}}"));

        CheckpointPositions positions = assertInstanceOf(CheckpointPositions.class, result);
        assertEquals(2, positions.committedBatchId());
        assertEquals(5, positions.plannedBatchId());
        assertEquals(Map.of("logs.a", Map.of(0, 10L, 1, 12L)), positions.offsets());
    }

    @Test
    void temporaryChecksumAndOtherNonNumericFilesAreIgnored() {
        CheckpointResult result = readOne(new SparkCheckpointFiles()
                .batch(3, 1L, KAFKA_LINE).commit(3)
                .writing("offsets", 4, "v1\n{\"batchWatermarkMs\":0,")
                .writing("commits", 4, "v")
                .file("offsets/_metadata", "{\"id\":\"x\"}")
                .file("offsets/12.json", "not a batch")
                .file("offsets/.99", "hidden"));

        CheckpointPositions positions = assertInstanceOf(CheckpointPositions.class, result);
        assertEquals(3, positions.committedBatchId());
        assertEquals(3, positions.plannedBatchId());
        assertFalse(positions.batchInFlight());
    }

    @Test
    void noBatchFileYetIsAStateNotAProblem() {
        CheckpointNoBatchYet result = assertInstanceOf(CheckpointNoBatchYet.class, readOne(new SparkCheckpointFiles()
                .file("metadata", "{\"id\":\"5d5f\"}").writing("offsets", 0, "v1\n")));

        assertNull(result.plannedBatchId());
        assertTrue(result.reason().contains("no batch yet"), result.reason());
    }

    @Test
    void aPlannedBatchWithoutCommitIsNoBatchYet() {
        CheckpointNoBatchYet result = assertInstanceOf(CheckpointNoBatchYet.class,
                readOne(new SparkCheckpointFiles().batch(0, 1L, KAFKA_LINE)));

        assertEquals(0L, result.plannedBatchId());
        assertTrue(result.reason().contains("batch 0 is planned"), result.reason());
    }

    @Test
    void aLocationWithoutMetadataOrBatchesIsAProblemNotNoBatchYet() {
        assertProblem(readOne(new SparkCheckpointFiles()), "s3://bucket/checkpoints/a has no metadata file and no"
                + " batch in offsets/ or commits/: not the checkpoint of a query that started (a wrong location?)");
        assertProblem(readOne(new SparkCheckpointFiles().commit(0)), "has no metadata file and no batch in offsets/:");
        assertProblem(readOne(new SparkCheckpointFiles().writing("offsets", 0, "v1\n")), "has no metadata file");
    }

    @Test
    void committedBatchesWithoutAnyKafkaPartitionAreNoCommitNotAProblem() {
        // subscribePattern matching no topic yet: the Kafka source's offset is {} (no partition)
        CheckpointNoBatchYet result = assertInstanceOf(CheckpointNoBatchYet.class, readOne(new SparkCheckpointFiles()
                .file("metadata", "{\"id\":\"5d5f\"}").batch(0, 1L, "{}").commit(0).batch(1, 2L, "{}")));

        assertEquals(0L, result.committedBatchId());
        assertEquals(1L, result.plannedBatchId());
        assertEquals("committed batch 0 holds no Kafka partition offset (a subscribePattern that matches no topic?)",
                result.reason());
    }

    @Test
    void offsetLogVersion2IsReadBesideVersion1() {
        CheckpointPositions positions = assertInstanceOf(CheckpointPositions.class, readOne(new SparkCheckpointFiles()
                .file("offsets/7", "v2\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1700000000000,\"conf\":"
                        + SparkCheckpointFiles.CONF + "}\n0:{\"logs.a\":{\"0\":70,\"1\":71}}\n1:-")
                .commit(7)));

        assertEquals(7, positions.committedBatchId());
        assertEquals(Instant.ofEpochMilli(1700000000000L), positions.batchTimestamp());
        assertEquals(Map.of("logs.a", Map.of(0, 70L, 1, 71L)), positions.offsets());
    }

    @Test
    void inconsistentLogsAreProblems() {
        assertProblem(readOne(new SparkCheckpointFiles().batch(4, 1L, KAFKA_LINE).commit(5)),
                "commits/ has batch 5 but the newest batch in offsets/ is 4");
        assertProblem(readOne(new SparkCheckpointFiles().batch(6, 1L, KAFKA_LINE).commit(5)),
                "offsets/5 is missing although batch 5 is committed");
    }

    @Test
    void malformedUnsupportedOrForeignBatchesAreProblemsWithTheirReason() {
        assertProblem(readOne(new SparkCheckpointFiles().file("offsets/2", "v1\n{}\n{\"logs.a\":{\"0\":").commit(2)),
                "offsets/2: line 3 is not valid JSON");
        assertProblem(readOne(new SparkCheckpointFiles().file("offsets/2", "v3\n{}\n0:-").commit(2)),
                "unsupported offset log version v3; this reader understands v1 and v2");
        assertProblem(readOne(new SparkCheckpointFiles().batch(2, 1L, "{\"logOffset\":3}", "-").commit(2)),
                "offsets/2 has no Kafka source offsets (1 source(s) without offset, 1 of other kinds)");
        assertProblem(readOne(new SparkCheckpointFiles().batch(2, 1L, "{\"logs.a\":{\"p0\":1}}").commit(2)),
                "no Kafka source offsets");
    }

    @Test
    void aFileOverTheSizeLimitIsNotRead() {
        assertProblem(readOne(new SparkCheckpointFiles()
                        .batch(1, 1L, "{\"logs.a\":{\"0\":1}}", "{\"x\":\"" + "y".repeat(2000) + "\"}").commit(1)),
                "offsets/1 is larger than 1024 bytes");
    }

    @Test
    void oneFailingSourceDoesNotHideTheOthers() {
        CheckpointSource good = source("good", "s3://bucket/good");
        CheckpointSource denied = source("denied", "s3://bucket/denied");
        CheckpointSource broken = source("broken", "s3://bucket/broken");
        CheckpointSource fresh = source("fresh", "s3://bucket/fresh");
        store.put(good.location(), new SparkCheckpointFiles().batch(1, 1L, KAFKA_LINE).commit(1))
                .failing(denied.location(), new IOException("access denied listing s3://bucket/denied/offsets/"))
                .put(broken.location(), new SparkCheckpointFiles().file("offsets/1", "garbage").commit(1))
                .put(fresh.location(), new SparkCheckpointFiles().file("metadata", "{\"id\":\"5d5f\"}"));

        List<CheckpointResult> results = reader.readAll(List.of(good, denied, broken, fresh));

        assertEquals(List.of("good", "denied", "broken", "fresh"),
                results.stream().map(CheckpointResult::sourceName).toList());
        assertInstanceOf(CheckpointPositions.class, results.get(0));
        assertProblem(results.get(1), "access denied listing s3://bucket/denied/offsets/");
        assertProblem(results.get(2), "offsets/1 does not start with a log version line");
        assertInstanceOf(CheckpointNoBatchYet.class, results.get(3));
    }

    @Test
    void aSourceThatDoesNotAnswerInTimeIsAProblemAndTheOthersAreStillRead() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CheckpointStore hanging = new CheckpointStore() {
            @Override
            public List<StoredFile> list(CheckpointLocation location, String folder, Duration timeLeft)
                    throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("released");
            }

            @Override
            public boolean exists(CheckpointLocation location, String name, Duration timeLeft) {
                throw new AssertionError("not reached");
            }

            @Override
            public byte[] read(CheckpointLocation location, String folder, String name, int maxBytes,
                    Duration timeLeft) {
                throw new AssertionError("not reached");
            }
        };
        CheckpointSource slow = source("slow", "/mnt/checkpoints/slow");
        CheckpointSource good = source("good", "s3://bucket/good");
        store.put(good.location(), new SparkCheckpointFiles().batch(1, 1L, KAFKA_LINE).commit(1));
        try (SparkCheckpointReader mixed = new SparkCheckpointReader(hanging, () -> store, 1024, TIME)) {
            List<CheckpointResult> results = mixed.readAll(List.of(slow, good), Duration.ofMillis(300));

            assertProblem(results.get(0), "not read within the time budget of 300 ms");
            assertInstanceOf(CheckpointPositions.class, results.get(1));
        } finally {
            release.countDown();
        }
    }

    @Test
    void noS3ClientIsCreatedWithoutAnS3Source() throws Exception {
        CheckpointSource local = source("local", "/var/ckpt/x");
        store.put(local.location(), new SparkCheckpointFiles().batch(1, 1L, KAFKA_LINE).commit(1));

        assertInstanceOf(CheckpointPositions.class, reader.readAll(List.of(local)).get(0));
        assertEquals(0, s3StoresCreated.get());
        assertEquals(List.of(), reader.readAll(List.of()));

        reader.readAll(List.of(source("a", "s3://bucket/a"), source("b", "s3://bucket/b")));
        assertEquals(1, s3StoresCreated.get());
    }

    private static void assertProblem(CheckpointResult result, String reason) {
        CheckpointProblem problem = assertInstanceOf(CheckpointProblem.class, result);
        assertTrue(problem.reason().contains(reason), problem.reason());
    }
}
