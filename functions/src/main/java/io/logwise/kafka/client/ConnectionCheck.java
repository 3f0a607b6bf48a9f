package io.logwise.kafka.client;

import io.logwise.kafka.config.KafkaConnectionSettings;
import io.logwise.kafka.config.SecurityMode;
import io.logwise.kafka.error.ConnectionProblem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Finds out why Kafka cannot be reached, so that an error names the cause rather than a time-out. Before the first
 * connection of a container it checks that something accepts TCP connections at the bootstrap addresses (a refused or
 * unknown address then fails at once instead of after the whole API time-out: about 1 ms when all is well). After a
 * time-out it looks for a protocol mismatch: a TLS client (tls, scram, iam) against a port that does not speak TLS,
 * or a plaintext client against a TLS port; in iam mode it also says when no AWS credentials are configured.
 */
public final class ConnectionCheck {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    /** The most the probes that explain a time-out take: up to 0.3 s to connect, the rest for a TLS handshake. */
    static final Duration EXPLAIN_BUDGET = Duration.ofSeconds(1);
    private static final Duration CONNECT_PROBE_TIMEOUT = Duration.ofMillis(300);
    private static final Duration SHORTEST_USEFUL_BUDGET = Duration.ofMillis(150);

    /** What a TCP connection attempt to one bootstrap address found. */
    enum Reach { LISTENING, REFUSED, UNKNOWN_HOST, NO_ANSWER }

    record Probe(String address, Reach reach) {
    }

    private ConnectionCheck() {
    }

    /**
     * Throws a {@link ConnectionProblem} naming the addresses when none of them accepts a TCP connection because it
     * is refused or its host is unknown. Addresses that do not answer in time are left to the Kafka client.
     */
    public static void requireListening(KafkaConnectionSettings settings) {
        List<Probe> probes = probeAll(settings.bootstrapServers(), PROBE_TIMEOUT);
        boolean nothingThere = probes.stream().allMatch(p -> p.reach() == Reach.REFUSED
                || p.reach() == Reach.UNKNOWN_HOST);
        if (!probes.isEmpty() && nothingThere) {
            throw new ConnectionProblem("nothing accepts connections at " + describe(probes, PROBE_TIMEOUT) + "; check "
                    + KafkaConnectionSettings.BOOTSTRAP_SERVERS + " (and that the brokers run)");
        }
    }

    /**
     * After a time-out: the likely cause, when the probes find one within {@code budget} (at most
     * {@link #EXPLAIN_BUDGET}; nothing is probed with less than 150 ms).
     */
    public static Optional<String> explainTimeout(KafkaConnectionSettings settings, Duration budget) {
        Duration time = budget.compareTo(EXPLAIN_BUDGET) > 0 ? EXPLAIN_BUDGET : budget;
        if (time.compareTo(SHORTEST_USEFUL_BUDGET) < 0) {
            return Optional.empty();
        }
        Duration connect = time.dividedBy(3).compareTo(CONNECT_PROBE_TIMEOUT) < 0 ? time.dividedBy(3)
                : CONNECT_PROBE_TIMEOUT;
        List<Probe> probes = probeAll(settings.bootstrapServers(), connect);
        Optional<Probe> listening = probes.stream().filter(p -> p.reach() == Reach.LISTENING).findFirst();
        if (listening.isEmpty()) {
            return probes.isEmpty() ? Optional.empty() : Optional.of("no bootstrap address answers: "
                    + describe(probes, connect) + "; check " + KafkaConnectionSettings.BOOTSTRAP_SERVERS
                    + ", the network path (security group, subnets) and that the brokers run");
        }
        String address = listening.get().address();
        Optional<Boolean> tls = speaksTls(address, time.minus(connect));
        SecurityMode mode = settings.securityMode();
        String variable = KafkaConnectionSettings.SECURITY_MODE + "=" + mode.name().toLowerCase(Locale.ROOT);
        if (mode == SecurityMode.PLAINTEXT && tls.orElse(false)) {
            return Optional.of(address + " speaks TLS, but " + variable + " connects without it: set "
                    + KafkaConnectionSettings.SECURITY_MODE + " to tls, scram or iam (MSK ports: 9094 TLS, 9096"
                    + " SCRAM, 9098 IAM), or use the plaintext listener (MSK: 9092)");
        }
        if (mode != SecurityMode.PLAINTEXT && tls.isPresent() && !tls.get()) {
            String needs = mode == SecurityMode.IAM ? "MSK's IAM listener (TLS, port 9098)"
                    : mode == SecurityMode.SCRAM ? "a SASL_SSL listener (MSK: port 9096)"
                    : "a TLS listener (MSK: 9094)";
            String credentials = mode == SecurityMode.IAM && !hasAwsCredentials(System.getenv())
                    ? "; and no AWS credentials are configured (AWS_ACCESS_KEY_ID, container or web identity"
                    + " credentials, AWS_PROFILE): iam mode works only with them, on or against MSK" : "";
            return Optional.of(address + " does not speak TLS, but " + variable + " needs " + needs
                    + "; for a plaintext broker set " + KafkaConnectionSettings.SECURITY_MODE + "=plaintext"
                    + credentials);
        }
        if (mode == SecurityMode.IAM && !hasAwsCredentials(System.getenv())) {
            return Optional.of("no AWS credentials are configured (AWS_ACCESS_KEY_ID, container or web identity"
                    + " credentials, AWS_PROFILE), and " + variable + " signs every connection with them");
        }
        return Optional.empty();
    }

