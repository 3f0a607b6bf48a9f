package io.logwise.kafka.testkit;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local stand-in for an AWS endpoint: an HTTP server on the loopback address at a free port, every path answered
 * by one handler. As a {@code @RegisterExtension} instance field it starts before each test and stops after it.
 */
public final class LoopbackHttpServer implements BeforeEachCallback, AfterEachCallback {

    private final HttpHandler handler;
    private HttpServer server;

    public LoopbackHttpServer(HttpHandler handler) {
        this.handler = handler;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.stop(0);
    }

    /** {@code http://127.0.0.1:<port>} while a test runs. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
