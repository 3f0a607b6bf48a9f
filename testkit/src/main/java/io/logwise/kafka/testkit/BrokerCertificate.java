package io.logwise.kafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker's self-signed certificate for localhost and 127.0.0.1, made with the JDK's keytool: the broker's PKCS12
 * keystore and a PKCS12 truststore holding the certificate for the clients, both under one password.
 */
public record BrokerCertificate(Path keystore, Path truststore, String password) {

    /** Makes {@code broker.p12}, {@code broker.crt} and {@code truststore.p12} in {@code dir}. */
    public static BrokerCertificate make(Path dir, String password) {
        Path keystore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.crt");
        Path truststore = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", password,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-storetype",
                "PKCS12", "-keystore", truststore.toString(), "-storepass", password);
        return new BrokerCertificate(keystore, truststore, password);
    }

    /** SCRAM-SHA-512 on the listener named SASL_SSL, and this certificate on the broker's TLS listeners. */
    public LocalKafkaCluster.Builder scramOverTls(LocalKafkaCluster.Builder builder) {
        return builder
                .property("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .property("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .property("ssl.keystore.location", keystore.toString())
                .property("ssl.keystore.password", password)
                .property("ssl.key.password", password)
                .property("ssl.keystore.type", "PKCS12");
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
