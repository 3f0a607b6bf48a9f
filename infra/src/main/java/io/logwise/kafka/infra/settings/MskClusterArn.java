package io.logwise.kafka.infra.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MSK cluster ARN ({@code arn:PARTITION:kafka:REGION:ACCOUNT:cluster/NAME/UUID}) and the topic and group ARNs MSK
 * IAM access control derives from it.
 */
public record MskClusterArn(String partition, String region, String account, String clusterName, String clusterUuid) {

    private static final Pattern FORMAT = Pattern.compile(
            "arn:(aws[a-z-]*):kafka:([a-z0-9-]+):(\\d{12}):cluster/([A-Za-z0-9-]{1,64})/([A-Za-z0-9-]+)");

    public static MskClusterArn parse(String arn) {
        Matcher matcher = FORMAT.matcher(arn);
        if (!matcher.matches()) {
            throw new SettingsException(
                    "not an MSK cluster ARN (arn:aws:kafka:REGION:ACCOUNT:cluster/NAME/UUID): " + arn);
        }
        return new MskClusterArn(
                matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4), matcher.group(5));
    }

    public String arn() {
        return resource("cluster");
    }

    /** Every topic whose name starts with the literal {@code prefix}; MSK IAM treats {@code *} as a wildcard. */
    public String topicsWithPrefix(String prefix) {
        return resource("topic") + "/" + prefix + "*";
    }

    public String topic(String name) {
        return resource("topic") + "/" + name;
    }

    public String allGroups() {
        return resource("group") + "/*";
    }

    private String resource(String type) {
        return "arn:" + partition + ":kafka:" + region + ":" + account + ":" + type + "/" + clusterName + "/"
                + clusterUuid;
    }
}
