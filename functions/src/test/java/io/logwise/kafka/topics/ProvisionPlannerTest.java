package io.logwise.kafka.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.topics.TopicPlan.Create;
import io.logwise.kafka.topics.TopicPlan.Invalid;
import io.logwise.kafka.topics.TopicResult.Status;
import io.logwise.kafka.topics.TopicState.ConfigValue;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProvisionPlannerTest {

    private static final ManagedPrefix PREFIX = ManagedPrefix.DEFAULT;
    private static final ProvisionPlanner PLANNER = new ProvisionPlanner(PREFIX);
    private static final ProvisionerSettings SETTINGS = ProvisionerSettings.fromEnv(Map.of());

    /**
     * A sweep of one existing topic. State: {@code p=partitions rf=replicas config=value} where {@code @topic} marks
     * a topic-level override (anything else is inherited from the broker). Changes: {@code setting:from->to}.
     */
    @ParameterizedTest(name = "[{index}] {0} brokers, {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | p=1 rf=1 retention.ms=604800000                          | adopted | partitions:1->3, retention.ms:604800000->604800000 | retention.ms 604800000 is above the policy's 3600000
            1 | p=1 rf=1 retention.ms=1800000                            | adopted | partitions:1->3, retention.ms:1800000->3600000     | -
            1 | p=3 rf=1 retention.ms=-1                                 | adopted | retention.ms:-1->-1                                | retention.ms -1 is above the policy's 3600000
            1 | p=3 rf=1 retention.ms=3600000@topic                      | exists  | -                                                  | -
            1 | p=8 rf=1 retention.ms=86400000@topic                     | exists  | -                                                  | -
            1 | p=3 rf=1 retention.ms=60000@topic                        | exists  | -                                                  | -
            1 | p=2 rf=1 retention.ms=3600000@topic                      | adopted | partitions:2->3                                    | -
            1 | p=3 rf=1 retention.ms=3600000@topic min.insync.replicas=1 | exists | -                                                  | -
            3 | p=3 rf=3 retention.ms=3600000@topic min.insync.replicas=1 | adopted | min.insync.replicas:1->2                          | -
            3 | p=3 rf=3 retention.ms=3600000@topic min.insync.replicas=1@topic | exists | -                                          | -
            3 | p=3 rf=3 retention.ms=3600000@topic min.insync.replicas=3 | adopted | min.insync.replicas:3->2                          | -
            3 | p=1 rf=3 retention.ms=604800000 min.insync.replicas=1    | adopted | partitions:1->3, retention.ms:604800000->604800000, min.insync.replicas:1->2 | above the policy's
            3 | p=3 rf=1 retention.ms=3600000@topic min.insync.replicas=1 | exists  | -                                                 | replication factor 1 is below the policy's 3
            3 | p=3 rf=2 retention.ms=3600000@topic min.insync.replicas=1 | exists  | -                                                 | min.insync.replicas 2 not pinned: the topic has only 2 replica(s)
            5 | p=3 rf=4 retention.ms=3600000@topic min.insync.replicas=3 | adopted | min.insync.replicas:3->3                          | -
            """)
    void sweepPlansOneExistingTopic(int brokers, String state, String status, String changes, String drift) {
        TopicState topic = topic("logs.svc", state);
        TopicPolicy policy = TopicPolicy.resolve(SETTINGS, ProvisionRequest.sweep(false), brokers);
        List<TopicPlan> plans = PLANNER.planSweep(policy, cluster(brokers, topic));
        assertEquals(1, plans.size());
        TopicResult result = plans.get(0).asResult();
        assertEquals(status, result.status().external(), result::reason);
        assertEquals(changes, render(result.changes()));
        if (drift.equals("-")) {
            assertEquals(List.of(), result.drift());
        } else {
            assertTrue(result.drift().stream().anyMatch(line -> line.contains(drift)), result.drift()::toString);
        }
    }

    @Test
    void sweepLeavesEveryTopicOutsideTheLiteralPrefixAlone() {
        ClusterSnapshot cluster = cluster(1, topic("logsx.a", "p=1 rf=1 retention.ms=604800000"),
                topic("LOGS.a", "p=1 rf=1 retention.ms=604800000"), topic("logs", "p=1 rf=1 retention.ms=1"),
                topic("other", "p=1 rf=1"), topic("xlogs.a", "p=1 rf=1"), topic("logs.a", "p=1 rf=1"));
        List<TopicPlan> plans = PLANNER.planSweep(TopicPolicy.resolve(SETTINGS, ProvisionRequest.sweep(false), 1),
                cluster);
        assertEquals(List.of("logs.a"), plans.stream().map(TopicPlan::topic).toList());
    }

    /** An explicit request against a cluster holding: logs.pinned (provisioned), logs.auto (auto-created), ... */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            order-service      | logs.order-service | created | partitions:->3, replication.factor:->1, retention.ms:->3600000 | -
            logs.order-service | logs.order-service | created | partitions:->3, replication.factor:->1, retention.ms:->3600000 | -
            LOGS.a             | logs.LOGS.a        | created | partitions:->3, replication.factor:->1, retention.ms:->3600000 | -
            pinned             | logs.pinned        | exists  | -                                                               | -
            logs.auto          | logs.auto          | adopted | partitions:1->3, retention.ms:604800000->604800000              | -
            order service      | -                  | invalid | -                                                               | order-service
            ' order'           | -                  | invalid | -                                                               | order
            ordér/v2           | -                  | invalid | -                                                               | ord-r-v2
            'Order Service!'   | -                  | invalid | -                                                               | Order-Service
            '-web app-'        | -                  | invalid | -                                                               | web-app
            logs.a:b           | -                  | invalid | -                                                               | logs.a-b
            ''                 | -                  | invalid | -                                                               | -
            logs.              | -                  | invalid | -                                                               | -
            a_b                | logs.a_b           | invalid | -                                                               | logs.a.b
            x.y                | logs.x.y           | invalid | -                                                               | logs_x.y
            """)
    void requestPlansOneEntry(String entry, String topic, String status, String changes, String suggestion) {
        ClusterSnapshot cluster = cluster(1, topic("logs.pinned", "p=3 rf=1 retention.ms=3600000@topic"),
                topic("logs.auto", "p=1 rf=1 retention.ms=604800000"));
        cluster = new ClusterSnapshot(1, union(cluster.topicNames(), "logs.a.b", "logs_x.y"), cluster.described());
        ProvisionRequest request = ProvisionRequest.of(List.of(entry), false);
        TopicPolicy policy = TopicPolicy.resolve(SETTINGS, request, 1);
        List<TopicPlan> plans = PLANNER.planRequest(request, policy, cluster);
        assertEquals(1, plans.size());
        TopicResult result = plans.get(0).asResult();
        assertEquals(status, result.status().external(), result::reason);
        assertEquals(topic.equals("-") ? null : topic, result.topic());
        assertEquals(entry, result.requested());
        assertEquals(changes, render(result.changes()));
        assertEquals(suggestion.equals("-") ? Optional.empty() : Optional.of(suggestion), result.suggestion());
    }

    @Test
    void invalidNamesSayWhy() {
        ProvisionRequest request = ProvisionRequest.of(List.of("order service", "", "a".repeat(300), "a_b"), false);
        ClusterSnapshot cluster = new ClusterSnapshot(1, Set.of("logs.a.b"), Map.of());
        List<TopicPlan> plans = PLANNER.planRequest(request, TopicPolicy.resolve(SETTINGS, request, 1), cluster);
        List<String> reasons = plans.stream().map(plan -> ((Invalid) plan).reason()).toList();
        assertEquals("'logs.order service' is not a legal Kafka topic name: only ASCII letters, digits, '.', '_' and"
                + " '-' are allowed", reasons.get(0));
        assertTrue(reasons.get(1).startsWith("no service name"), reasons.get(1));
        assertEquals("'logs." + "a".repeat(300) + "' is not a legal Kafka topic name: the name has 305 characters;"
                + " Kafka allows at most 249", reasons.get(2));
        assertEquals(Optional.of("a".repeat(244)), ((Invalid) plans.get(2)).suggestion());
        assertTrue(reasons.get(3).startsWith("collides with the existing topic 'logs.a.b'"), reasons.get(3));
    }

    @Test
    void theLaterOfTwoCollidingNewNamesInOneBatchIsRefusedAndTheValidItemsProceed() {
        ProvisionRequest request = ProvisionRequest.of(List.of("a.b", "bad name", "a_b", "c"), false);
        List<TopicPlan> plans = PLANNER.planRequest(request, TopicPolicy.resolve(SETTINGS, request, 1),
                new ClusterSnapshot(1, Set.of(), Map.of()));
        assertEquals(List.of("created", "invalid", "invalid", "created"), statuses(plans));
        assertTrue(((Invalid) plans.get(2)).reason().startsWith("collides with 'logs.a.b' earlier in this request"));
    }

    @Test
    void theSameTopicNamedTwiceIsPlannedOnce() {
        ProvisionRequest request = ProvisionRequest.of(List.of("billing", "logs.billing", "billing"), false);
        List<TopicPlan> plans = PLANNER.planRequest(request, TopicPolicy.resolve(SETTINGS, request, 1),
                new ClusterSnapshot(1, Set.of(), Map.of()));
        assertEquals(1, plans.size());
        assertEquals("billing", plans.get(0).requested());
        assertEquals(Set.of("logs.billing"), PLANNER.topicsOf(request));
    }

    @Test
    void requestOverridesShapeNewTopicsAndRaiseButNeverLowerExistingOnes() {
        ProvisionRequest request = new ProvisionRequest(List.of("new", "small", "big", "pinned-week"),
                OptionalInt.of(6), OptionalLong.of(604_800_000L), OptionalInt.empty(), false, false);
        ClusterSnapshot cluster = cluster(3,
                topic("logs.small", "p=3 rf=3 retention.ms=3600000@topic min.insync.replicas=2@topic"),
                topic("logs.big", "p=12 rf=3 retention.ms=604800000@topic min.insync.replicas=2@topic"),
                topic("logs.pinned-week", "p=6 rf=3 retention.ms=3600000@topic min.insync.replicas=2@topic"));
        List<TopicPlan> plans = PLANNER.planRequest(request, TopicPolicy.resolve(SETTINGS, request, 3), cluster);
        Create created = assertInstanceOf(Create.class, plans.get(0));
        assertEquals(new Create("new", "logs.new", 6, 3, Map.of("retention.ms", "604800000",
                "min.insync.replicas", "2")), created);
        assertEquals("partitions:3->6", render(plans.get(1).asResult().changes()));
        assertEquals(Status.EXISTS, plans.get(2).asResult().status());
        TopicResult pinnedWeek = plans.get(3).asResult();
        assertEquals(Status.EXISTS, pinnedWeek.status());
        assertEquals(List.of("retention.ms is 3600000 on the topic, the request asks 604800000; the provisioner never"
                + " changes a topic's own retention (the retention updater does)"), pinnedWeek.drift());
    }

    @Test
    void anExistsReasonShowsTheValuesPinnedOnTheTopic() {
        ClusterSnapshot cluster = cluster(3, topic("logs.kept", "p=4 rf=3 retention.ms=604800000@topic"
                + " min.insync.replicas=2@topic cleanup.policy=delete"));
        TopicPlan plan = PLANNER.planSweep(TopicPolicy.resolve(SETTINGS, ProvisionRequest.sweep(false), 3), cluster)
                .get(0);
        assertEquals("already provisioned: retention.ms=604800000, min.insync.replicas=2 set on the topic,"
                + " 4 partition(s)", plan.asResult().reason());
    }

    @Test
    void anExistingTopicThatAlreadyCollidesIsKeptAndTheClashReported() {
        ProvisionRequest request = ProvisionRequest.of(List.of("a.b"), false);
        ClusterSnapshot cluster = cluster(1, topic("logs.a.b", "p=3 rf=1 retention.ms=3600000@topic"),
                topic("logs.a_b", "p=3 rf=1 retention.ms=3600000@topic"));
        TopicResult result = PLANNER.planRequest(request, TopicPolicy.resolve(SETTINGS, request, 1), cluster)
                .get(0).asResult();
        assertEquals(Status.EXISTS, result.status());
        assertEquals(List.of("its metric name collides with the existing topic 'logs.a_b' ('.' and '_' are the same"
                + " in Kafka's metric names)"), result.drift());
    }

    static TopicState topic(String name, String state) {
        Map<String, String> fields = new HashMap<>();
        Map<String, ConfigValue> configs = new HashMap<>();
        for (String token : state.trim().split("\\s+")) {
            String[] pair = token.split("=", 2);
            if (pair[0].equals("p") || pair[0].equals("rf")) {
                fields.put(pair[0], pair[1]);
            } else if (pair[1].endsWith("@topic")) {
                configs.put(pair[0], ConfigValue.onTopic(pair[1].substring(0, pair[1].length() - "@topic".length())));
            } else {
                configs.put(pair[0], ConfigValue.inherited(pair[1]));
            }
        }
        return new TopicState(name, Integer.parseInt(fields.get("p")), Integer.parseInt(fields.get("rf")), configs);
    }

    static ClusterSnapshot cluster(int brokers, TopicState... topics) {
        Map<String, TopicState> described = Arrays.stream(topics)
                .collect(Collectors.toMap(TopicState::name, topic -> topic));
        return new ClusterSnapshot(brokers, described.keySet(), described);
    }

    private static Set<String> union(Set<String> names, String... more) {
        return java.util.stream.Stream.concat(names.stream(), Arrays.stream(more)).collect(Collectors.toSet());
    }

    private static List<String> statuses(List<TopicPlan> plans) {
        return plans.stream().map(plan -> plan.asResult().status().external()).toList();
    }

    private static String render(List<ConfigChange> changes) {
        if (changes.isEmpty()) {
            return "-";
        }
        return changes.stream()
                .map(change -> change.setting() + ":" + Objects.toString(change.from(), "") + "->" + change.to())
                .collect(Collectors.joining(", "));
    }
}
