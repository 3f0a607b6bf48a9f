package io.logwise.kafka.aws;

import java.net.URI;
import java.util.Locale;

/** The public HTTPS endpoints of AWS services, as the SDK's endpoint rules give them for the standard partitions. */
public final class AwsEndpoints {

    private AwsEndpoints() {
    }

    /** {@code https://<prefix>.<region>.amazonaws.com} ({@code .amazonaws.com.cn} in the China regions). */
    public static URI regional(String hostPrefix, String region) {
        return URI.create("https://" + hostPrefix + "." + region + "." + dnsSuffix(region));
    }

    static String dnsSuffix(String region) {
        return region.toLowerCase(Locale.ROOT).startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    }
}
