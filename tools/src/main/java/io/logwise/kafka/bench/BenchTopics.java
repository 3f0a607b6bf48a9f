package io.logwise.kafka.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Benchmark helper main (not a test), used by scripts/bench:
 * <ul>
 *   <li>{@code create BOOTSTRAP NAMES_FILE PARTITIONS BATCH}: creates the topics named in the file (one per line) with
 *   batched createTopics calls, replication factor 1; topics that exist already are left as they are.</li>
 *   <li>{@code await BOOTSTRAP TIMEOUT_SECONDS NAMES_FILE...}: waits until the broker lists every named topic, every
 *   partition of them has a leader, and the leader answers listOffsets for every partition (its log exists).</li>
 *   <li>{@code lag BOOTSTRAP NAMES_FILE PARTITIONS RECORDS GROUP}: real lag behind a scan result's claims: writes
 *   RECORDS records to each partition of each named topic and commits offset 0 for GROUP on all of them.</li>
 * </ul>
 * createTopics returns once the controller has committed the topics; a single broker then still creates the partitions'
 * logs, so a scan started at once sees part of the topics and competes with the log creation. Prints one line with
 * what it did and how long it took.
 */
public final class BenchTopics {

    private static final long POLL_MS = 250;

    private BenchTopics() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BenchTopics create BOOTSTRAP NAMES_FILE PARTITIONS BATCH"
                    + " | await BOOTSTRAP TIMEOUT_SECONDS NAMES_FILE... | lag BOOTSTRAP NAMES_FILE PARTITIONS RECORDS"
                    + " GROUP");
            System.exit(2);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "600000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "300000"))) {
            switch (args[0]) {
                case "create" -> create(admin, names(List.of(args[2])), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]));
                case "await" -> await(admin, Integer.parseInt(args[2]), names(List.of(args).subList(3, args.length)));
                case "lag" -> lag(args[1], names(List.of(args[2])), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), args[5]);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        }
    }

    private static void create(Admin admin, List<String> names, int partitions, int batch) throws Exception {
        long started = System.nanoTime();
        int created = 0;
        for (int i = 0; i < names.size(); i += batch) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names.subList(i, Math.min(names.size(), i + batch))) {
                topics.add(new NewTopic(name, partitions, (short) 1));
            }
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(10, TimeUnit.MINUTES);
                    created++;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating " + entry.getKey() + ": " + e.getCause(), e);
                    }
                }
            }
        }
        System.out.printf("created %d of %d topics x %d partitions in batches of %d: %d ms (controller commits)%n",
                created, names.size(), partitions, batch, millisSince(started));
    }

    private static void await(Admin admin, int timeoutSeconds, List<String> expected) throws Exception {
        try {
            System.out.println(awaitServed(admin, expected, Duration.ofSeconds(timeoutSeconds)));
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Waits until the broker lists every topic in {@code expected}, every partition has a leader and every leader
     * answers listOffsets; returns what it waited for and how long. Throws when {@code timeout} passes first.
     */
    public static String awaitServed(Admin admin, Collection<String> expected, Duration timeout)
            throws InterruptedException, ExecutionException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Set<String> wanted = new LinkedHashSet<>(expected);
        long listedMs = -1;
        long leadersMs = -1;
        String missing = "";
        while (System.nanoTime() < deadline) {
            Set<String> listed = admin.listTopics().names().get();
            List<String> absent = wanted.stream().filter(name -> !listed.contains(name)).toList();
            if (!absent.isEmpty()) {
                missing = absent.size() + " topics not listed yet, e.g. " + absent.get(0);
                Thread.sleep(POLL_MS);
                continue;
            }
            listedMs = listedMs < 0 ? millisSince(started) : listedMs;
            Map<String, TopicDescription> described = admin.describeTopics(wanted).allTopicNames().get();
            List<TopicPartition> partitions = new ArrayList<>();
            String leaderless = null;
            for (TopicDescription topic : described.values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.leader() == null || partition.leader().isEmpty()) {
                        leaderless = topic.name() + "-" + partition.partition();
                    }
                    partitions.add(new TopicPartition(topic.name(), partition.partition()));
                }
            }
            if (leaderless != null) {
                missing = "a partition without a leader, e.g. " + leaderless;
                Thread.sleep(POLL_MS);
                continue;
            }
            leadersMs = leadersMs < 0 ? millisSince(started) : leadersMs;
            String unanswered = unansweredOffsets(admin, partitions);
            if (unanswered != null) {
                missing = "listOffsets not answered yet, e.g. " + unanswered;
                Thread.sleep(POLL_MS);
                continue;
            }
            return String.format("broker ready: %d topics, %d partitions listed after %d ms, all with leaders after"
                    + " %d ms, all logs answering listOffsets after %d ms", wanted.size(), partitions.size(), listedMs,
                    leadersMs, millisSince(started));
        }
        throw new IllegalStateException("broker NOT ready after " + timeout.toSeconds() + " s: " + missing);
    }

    /** The first partition whose leader cannot answer listOffsets yet, or null when all answer. */
    private static String unansweredOffsets(Admin admin, List<TopicPartition> partitions) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        // Admin retries a partition whose log is not there yet until the call times out: keep each poll short.
        ListOffsetsResult result = admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(30_000));
        for (TopicPartition partition : partitions) {
            try {
                result.partitionResult(partition).get();
            } catch (ExecutionException e) {
                return partition + " (" + e.getCause().getClass().getSimpleName() + ")";
            }
        }
        return null;
    }

    private static List<String> names(List<String> files) throws IOException {
        List<String> names = new ArrayList<>();
        for (String file : files) {
            Files.readAllLines(Path.of(file)).stream().map(String::strip).filter(l -> !l.isEmpty()).forEach(names::add);
        }
        return names;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void lag(String bootstrap, Collection<String> topics, int partitions, int records, String group) {
        long started = System.nanoTime();
        try (io.logwise.kafka.testkit.LagFixtures fixtures = new io.logwise.kafka.testkit.LagFixtures(bootstrap)) {
            Map<String, int[]> counts = new HashMap<>();
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (String topic : topics) {
                int[] perPartition = new int[partitions];
                java.util.Arrays.fill(perPartition, records);
                counts.put(topic, perPartition);
                for (int p = 0; p < partitions; p++) {
                    committed.put(new TopicPartition(topic, p), 0L);
                }
            }
            fixtures.produce(counts);
            fixtures.commit(group, committed);
        }
        System.out.printf("lag: %d records on each of %d partitions of %d topics, %s at offset 0, in %d ms%n",
                records, partitions, topics.size(), group,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
}
