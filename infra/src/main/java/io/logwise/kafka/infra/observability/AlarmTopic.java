package io.logwise.kafka.infra.observability;

import io.logwise.kafka.infra.settings.AlarmSettings;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The SNS topic the alarms notify: the one {@code alarms.topicArn} names, or a topic of this stack with the
 * {@code alarms.emails} subscriptions. The created topic is encrypted with its own key: CloudWatch cannot publish to a
 * topic under the AWS managed SNS key, whose policy does not let the CloudWatch service use it.
 */
public final class AlarmTopic extends Construct {

    private final ITopic topic;

    public AlarmTopic(Construct scope, String id, String namePrefix, AlarmSettings settings) {
        super(scope, id);
        if (settings.topicArn().isPresent()) {
            this.topic = Topic.fromTopicArn(this, "Topic", settings.topicArn().get());
            return;
        }
        ServicePrincipal cloudWatch = new ServicePrincipal("cloudwatch.amazonaws.com");
        Key key = Key.Builder.create(this, "Key")
                .description("Encrypts the alarm notifications of " + namePrefix + "*")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(cloudWatch))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        Topic created = Topic.Builder.create(this, "Topic")
                .topicName(namePrefix + "alarms")
                .displayName("LogWise Kafka alarms (" + namePrefix + "*)")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        Stack stack = Stack.of(this);
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsOfThisEnvironment")
                .effect(Effect.ALLOW)
                .principals(List.of(cloudWatch))
                .actions(List.of("sns:Publish"))
                .resources(List.of(created.getTopicArn()))
                .conditions(Map.of("ArnLike", Map.of("aws:SourceArn", "arn:" + stack.getPartition() + ":cloudwatch:"
                        + stack.getRegion() + ":" + stack.getAccount() + ":alarm:" + namePrefix + "*")))
                .build());
        settings.emails().forEach(email -> created.addSubscription(new EmailSubscription(email)));
        this.topic = created;
    }

    public ITopic topic() {
        return topic;
    }
}
