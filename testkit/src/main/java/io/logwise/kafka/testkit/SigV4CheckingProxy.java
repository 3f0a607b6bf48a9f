package io.logwise.kafka.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of an S3-compatible test server that checks every request's SigV4 signature with
 * {@link SigV4Verifier} (S3's rules) before passing it on, and answers a bad one as S3 does: HTTP 403 with an
 * {@code <Error>} document. Requests with an unknown access key are passed on, so the server's own answer
 * ({@code InvalidAccessKeyId}) is seen.
 */
public final class SigV4CheckingProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
            "keep-alive", "expect");

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI target;
    private final SigV4Verifier verifier;
    private final AtomicInteger checked = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private SigV4CheckingProxy(URI target, SigV4Verifier verifier) throws IOException {
        this.target = target;
        this.verifier = verifier;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param secretKeys the secret of each access key the target knows */
    public static SigV4CheckingProxy start(URI target, Map<String, String> secretKeys) throws IOException {
        return new SigV4CheckingProxy(target, new SigV4Verifier(SigV4Verifier.PathRule.S3, secretKeys));
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests whose signature was checked (valid or not). */
    public int checked() {
        return checked.get();
    }

    /** Requests refused for their signature. */
    public int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            SigV4Verifier.Received received = SigV4Verifier.Received.of(exchange, body);
            Optional<String> problem = verifier.problem(received, Instant.now());
            if (problem.isPresent() && !problem.get().startsWith("InvalidAccessKeyId")) {
                checked.incrementAndGet();
                refused.incrementAndGet();
                refuse(exchange, problem.get());
                return;
            }
            if (problem.isEmpty()) {
                checked.incrementAndGet();
            }
            forward(exchange, uri, body);
        }
    }

    private static void refuse(HttpExchange exchange, String problem) throws IOException {
        int colon = problem.indexOf(':');
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + problem.substring(0, colon)
                + "</Code><Message>" + escape(problem.substring(colon + 1).trim()) + "</Message></Error>";
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(403, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void forward(HttpExchange exchange, URI uri, byte[] body) throws IOException {
        URI to = URI.create(target.toString() + uri.getRawPath() + (uri.getRawQuery() == null ? ""
                : "?" + uri.getRawQuery()));
        HttpURLConnection connection = (HttpURLConnection) to.toURL().openConnection();
        connection.setRequestMethod(exchange.getRequestMethod());
        connection.setInstanceFollowRedirects(false);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                connection.setRequestProperty(name, String.join(",", values));
            }
        });
        if (body.length > 0) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        byte[] answer;
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null && !HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        boolean noBody = answer.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : answer.length);
        if (!noBody) {
            exchange.getResponseBody().write(answer);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