    /** Whether a source of AWS credentials that needs no network call is configured (never asks EC2's metadata). */
    static boolean hasAwsCredentials(Map<String, String> environment) {
        return present(environment, "AWS_ACCESS_KEY_ID") || present(environment, "AWS_CONTAINER_CREDENTIALS_FULL_URI")
                || present(environment, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
                || present(environment, "AWS_WEB_IDENTITY_TOKEN_FILE") || present(environment, "AWS_PROFILE")
                || System.getProperty("aws.accessKeyId") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".aws"));
    }

    private static boolean present(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }

    static List<Probe> probeAll(String bootstrapServers, Duration timeout) {
        List<CompletableFuture<Probe>> probes = new ArrayList<>();
        for (String address : bootstrapServers.split(",", -1)) {
            String trimmed = address.trim();
            if (!trimmed.isEmpty()) {
                probes.add(CompletableFuture.supplyAsync(() -> probe(trimmed, timeout), ConnectionCheck::daemon));
            }
        }
        return probes.stream().map(CompletableFuture::join).toList();
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "logwise-connection-check");
        thread.setDaemon(true);
        thread.start();
    }

    static Probe probe(String address, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(socketAddress(address), (int) timeout.toMillis());
            return new Probe(address, Reach.LISTENING);
        } catch (UnknownHostException e) {
            return new Probe(address, Reach.UNKNOWN_HOST);
        } catch (ConnectException e) {
            return new Probe(address, Reach.REFUSED);
        } catch (IOException | IllegalArgumentException e) {
            return new Probe(address, Reach.NO_ANSWER);
        }
    }

    /**
     * Whether the port completes (or starts) a TLS handshake: a certificate the JVM does not trust still means TLS is
     * spoken there. Empty when it cannot tell in time.
     */
    static Optional<Boolean> speaksTls(String address, Duration timeout) {
        InetSocketAddress target = socketAddress(address);
        try (Socket raw = new Socket()) {
            raw.connect(target, (int) timeout.toMillis());
            raw.setSoTimeout((int) timeout.toMillis());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, target.getHostString(),
                    target.getPort(), false)) {
                tls.startHandshake();
                return Optional.of(true);
            }
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (SSLException e) {
            return Optional.of(causedByCertificate(e));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of(false);
        }
    }

    private static boolean causedByCertificate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static InetSocketAddress socketAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("not host:port: " + address);
        }
        return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    private static String describe(List<Probe> probes, Duration timeout) {
        return probes.stream().map(p -> p.address() + " (" + switch (p.reach()) {
            case REFUSED -> "connection refused";
            case UNKNOWN_HOST -> "unknown host";
            case NO_ANSWER -> "no answer within " + timeout.toMillis() + " ms";
            case LISTENING -> "listening";
        } + ")").collect(Collectors.joining(", "));
    }
}
