package io.logwise.kafka.infra.settings;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code staleScanMinutes}: alarm when no scan has completed for that long. {@code topicArn}: an existing SNS topic
 * that receives alarm and OK notifications; without it the stack creates a topic for them. {@code emails}: addresses
 * the created topic sends to (each confirms once by the link SNS mails); for an existing topic, manage its
 * subscriptions where the topic is defined.
 */
public record AlarmSettings(int staleScanMinutes, Optional<String> topicArn, List<String> emails) {

    private static final Set<String> KEYS = Set.of("staleScanMinutes", "topicArn", "emails");
    private static final Pattern SNS_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public AlarmSettings {
        emails = List.copyOf(emails);
    }

    static AlarmSettings parse(ContextMap alarms) {
        alarms.rejectUnknownKeys(KEYS);
        Optional<String> topicArn = alarms.optionalString("topicArn");
        topicArn.ifPresent(arn -> {
            if (!SNS_ARN.matcher(arn).matches()) {
                throw new SettingsException(alarms.pathOf("topicArn") + " is not an SNS topic ARN: " + arn);
            }
        });
        List<String> emails = alarms.stringList("emails");
        for (String email : emails) {
            if (!EMAIL.matcher(email).matches()) {
                throw new SettingsException(alarms.pathOf("emails") + " has a malformed address: " + email);
            }
        }
        if (Set.copyOf(emails).size() != emails.size()) {
            throw new SettingsException(alarms.pathOf("emails") + " lists an address twice: " + emails);
        }
        if (topicArn.isPresent() && !emails.isEmpty()) {
            throw new SettingsException(alarms.pathOf("emails") + " subscribes to the topic the stack creates;"
                    + " with alarms.topicArn, subscribe to that topic where it is defined");
        }
        // CloudWatch evaluates at most one day of one-minute periods.
        return new AlarmSettings(alarms.integer("staleScanMinutes", 10, 2, 24 * 60), topicArn, emails);
    }
}
