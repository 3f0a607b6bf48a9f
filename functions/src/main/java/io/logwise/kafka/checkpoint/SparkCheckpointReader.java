package io.logwise.kafka.checkpoint;

import io.logwise.kafka.aws.LeanCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the consumer positions of Spark Structured Streaming queries from their checkpoints. Each source is read
 * on its own (in parallel, within one time budget), and one unreadable source never hides the others: it becomes a
 * {@link CheckpointProblem}.
 *
 * <p>Per source: list {@code offsets/} and {@code commits/}, take the newest committed batch id (numeric order; only
 * whole-number file names are batches, as in Spark's {@code HDFSMetadataLog}) and parse {@code offsets/<id>}.
 */
public final class SparkCheckpointReader implements AutoCloseable {

    static final String OFFSETS = "offsets";
    static final String COMMITS = "commits";
    /** The file Spark writes with the query id as soon as a query starts. */
    static final String METADATA = "metadata";
    /** At most this many checkpoints are read at the same time. */
    static final int MAX_PARALLEL_READS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(SparkCheckpointReader.class);

    private final CheckpointStore localStore;
    private final Supplier<CheckpointStore> s3StoreFactory;
    private final int maxFileBytes;
    private final Duration timeout;
    private CheckpointStore s3Store;

    /**
     * @param s3StoreFactory called once, on the first S3 source (so no S3 client exists unless one is configured)
     */
    public SparkCheckpointReader(CheckpointStore localStore, Supplier<CheckpointStore> s3StoreFactory,
            int maxFileBytes, Duration timeout) {
        this.localStore = localStore;
        this.s3StoreFactory = s3StoreFactory;
        this.maxFileBytes = maxFileBytes;
        this.timeout = timeout;
    }

    /** The production reader: local files, and S3 with the default AWS credentials (Lambda's role). */
    public static SparkCheckpointReader create(CheckpointSourcesSettings settings) {
        return new SparkCheckpointReader(new LocalCheckpointStore(),
                () -> S3CheckpointStore.create(settings, new LeanCredentials()),
                settings.maxFileBytes(), settings.timeout());
    }

    /** One result per source, in the sources' order, within the configured timeout. */
    public List<CheckpointResult> readAll(List<CheckpointSource> sources) {
        return readAll(sources, timeout);
    }

    /**
     * One result per source, in the sources' order, within {@code timeLeft} (capped by the configured timeout): a
     * source not read in time is a {@link CheckpointProblem}.
     */
    public List<CheckpointResult> readAll(List<CheckpointSource> sources, Duration timeLeft) {
        if (sources.isEmpty()) {
            return List.of();
        }
        Duration budget = timeLeft.compareTo(timeout) < 0 ? timeLeft : timeout;
        long deadline = System.nanoTime() + budget.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(sources.size(), MAX_PARALLEL_READS),
                daemonThreads());
        try {
            List<Future<CheckpointResult>> reads = new ArrayList<>();
            for (CheckpointSource source : sources) {
                reads.add(pool.submit(() -> read(source, deadline)));
            }
            List<CheckpointResult> results = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                results.add(await(sources.get(i), reads.get(i), deadline, budget));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads one source; never throws. */
    public CheckpointResult read(CheckpointSource source, Duration timeLeft) {
        return read(source, System.nanoTime() + timeLeft.toNanos());
    }

    private CheckpointResult read(CheckpointSource source, long deadline) {
        String name = source.name();
        CheckpointLocation location = source.location();
        try {
            CheckpointStore store = storeFor(location);
            List<StoredFile> offsets = store.list(location, OFFSETS, left(deadline, location));
            Optional<StoredFile> planned = StoredFile.newestBatch(offsets);
            if (planned.isEmpty()) {
                return withoutBatch(store, source, deadline);
            }
            long plannedId = planned.get().batchId().orElseThrow();
            Optional<StoredFile> committed = StoredFile.newestBatch(store.list(location, COMMITS,
                    left(deadline, location)));
            if (committed.isEmpty()) {
                return CheckpointNoBatchYet.planned(name, location.toString(), plannedId);
            }
            long committedId = committed.get().batchId().orElseThrow();
            Optional<String> inconsistency = inconsistency(offsets, committedId, plannedId);
            if (inconsistency.isPresent()) {
                return new CheckpointProblem(name, location.toString(), inconsistency.get());
            }
            String file = Long.toString(committedId); // the name Spark reads a batch from (batchIdToPath)
            OffsetLogEntry entry = OffsetLogParser.parse(OFFSETS + "/" + file,
                    store.read(location, OFFSETS, file, maxFileBytes, left(deadline, location)));
            if (entry.kafkaSources() == 0 && entry.otherSources() == 0) {
                return CheckpointNoBatchYet.noPartitions(name, location.toString(), committedId, plannedId);
            }
            if (entry.kafkaSources() == 0) {
                return new CheckpointProblem(name, location.toString(), OFFSETS + "/" + file
                        + " has no Kafka source offsets (" + entry.sourcesWithoutOffset()
                        + " source(s) without offset, " + entry.otherSources()
                        + " of other kinds): is this the checkpoint of a query reading Kafka?");
            }
            return new CheckpointPositions(name, location.toString(), committedId, entry.batchTimestamp(),
                    entry.offsets(), plannedId, committed.get().lastModified());
        } catch (IOException | MalformedCheckpointException e) {
            return new CheckpointProblem(name, location.toString(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("unexpected error reading the Spark checkpoint {} at {}", name, location, e);
            return new CheckpointProblem(name, location.toString(), "unexpected error: " + e);
        }
    }

    /**
     * A location without any batch: a query that started but planned none yet when Spark's {@code metadata} file is
     * there (Spark writes it as the query starts), else a problem: nothing says a query ever used this location.
     */
    private CheckpointResult withoutBatch(CheckpointStore store, CheckpointSource source, long deadline)
            throws IOException {
        CheckpointLocation location = source.location();
        if (store.exists(location, METADATA, left(deadline, location))) {
            return CheckpointNoBatchYet.notPlanned(source.name(), location.toString());
        }
        boolean commits = !store.list(location, COMMITS, left(deadline, location)).isEmpty();
        return new CheckpointProblem(source.name(), location.toString(), location + " has no " + METADATA
                + " file and no batch in offsets/" + (commits ? "" : " or commits/")
                + ": not the checkpoint of a query that started (a wrong location?)");
    }

    /** Why the committed batch's offsets cannot be used, when the two logs disagree. */
    private Optional<String> inconsistency(List<StoredFile> offsets, long committedId, long plannedId) {
        if (committedId > plannedId) {
            return Optional.of("commits/ has batch " + committedId + " but the newest batch in offsets/ is "
                    + plannedId + ": the checkpoint was altered");
        }
        String file = Long.toString(committedId);
        Optional<StoredFile> entry = offsets.stream().filter(f -> f.name().equals(file)).findFirst();
        if (entry.isEmpty()) {
            return Optional.of("offsets/" + file + " is missing although batch " + committedId
                    + " is committed: the checkpoint was altered");
        }
        if (entry.get().size() > maxFileBytes) {
            return Optional.of(OFFSETS + "/" + file + " is larger than " + maxFileBytes + " bytes ("
                    + entry.get().size() + "); not read");
        }
        return Optional.empty();
    }

    private CheckpointResult await(CheckpointSource source, Future<CheckpointResult> read, long deadline,
            Duration budget) {
        try {
            return read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            read.cancel(true);
            return new CheckpointProblem(source.name(), source.location().toString(),
                    "not read within the time budget of " + budget.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new CheckpointProblem(source.name(), source.location().toString(),
                    "unexpected error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            read.cancel(true);
            return new CheckpointProblem(source.name(), source.location().toString(), "interrupted");
        }
    }

    private synchronized CheckpointStore storeFor(CheckpointLocation location) {
        if (location instanceof CheckpointLocation.Local) {
            return localStore;
        }
        if (s3Store == null) {
            s3Store = s3StoreFactory.get();
        }
        return s3Store;
    }

    private static Duration left(long deadline, CheckpointLocation location) throws IOException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new IOException("no time left to read " + location);
        }
        return Duration.ofNanos(nanos);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "spark-checkpoint-reader-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public synchronized void close() throws Exception {
        if (s3Store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
