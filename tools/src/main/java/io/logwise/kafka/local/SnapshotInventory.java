package io.logwise.kafka.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a SnapStart snapshot taken now would hold that a restored copy cannot use: Kafka client threads (their
 * connections and metadata belong to the moment of the snapshot) and established TCP connections (they are dead after
 * a restore, and every copy restored from one snapshot would share them). Printed as the SNAPSHOT line.
 */
final class SnapshotInventory {

    /** The names Kafka's clients give their threads (kafka-clients 4.x; the first three end with " | clientId"). */
    private static final List<String> KAFKA_CLIENT_THREAD_PREFIXES = List.of("kafka-admin-client-thread",
            "kafka-producer-network-thread", "kafka-coordinator-heartbeat-thread", "consumer_background_thread");
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final String ESTABLISHED = "01";
    private static final Path PROC_SELF = Path.of("/proc/self");

    /** One row of /proc/net/tcp or tcp6, with the addresses decoded. */
    record TcpRow(String localAddress, int localPort, String remoteAddress, int remotePort, String state,
                  long inode) {
        boolean established() {
            return ESTABLISHED.equals(state);
        }

        String remote() {
            return (remoteAddress.contains(":") ? "[" + remoteAddress + "]" : remoteAddress) + ":" + remotePort;
        }
    }

    private SnapshotInventory() {
    }

    /** The line for this process now, leaving out connections to and from the local Runtime API's port. */
    static String line(int runtimeApiPort) {
        return line(kafkaClientThreads(Thread.getAllStackTraces().keySet()), establishedConnections(runtimeApiPort));
    }

    static String line(List<String> kafkaThreads, Optional<List<String>> connections) {
        return "SNAPSHOT Kafka client threads: " + listOrNone(kafkaThreads)
                + "\tOpen connections: " + connections.map(SnapshotInventory::listOrNone).orElse("unknown");
    }

    static boolean isKafkaClientThread(String name) {
        return KAFKA_CLIENT_THREAD_PREFIXES.stream().anyMatch(name::startsWith);
    }

    static List<String> kafkaClientThreads(Collection<Thread> threads) {
        return threads.stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(SnapshotInventory::isKafkaClientThread).sorted().toList();
    }

    /**
     * The remote end (host:port) of each established TCP connection this process holds, except those whose local or
     * remote port is {@code excludedPort}; empty when the system has no /proc to tell.
     */
    static Optional<List<String>> establishedConnections(int excludedPort) {
        return establishedConnections(PROC_SELF, excludedPort);
    }

    static Optional<List<String>> establishedConnections(Path procSelf, int excludedPort) {
        Set<Long> sockets;
        List<TcpRow> rows = new ArrayList<>();
        try {
            sockets = socketInodes(procSelf.resolve("fd"));
            ByteOrder order = ByteOrder.nativeOrder();
            for (String table : List.of("net/tcp", "net/tcp6")) {
                try {
                    rows.addAll(parseTcpTable(Files.readAllLines(procSelf.resolve(table)), order));
                } catch (NoSuchFileException e) {
                    // no IPv6 on this system
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(rows.stream()
                .filter(row -> row.established() && sockets.contains(row.inode()))
                .filter(row -> row.localPort() != excludedPort && row.remotePort() != excludedPort)
                .map(TcpRow::remote).sorted().toList());
    }

    /** The inodes of the sockets among this process's file descriptors (links named socket:[inode]). */
    private static Set<Long> socketInodes(Path fdDirectory) throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDirectory)) {
            for (Path fd : fds) {
                try {
                    Matcher socket = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (socket.matches()) {
                        inodes.add(Long.parseLong(socket.group(1)));
                    }
                } catch (IOException e) {
                    // closed while listing (the directory stream's own descriptor is one)
                }
            }
        }
        return inodes;
    }

    /**
     * The rows of /proc/net/tcp or tcp6 (header line skipped). Addresses are hex words in the kernel's byte order,
     * ports hex in host order: {@code 0100007F:1F90} is 127.0.0.1:8080 on a little-endian machine.
     */
    static List<TcpRow> parseTcpTable(List<String> lines, ByteOrder order) {
        List<TcpRow> rows = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+", -1);
            if (fields.length < 10) {
                continue;
            }
            String[] local = fields[1].split(":", -1);
            String[] remote = fields[2].split(":", -1);
            rows.add(new TcpRow(address(local[0], order), Integer.parseInt(local[1], 16),
                    address(remote[0], order), Integer.parseInt(remote[1], 16), fields[3], Long.parseLong(fields[9])));
        }
        return rows;
    }

    private static String address(String hex, ByteOrder order) {
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(order);
        for (int word = 0; word < hex.length(); word += 8) {
            bytes.putInt((int) Long.parseLong(hex.substring(word, word + 8), 16));
        }
        try {
            return InetAddress.getByAddress(bytes.array()).getHostAddress(); // an IPv4-mapped IPv6 address as IPv4
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hex, e);
        }
    }

    private static String listOrNone(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }
}
