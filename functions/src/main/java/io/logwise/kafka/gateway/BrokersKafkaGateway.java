package io.logwise.kafka.gateway;

import io.logwise.kafka.client.Deadline;
import io.logwise.kafka.error.KafkaErrors;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * How many brokers a new topic's replication factor may count on. A plain describeCluster lists only the live
 * (unfenced) brokers, so while one of three is down or restarting (a Lambda retry seconds after a broker failure, an
 * MSK rolling update) "min(3, brokers)" would create topics with a permanent replication factor of 2. Fenced
 * brokers are still registered and Kafka places replicas on them (they catch up on return), so they count.
 */
public final class BrokersKafkaGateway {

    private BrokersKafkaGateway() {
    }

    /**
     * Registered brokers, fenced ones included. Brokers before Kafka 3.9 (DescribeCluster v2, KIP-1073) cannot list
     * fenced brokers: then the live ones.
     */
    public static int registeredBrokers(Admin admin, Deadline deadline, String operation) {
        try {
            try {
                return admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)
                        .timeoutMs(deadline.callTimeoutMs(operation))).nodes().get().size();
            } catch (ExecutionException e) {
                if (!(KafkaErrors.unwrap(e) instanceof UnsupportedVersionException)) {
                    throw e;
                }
                return admin.describeCluster(new DescribeClusterOptions()
                        .timeoutMs(deadline.callTimeoutMs(operation))).nodes().get().size();
            }
        } catch (ExecutionException | InterruptedException e) {
            throw KafkaErrors.translate(operation, e);
        }
    }
}
