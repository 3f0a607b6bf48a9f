package io.logwise.kafka.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a loopback port whose behaviour can be switched while clients are connected, to make a broker slow
 * or unreachable without touching it. Every connection it accepts is relayed to the target by four daemon threads (a
 * reader and a writer per direction); {@link #close()} closes every socket and waits for those threads to end.
 * <ul>
 *   <li>{@link Mode.Pass}: bytes go through as they come.</li>
 *   <li>{@link Mode.Delay}: each chunk read in either direction is delivered {@code perChunk} after it was read, in
 *       order (network latency, not a bandwidth limit).</li>
 *   <li>{@link Mode.Blackhole}: bytes read are dropped, on new and existing connections, which stay open. A
 *       connection that lost bytes is broken for good (its stream is corrupt), like a TCP path that died: it keeps
 *       swallowing after the proxy passes traffic again, until one side closes it.</li>
 *   <li>{@link Mode.Refuse}: existing connections are reset, new ones are reset as soon as they are accepted.</li>
 *   <li>{@link Mode.BlackholeMatching}: only new connections that open with given bytes are swallowed.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    /** How the proxy treats traffic, switchable at any time with {@link #mode(Mode)}. */
    public sealed interface Mode {
        record Pass() implements Mode { }

        record Delay(Duration perChunk) implements Mode { }

        record Blackhole() implements Mode { }

        record Refuse() implements Mode { }

        /**
         * Connections whose first bytes contain {@code marker} are swallowed from the start (as in {@link Blackhole});
         * all other traffic, and every connection opened before, passes. A Kafka client sends its client id in plain
         * text in every request header, so this cuts off one client (e.g. a producer) and leaves the others working.
         */
        record BlackholeMatching(String marker) implements Mode { }

        Mode PASS = new Pass();
        Mode BLACKHOLE = new Blackhole();
        Mode REFUSE = new Refuse();

        static Mode delay(Duration perChunk) {
            return new Delay(perChunk);
        }
    }

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final byte[] END_OF_STREAM = new byte[0];

    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong forwardedBytes = new AtomicLong();
    private final AtomicLong droppedBytes = new AtomicLong();
    private volatile InetSocketAddress target;
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = daemon("tcp-proxy-" + port() + "-accept", this::acceptLoop);
        acceptor.start();
    }

    /** A proxy to {@code target}, listening on a free loopback port. */
    public static TcpProxy to(InetSocketAddress target) {
        try {
            return new TcpProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a proxy port", e);
        }
    }

    /**
     * A proxy whose target is set later with {@link #forwardTo}: a broker must advertise the proxy's port before its
     * own port is known. Connections accepted before then are closed.
     */
    public static TcpProxy listening() {
        return to(null);
    }

    public TcpProxy forwardTo(InetSocketAddress target) {
        this.target = target;
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** host:port to connect to, e.g. as a client's bootstrap server or a broker's advertised address. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public Mode mode() {
        return mode;
    }

    /** Switches the mode for all traffic from now on; {@link Mode.Refuse} also resets every open connection. */
    public void mode(Mode mode) {
        this.mode = mode;
        if (mode instanceof Mode.Refuse) {
            List.copyOf(links).forEach(link -> link.close(true));
        }
    }

    /** Connections accepted since the start, whatever became of them. */
    public long acceptedConnections() {
        return accepted.get();
    }

    public int openConnections() {
        return links.size();
    }

    /** Bytes written to either side. */
    public long forwardedBytes() {
        return forwardedBytes.get();
    }

    /** Bytes read and dropped (blackholed). */
    public long droppedBytes() {
        return droppedBytes.get();
    }

    /** Bytes read but not yet delivered (delayed), over all connections. */
    public long pendingBytes() {
        return links.stream().mapToLong(Link::pendingBytes).sum();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        List.copyOf(links).forEach(link -> link.close(true));
        List<Thread> all;
        synchronized (threads) {
            all = new ArrayList<>(threads);
        }
        all.add(acceptor);
        for (Thread thread : all) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // the server socket was closed
            }
            accepted.incrementAndGet();
            InetSocketAddress to = target;
            if (mode instanceof Mode.Refuse || to == null) {
                reset(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(to, 2_000);
                Link link = new Link(client, upstream);
                links.add(link);
                if (closed) {
                    link.close(true);
                    return;
                }
                link.start();
            } catch (IOException e) {
                reset(upstream);
                reset(client);
            }
        }
    }

    private Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void reset(Socket socket) {
        try {
            if (!socket.isClosed() && socket.isConnected()) {
                socket.setSoLinger(true, 0); // RST instead of FIN: the peer sees a reset, as from a dead host
            }
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        for (int start = 0; start + marker.length <= length; start++) {
            if (Arrays.equals(buffer, start, start + marker.length, marker, 0, marker.length)) {
                return true;
            }
        }
        return false;
    }

    /** A chunk of bytes and the time it may be delivered. */
    @SuppressWarnings("ArrayRecordComponent") // bytes carried as they came, never compared or hashed
    private record Chunk(byte[] bytes, long dueNanos) {
    }

    /** One accepted connection and its upstream connection. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final AtomicBoolean broken = new AtomicBoolean();
        private final AtomicBoolean closing = new AtomicBoolean();
        private final List<Direction> directions;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
            String name = "tcp-proxy-" + port() + "-" + client.getPort();
            this.directions = List.of(new Direction(name + "-up", client, upstream, true),
                    new Direction(name + "-down", upstream, client, false));
        }

        void start() {
            directions.forEach(Direction::start);
        }

        long pendingBytes() {
            return directions.stream().mapToLong(Direction::pendingBytes).sum();
        }

        void close(boolean reset) {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            if (reset) {
                TcpProxy.reset(client);
                TcpProxy.reset(upstream);
            } else {
                closeQuietly(client);
                closeQuietly(upstream);
            }
            directions.forEach(Direction::interruptWriter);
            links.remove(this);
        }

        private void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        /** Bytes from one socket to the other: a reader that stamps chunks, a writer that delivers them when due. */
        private final class Direction {
            private final Socket from;
            private final Socket to;
            private final boolean fromClient;
            private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
            private final AtomicLong pending = new AtomicLong();
            private final Thread reader;
            private final Thread writer;

            Direction(String name, Socket from, Socket to, boolean fromClient) {
                this.from = from;
                this.to = to;
                this.fromClient = fromClient;
                this.reader = daemon(name + "-read", this::read);
                this.writer = daemon(name + "-write", this::write);
            }

            void start() {
                synchronized (threads) {
                    threads.removeIf(t -> !t.isAlive() && t.getState() == Thread.State.TERMINATED);
                    threads.add(reader);
                    threads.add(writer);
                }
                reader.start();
                writer.start();
            }

            long pendingBytes() {
                return pending.get();
            }

            void interruptWriter() {
                writer.interrupt();
            }

            private void read() {
                byte[] buffer = new byte[CHUNK_BYTES];
                try {
                    // Not closed here: closing a socket's stream closes the socket, and the other direction may
                    // still be delivering.
                    InputStream in = from.getInputStream();
                    int n;
                    boolean first = true;
                    while ((n = in.read(buffer)) >= 0) {
                        Mode now = mode;
                        if (first && fromClient && now instanceof Mode.BlackholeMatching matching
                                && contains(buffer, n, matching.marker().getBytes(StandardCharsets.UTF_8))) {
                            broken.set(true);
                        }
                        first = false;
                        if (now instanceof Mode.Blackhole || broken.get()) {
                            broken.set(true);
                            droppedBytes.addAndGet(n);
                            continue;
                        }
                        long delay = now instanceof Mode.Delay d ? d.perChunk().toNanos() : 0;
                        pending.addAndGet(n);
                        queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delay));
                    }
                    queue.add(new Chunk(END_OF_STREAM, System.nanoTime()
                            + (mode instanceof Mode.Delay d ? d.perChunk().toNanos() : 0)));
                } catch (IOException e) {
                    close(true);
                }
            }

            private void write() {
                try {
                    OutputStream out = to.getOutputStream();
                    while (true) {
                        Chunk chunk = queue.take();
                        long wait = chunk.dueNanos() - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        if (chunk.bytes() == END_OF_STREAM) {
                            to.shutdownOutput();
                            if (client.isOutputShutdown() && upstream.isOutputShutdown()) {
                                close(false);
                            }
                            return;
                        }
                        out.write(chunk.bytes());
                        out.flush();
                        pending.addAndGet(-chunk.bytes().length);
                        forwardedBytes.addAndGet(chunk.bytes().length);
                    }
                } catch (IOException e) {
                    close(true);
                } catch (InterruptedException e) {
                    // the link is closing
                }
            }
        }
    }
}
