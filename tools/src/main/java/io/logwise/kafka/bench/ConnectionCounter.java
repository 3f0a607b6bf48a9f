package io.logwise.kafka.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Counts the TCP connections opened to one local port while it runs, by polling /proc/net/tcp every 50
 * milliseconds: each client-side socket (remote port = the port) seen that was not there at the start counts once.
 * Connections that live less than one poll are missed; a Kafka client's connections live for the whole invocation.
 */
final class ConnectionCounter implements AutoCloseable {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private final String port;
    private final Set<String> before;
    private final Set<String> seen = new HashSet<>();
    private final Thread poller;
    private volatile boolean running = true;

    private ConnectionCounter(int port) {
        this.port = String.format(":%04X", port);
        this.before = clientSockets();
        this.poller = new Thread(() -> {
            while (running) {
                Set<String> now = clientSockets();
                synchronized (seen) {
                    seen.addAll(now);
                }
                try {
                    Thread.sleep(50); // reading /proc/net/tcp more often starved the measured process here
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "connection-counter");
        poller.setDaemon(true);
        poller.start();
    }

    static boolean available() {
        return Files.isReadable(TABLES.get(0));
    }

    static ConnectionCounter toPort(int port) {
        return new ConnectionCounter(port);
    }

    /** Connections opened to the port since the start. */
    int opened() {
        synchronized (seen) {
            Set<String> opened = new HashSet<>(seen);
            opened.removeAll(before);
            return opened.size();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join();
    }

    /** Local address and port of every socket whose remote end is the port (the clients' side). */
    private Set<String> clientSockets() {
        Set<String> sockets = new HashSet<>();
        for (Path table : TABLES) {
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] fields = WHITESPACE.split(line.trim(), -1);
                    if (fields.length > 3 && fields[2].endsWith(port)) {
                        sockets.add(fields[1]);
                    }
                }
            } catch (IOException e) {
                // no such table (no IPv6): nothing to count there
            }
        }
        return sockets;
    }
}
