package io.logwise.kafka.testkit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A test's own view of topics, read with the test's Admin (never the code under test's), and its own changes that
 * return only once the broker answering reads has them. Reads retry while a topic is not known yet; the
 * {@code await*} reads wait for an expected value (see {@link Eventually}) and return the last value seen.
 */
public final class TopicReads {

    private final Admin admin;

    public TopicReads(Admin admin) {
        this.admin = admin;
    }

    public int partitions(String topic) throws Exception {
        return Eventually.await(() -> partitionsNow(topic), count -> true);
    }

    public int awaitPartitions(String topic, int expected) throws Exception {
        return Eventually.awaitEquals(expected, () -> partitionsNow(topic));
    }

    /** The topic's config entry (value and source), as the broker answers now. */
    public ConfigEntry configEntry(String topic, String name) throws Exception {
        return Eventually.await(() -> configEntryNow(topic, name), entry -> true);
    }

    public String config(String topic, String name) throws Exception {
        return configEntry(topic, name).value();
    }

    public String awaitConfig(String topic, String name, String expected) throws Exception {
        return Eventually.awaitEquals(expected, () -> configEntryNow(topic, name).value());
    }

    /** Sets topic configs and returns once reads show them. */
    public void setConfig(String topic, String name, String value) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry(name, value),
                AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        String seen = awaitConfig(topic, name, value);
        if (!value.equals(seen)) {
            throw new IllegalStateException(topic + " " + name + "=" + value + " was committed but the broker still"
                    + " answers " + seen + " after " + Eventually.PATIENCE);
        }
    }

    /** Creates the topics and returns once every one is described with a leader on each partition. */
    public void create(Collection<NewTopic> topics) throws Exception {
        admin.createTopics(topics).all().get(2, TimeUnit.MINUTES);
        awaitServed(topics.stream().map(NewTopic::name).toList());
    }

    /** Returns once every topic is described with a leader on each partition, in one describe call per try. */
    public void awaitServed(Collection<String> topics) throws Exception {
        List<String> waiting = Eventually.await(() -> unserved(topics), List::isEmpty);
        if (!waiting.isEmpty()) {
            throw new IllegalStateException(waiting.size() + " topics not served after " + Eventually.PATIENCE
                    + ", e.g. " + waiting.get(0));
        }
    }

    private List<String> unserved(Collection<String> topics) throws Exception {
        var described = admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS);
        return topics.stream().filter(topic -> described.get(topic).partitions().stream()
                .anyMatch(partition -> partition.leader() == null || partition.leader().isEmpty())).toList();
    }

    private int partitionsNow(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                .partitions().size();
    }

    private ConfigEntry configEntryNow(String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).get(name);
    }
}
