package io.logwise.kafka.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy's modes with plain sockets against a loopback echo server. */
class TcpProxyTest {

    /** How long a read that should get nothing waits before the test takes the silence as the answer. */
    private static final Duration READ_TIMEOUT = Duration.ofMillis(700);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private ServerSocket echo;
    private Thread echoThread;
    private TcpProxy proxy;

    @BeforeEach
    void startEchoServerAndProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThread = new Thread(this::echoLoop, "echo-server");
        echoThread.setDaemon(true);
        echoThread.start();
        proxy = TcpProxy.to(new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        echo.close();
        echoThread.join(5_000);
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            try {
                Socket socket = echo.accept();
                Thread handler = new Thread(() -> {
                    try (socket) {
                        socket.getInputStream().transferTo(socket.getOutputStream());
                    } catch (IOException ignored) {
                        // the peer went away
                    }
                }, "echo-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void passRelaysBothWaysAndCountsConnectionsAndBytes() throws IOException {
        try (Socket socket = connect()) {
            assertEquals("hello", roundTrip(socket, "hello"));
            assertEquals("again", roundTrip(socket, "again"));
        }
        assertEquals(1, proxy.acceptedConnections());
        // A relay thread counts a chunk right after writing it, so the echo may arrive before the count.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (proxy.forwardedBytes() < 20 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(20, proxy.forwardedBytes(), "10 bytes up and 10 bytes back");
    }

    @Test
    void delayHoldsEachChunkInEachDirection() throws IOException {
        proxy.mode(TcpProxy.Mode.delay(Duration.ofMillis(400)));
        try (Socket socket = connect()) {
            socket.setSoTimeout(5_000);
            long started = System.nanoTime();
            assertEquals("slow", roundTrip(socket, "slow"));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMs >= 800, "a round trip crosses the proxy twice: " + tookMs + " ms");
        }
    }

    @Test
    void delayIsLatencyNotThroughput() throws IOException {
        proxy.mode(TcpProxy.Mode.delay(Duration.ofMillis(500)));
        try (Socket socket = connect()) {
            socket.setSoTimeout(10_000);
            long started = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 5; i++) {
                out.write('a' + i);
                out.flush();
                sleep(20);
            }
            assertEquals("abcde", readExactly(socket, 5));
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMs < 4_000, "five chunks in flight together, not one after the other: " + tookMs + " ms");
        }
    }

    @Test
    void blackholeSwallowsExistingAndNewConnectionsAndABrokenConnectionStaysBroken() throws IOException {
        try (Socket before = connect()) {
            assertEquals("ok", roundTrip(before, "ok"));
            proxy.mode(TcpProxy.Mode.BLACKHOLE);
            send(before, "lost");
            assertThrows(SocketTimeoutException.class, () -> readExactly(before, 4));
            try (Socket during = connect()) {
                send(during, "gone");
                assertThrows(SocketTimeoutException.class, () -> readExactly(during, 4));
            }
            assertTrue(proxy.droppedBytes() >= 8, "dropped " + proxy.droppedBytes());

            proxy.mode(TcpProxy.Mode.PASS);
            send(before, "still");
            assertThrows(SocketTimeoutException.class, () -> readExactly(before, 5));
            try (Socket after = connect()) {
                assertEquals("fresh", roundTrip(after, "fresh"));
            }
        }
    }

    @Test
    void blackholeMatchingSwallowsOnlyNewConnectionsThatOpenWithTheMarker() throws IOException {
        try (Socket earlier = connect()) {
            assertEquals("writer-1", roundTrip(earlier, "writer-1"));
            proxy.mode(new TcpProxy.Mode.BlackholeMatching("writer"));
            try (Socket matching = connect(); Socket other = connect()) {
                send(matching, "client writer-2");
                assertThrows(SocketTimeoutException.class, () -> readExactly(matching, 15));
                assertEquals("reader-1", roundTrip(other, "reader-1"));
                assertEquals("now a writer", roundTrip(other, "now a writer"), "only the first bytes are looked at");
            }
            assertEquals("writer-3", roundTrip(earlier, "writer-3"), "connections opened before pass");
        }
    }

    @Test
    void refuseResetsOpenConnectionsAndNewOnes() throws IOException {
        try (Socket open = connect()) {
            assertEquals("ok", roundTrip(open, "ok"));
            proxy.mode(TcpProxy.Mode.REFUSE);
            assertClosedByProxy(open);
            assertNewConnectionRefused();
        }
        assertEquals(0, proxy.openConnections());
        proxy.mode(TcpProxy.Mode.PASS);
        try (Socket socket = connect()) {
            assertEquals("back", roundTrip(socket, "back"));
        }
    }

    @Test
    void aTargetThatRefusesClosesTheClientConnection() throws IOException {
        int unused;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unused = probe.getLocalPort();
        }
        try (TcpProxy toNothing = TcpProxy.to(new InetSocketAddress(InetAddress.getLoopbackAddress(), unused));
             Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), toNothing.port()), 2_000);
            } catch (IOException resetWhileConnecting) {
                return;
            }
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            assertClosedByProxy(socket);
        }
    }

    @Test
    void closeEndsEveryThreadAndReleasesThePort() throws IOException {
        Socket idle = connect();
        assertEquals("ready", roundTrip(idle, "ready"));
        proxy.mode(TcpProxy.Mode.delay(Duration.ofSeconds(30)));
        send(idle, "in flight");
        int port = proxy.port();
        assertTrue(proxyThreads(port).size() >= 5, "acceptor and four relay threads: " + proxyThreads(port));

        proxy.close();

        assertEquals(List.of(), proxyThreads(port));
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        assertClosedByProxy(idle);
        idle.close();
    }

    private static List<String> proxyThreads(int port) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("tcp-proxy-" + port + "-")).toList();
    }

    /** The connection is reset while connecting, or right after. */
    private void assertNewConnectionRefused() {
        Socket socket;
        try {
            socket = connect();
        } catch (IOException resetWhileConnecting) {
            return;
        }
        try (socket) {
            assertClosedByProxy(socket);
        } catch (IOException ignored) {
            // closing a reset socket
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), 2_000);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return socket;
    }

    /**
     * Sends and reads the echo back. An answer that should come may take long on a busy machine: only reads expected
     * to time out use the short {@link #READ_TIMEOUT}.
     */
    private static String roundTrip(Socket socket, String text) throws IOException {
        int expectingSilence = socket.getSoTimeout();
        socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
        try {
            send(socket, text);
            return readExactly(socket, text.length());
        } finally {
            socket.setSoTimeout(expectingSilence);
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String readExactly(Socket socket, int length) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(length);
        assertEquals(length, bytes.length, "the stream ended early");
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The next read ends the stream (FIN) or fails with a reset, without waiting for the read timeout. */
    private static void assertClosedByProxy(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            assertArrayEquals(new byte[0], in.readNBytes(1), "expected the end of the stream");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection is still open", e);
        } catch (IOException reset) {
            // a reset is a close too
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
