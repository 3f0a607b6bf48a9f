package io.logwise.kafka.infra.settings;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code staleScanMinutes}: alarm when no scan has completed for that long. {@code topicArn}: an existing SNS topic
 * that receives alarm and OK notifications; without it the alarms only show in the console.
 */
public record AlarmSettings(int staleScanMinutes, Optional<String> topicArn) {

    private static final Set<String> KEYS = Set.of("staleScanMinutes", "topicArn");
    private static final Pattern SNS_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}");

    static AlarmSettings parse(ContextMap alarms) {
        alarms.rejectUnknownKeys(KEYS);
        Optional<String> topicArn = alarms.optionalString("topicArn");
        topicArn.ifPresent(arn -> {
            if (!SNS_ARN.matcher(arn).matches()) {
                throw new SettingsException(alarms.pathOf("topicArn") + " is not an SNS topic ARN: " + arn);
            }
        });
        // CloudWatch evaluates at most one day of one-minute periods.
        return new AlarmSettings(alarms.integer("staleScanMinutes", 10, 2, 24 * 60), topicArn);
    }
}
