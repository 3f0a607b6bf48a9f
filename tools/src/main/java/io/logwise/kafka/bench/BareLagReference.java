package io.logwise.kafka.bench;

import io.logwise.kafka.local.fixtures.BareLagReading;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The bare reference of the scan benchmark ({@link BareLagReading}) in a fresh JVM run with the function's JVM flags:
 * prints {@value #MARKER} and its figures as one line. With {@value #SCAN_CALLS}, also the other calls the scan's
 * verdicts need. See {@link LagScanBenchmark}.
 */
public final class BareLagReference {

    static final String MARKER = "REFERENCE ";
    static final String SCAN_CALLS = "--scan-calls";

    private BareLagReference() {
    }

    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv("KAFKA_BOOTSTRAP_SERVERS")))) {
            System.out.println(MARKER + BareLagReading.read(admin, args.length > 0 && args[0].equals(SCAN_CALLS)));
        }
    }
}
