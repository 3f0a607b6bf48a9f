package io.logwise.kafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** One KRaft node (broker and controller in one process) running in a child JVM. */
public final class BrokerNode {

    /** Set by scripts/local-kafka: the broker outlives the JVM that started it. */
    static final String DETACH_PROPERTY = "logwise.kafka.detach";

    private final int nodeId;
    private final int brokerPort;
    private final int controllerPort;
    private final Path dir;
    private final KafkaDistribution distribution;
    private Process process;

    BrokerNode(int nodeId, int brokerPort, int controllerPort, Path dir, KafkaDistribution distribution) {
        this.nodeId = nodeId;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.dir = dir;
        this.distribution = distribution;
    }

    public int nodeId() {
        return nodeId;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dir() {
        return dir;
    }

    public String bootstrapServer() {
        return "127.0.0.1:" + brokerPort;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    void writeConfig(Properties properties) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server.properties"), properties.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining("\n", "", "\n")));
            Files.writeString(dir.resolve("log4j2.xml"), """
                    <Configuration status="WARN">
                      <Appenders>
                        <File name="file" fileName="%s">
                          <PatternLayout pattern="[%%d] %%p %%m (%%c)%%n"/>
                        </File>
                      </Appenders>
                      <Loggers>
                        <Logger name="org.apache.kafka.common.utils.AppInfoParser" level="INFO"/>
                        <Logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                        <Logger name="kafka.server.BrokerServer" level="INFO"/>
                        <Root level="WARN"><AppenderRef ref="file"/></Root>
                      </Loggers>
                    </Configuration>
                    """.formatted(dir.resolve("server.log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void format(String clusterId) {
        Path properties = dir.resolve("server.properties");
        ToolResult result = Tools.run(distribution, "kafka.tools.StorageTool", List.of("format", "-t", clusterId,
                "-c", properties.toString(), "--ignore-formatted"), Map.of(), dir);
        result.requireSuccess();
    }

    /** Starts the broker JVM; it keeps running on its own (its output goes to files in its folder). */
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        try {
            List<String> command = new ArrayList<>();
            if (Boolean.getBoolean(DETACH_PROPERTY) && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                command.add("/usr/bin/setsid"); // its own session: a Ctrl-C in the starting terminal does not reach it
            }
            command.addAll(List.of(KafkaDistribution.javaExecutable(),
                    "-Xms128m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                    "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.xml"),
                    "-Dlogwise.kafka.node=" + nodeId,
                    "-cp", distribution.classpath(), "kafka.Kafka", dir.resolve("server.properties").toString()));
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                    .start();
            if (!Boolean.getBoolean(DETACH_PROPERTY)) {
                // A test JVM ended by a signal (a CI time-out, an interrupted run) takes its brokers with it.
                Process started = process;
                Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "kafka-node-" + nodeId
                        + "-stop"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka node " + nodeId, e);
        }
    }

    /** SIGKILL: the broker gets no chance to shut down cleanly. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /** SIGTERM and wait for a controlled shutdown. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            waitFor(process);
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the node's logs, for failure messages. */
    public String logTail(int lines) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("stdout.log", "server.log")) {
            Path file = dir.resolve(name);
            try {
                if (Files.exists(file)) {
                    List<String> all = Files.readAllLines(file);
                    out.append("--- ").append(file).append('\n');
                    all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
                }
            } catch (IOException e) {
                out.append("(cannot read ").append(file).append(")\n");
            }
        }
        return out.toString();
    }

}
