package io.logwise.kafka.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotInventoryTest {

    private static final String TCP_HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when"
            + " retrnsmt   uid  timeout inode";

    @Test
    void tcpRowsAreDecodedInTheKernelsByteOrder() {
        List<String> table = List.of(TCP_HEADER,
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1573 1 0",
                "   1: 0100007F:9C40 0100007F:2384 01 00000000:00000000 00:00000000 00000000  1000        0 2001 1 0",
                "   2: 0A00A8C0:B3A2 2200A8C0:01BB 06 00000000:00000000 03:00000F8C 00000000     0        0 0 3 0");
        List<String> table6 = List.of(TCP_HEADER,
                "   0: 0000000000000000FFFF00000100007F:2384 0000000000000000FFFF00000100007F:A1B2 01 00000000:00000000"
                        + " 00:00000000 00000000     0        0 1375254 1 0",
                "   1: 00000000000000000000000001000000:1F90 B80D0120000000000000000001000000:0050 01 00000000:00000000"
                        + " 00:00000000 00000000     0        0 99 1 0");

        assertEquals(List.of(
                new SnapshotInventory.TcpRow("127.0.0.1", 8080, "0.0.0.0", 0, "0A", 1573),
                new SnapshotInventory.TcpRow("127.0.0.1", 40000, "127.0.0.1", 9092, "01", 2001),
                new SnapshotInventory.TcpRow("192.168.0.10", 45986, "192.168.0.34", 443, "06", 0)),
                SnapshotInventory.parseTcpTable(table, ByteOrder.LITTLE_ENDIAN));
        List<SnapshotInventory.TcpRow> rows6 = SnapshotInventory.parseTcpTable(table6, ByteOrder.LITTLE_ENDIAN);
        assertEquals("127.0.0.1:41394", rows6.get(0).remote(), "an IPv4-mapped address reads as IPv4");
        assertEquals("[2001:db8:0:0:0:0:0:1]:80", rows6.get(1).remote());
        assertEquals("[0:0:0:0:0:0:0:1]:8080", "[" + rows6.get(1).localAddress() + "]:" + rows6.get(1).localPort());
        assertEquals("1.0.0.127", SnapshotInventory.parseTcpTable(table, ByteOrder.BIG_ENDIAN).get(0).localAddress());
    }

    @Test
    void theLineSaysNoneUnknownOrTheLists() {
        assertEquals("SNAPSHOT Kafka client threads: none\tOpen connections: none",
                SnapshotInventory.line(List.of(), Optional.of(List.of())));
        assertEquals("SNAPSHOT Kafka client threads: none\tOpen connections: unknown",
                SnapshotInventory.line(List.of(), Optional.empty()));
        assertEquals("SNAPSHOT Kafka client threads: kafka-admin-client-thread | adminclient-1"
                        + "\tOpen connections: 127.0.0.1:9092, 127.0.0.1:9093",
                SnapshotInventory.line(List.of("kafka-admin-client-thread | adminclient-1"),
                        Optional.of(List.of("127.0.0.1:9092", "127.0.0.1:9093"))));
    }

    @Test
    void kafkaClientThreadsAreKnownByTheirNames() {
        for (String name : List.of("kafka-admin-client-thread | adminclient-1",
                "kafka-producer-network-thread | producer-3", "kafka-coordinator-heartbeat-thread | spark-logs",
                "consumer_background_thread")) {
            assertTrue(SnapshotInventory.isKafkaClientThread(name), name);
        }
        for (String name : List.of("main", "runtime-api", "kafka-log-cleaner", "my-kafka-admin-client-thread",
                "ForkJoinPool.commonPool-worker-1")) {
            assertFalse(SnapshotInventory.isKafkaClientThread(name), name);
        }
    }

    @Test
    void aLiveThreadNamedLikeAKafkaClientIsListedUntilItEnds() throws Exception {
        String name = "kafka-producer-network-thread | snapshot-test-" + System.nanoTime();
        CountDownLatch stop = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.start();

        assertTrue(SnapshotInventory.kafkaClientThreads(Thread.getAllStackTraces().keySet()).contains(name));
        assertTrue(SnapshotInventory.line(0).contains(name), SnapshotInventory.line(0));
        stop.countDown();
        thread.join();
        assertFalse(SnapshotInventory.kafkaClientThreads(Thread.getAllStackTraces().keySet()).contains(name));
    }

    @Test
    void aRealLoopbackConnectionIsListedFromBothEndsUnlessExcludedAndGoneOnceClosed() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc (Linux)");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        String toServer;
        String toClient;
        int serverPort;
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            serverPort = server.getLocalPort();
            toServer = "127.0.0.1:" + serverPort;
            toClient = "127.0.0.1:" + client.getLocalPort();

            List<String> open = SnapshotInventory.establishedConnections(0).orElseThrow();
            assertTrue(open.contains(toServer), toServer + " not in " + open);
            assertTrue(open.contains(toClient), toClient + " not in " + open);
            List<String> excluded = SnapshotInventory.establishedConnections(serverPort).orElseThrow();
            assertFalse(excluded.contains(toServer) || excluded.contains(toClient), excluded.toString());
        }
        List<String> afterClose = SnapshotInventory.establishedConnections(0).orElseThrow();
        assertFalse(afterClose.contains(toServer) || afterClose.contains(toClient), afterClose.toString());
    }

    @Test
    void withoutProcTheConnectionsAreUnknown(@TempDir Path notProc) {
        assertEquals(Optional.empty(), SnapshotInventory.establishedConnections(notProc, 0));
    }
}
