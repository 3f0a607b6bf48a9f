package io.logwise.kafka.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logwise.kafka.infra.settings.SettingsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Without alarms.topicArn the stack creates the alarm topic (with optional e-mail subscriptions) and outputs it. */
@SuppressWarnings("unchecked")
class AlarmNotificationTest {

    @ParameterizedTest
    @ValueSource(strings = {"local", "msk-iam-example", "scram-example"})
    void everyShippedEnvironmentNotifiesItsOwnTopicOnAlarmAndOk(String environment) {
        TemplateFacts facts = TemplateFacts.of(TestApps.stack(environment));
        Map<String, Map<String, Object>> topics = facts.ofType("AWS::SNS::Topic");
        assertEquals(1, topics.size());
        String topicId = topics.keySet().iterator().next();
        Map<String, Object> topic = topics.get(topicId);
        assertEquals("logwise-kafka-" + environment + "-alarms", topic.get("TopicName"));
        assertTrue(topic.containsKey("KmsMasterKeyId"), "encrypted with the stack's own key");
        Map<String, Object> alarms = (Map<String, Object>) (Map<?, ?>) facts.ofType("AWS::CloudWatch::Alarm");
        assertEquals(23, alarms.size());
        facts.ofType("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            assertEquals(List.of(Map.of("Ref", topicId)), alarm.get("AlarmActions"), alarm::toString);
            assertEquals(List.of(Map.of("Ref", topicId)), alarm.get("OKActions"), alarm::toString);
        });
        Map<String, Object> output = (Map<String, Object>) ((Map<String, Object>) facts.json().get("Outputs"))
                .get("AlarmTopicArn");
        assertEquals(Map.of("Ref", topicId), output.get("Value"));
        facts.template().resourceCountIs("AWS::SNS::Subscription", 0);
    }

    /** CloudWatch publishes to the topic and uses its key; the topic refuses anything but TLS. */
    @Test
    void cloudWatchMayPublishToTheTopicAndUseItsKey() {
        TemplateFacts facts = TemplateFacts.of(TestApps.stack("scram-example"));
        Map<String, Object> policy = facts.ofType("AWS::SNS::TopicPolicy").values().iterator().next();
        String document = policy.get("PolicyDocument").toString();
        assertTrue(document.contains("aws:SecureTransport"), document);
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) policy
                .get("PolicyDocument")).get("Statement");
        Map<String, Object> publish = statements.stream()
                .filter(s -> "CloudWatchAlarmsOfThisEnvironment".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertEquals(Map.of("Service", "cloudwatch.amazonaws.com"), publish.get("Principal"));
        assertEquals("sns:Publish", publish.get("Action"));
        String sourceArn = TemplateFacts.flatten(((Map<String, Object>) ((Map<String, Object>) publish
                .get("Condition")).get("ArnLike")).get("aws:SourceArn"));
        assertEquals("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:logwise-kafka-scram-example-*",
                sourceArn);
        Map<String, Object> key = facts.ofType("AWS::KMS::Key").values().iterator().next();
        assertEquals(true, key.get("EnableKeyRotation"));
        String keyPolicy = key.get("KeyPolicy").toString();
        assertTrue(keyPolicy.contains("cloudwatch.amazonaws.com") && keyPolicy.contains("kms:GenerateDataKey*"),
                keyPolicy);
    }

    @Test
    void emailsFromTheContextSubscribeToTheCreatedTopic() {
        TemplateFacts facts = TemplateFacts.of(TestApps.stack("scram-example", TestApps.edited("scram-example",
                env -> env.put("alarms", Map.of("emails", List.of("oncall@example.com", "kafka@example.com"))))));
        String topicId = facts.ofType("AWS::SNS::Topic").keySet().iterator().next();
        Map<String, Map<String, Object>> subscriptions = facts.ofType("AWS::SNS::Subscription");
        assertEquals(2, subscriptions.size());
        assertEquals(java.util.Set.of("oncall@example.com", "kafka@example.com"), subscriptions.values().stream()
                .peek(s -> assertEquals("email", s.get("Protocol")))
                .peek(s -> assertEquals(Map.of("Ref", topicId), s.get("TopicArn")))
                .map(s -> s.get("Endpoint")).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void emailsWithAGivenTopicOrMalformedAreRefused() {
        String topic = "arn:aws:sns:eu-west-1:111122223333:oncall";
        SettingsException both = assertThrows(SettingsException.class, () -> TestApps.stack("scram-example",
                TestApps.edited("scram-example", env -> env.put("alarms", Map.of("topicArn", topic,
                        "emails", List.of("oncall@example.com"))))));
        assertTrue(both.getMessage().contains("alarms.emails"), both.getMessage());
        SettingsException malformed = assertThrows(SettingsException.class, () -> TestApps.stack("scram-example",
                TestApps.edited("scram-example", env -> env.put("alarms", Map.of("emails", List.of("oncall"))))));
        assertTrue(malformed.getMessage().contains("malformed address: oncall"), malformed.getMessage());
    }
}
