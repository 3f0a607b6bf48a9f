package io.logwise.kafka.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwise.kafka.client.KafkaClients;
import io.logwise.kafka.handler.LagScannerHandler;
import io.logwise.kafka.json.Json;
import io.logwise.kafka.lag.LagScannerSettings;
import io.logwise.kafka.metrics.EmfOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One scheduled lag scan through the real handler in a fresh JVM, as a cold Lambda invocation would run it (EMF lines
 * on stdout included). Prints its figures as the last stdout line, prefixed {@value #MARKER}. Used by
 * {@link LagScanBenchmark}.
 */
public final class LagScanProbe {

    static final String MARKER = "LAGPROBE ";
    private static final String SCHEDULED_EVENT = """
            {"version": "0", "id": "bench", "detail-type": "Scheduled Event", "source": "aws.events",
             "account": "123456789012", "time": "2026-11-25T12:00:00Z", "region": "eu-west-1",
             "resources": [], "detail": {}}""";

    private LagScanProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long started = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (KafkaClients clients = new KafkaClients(KafkaClients.factoryFor(env))) {
            LagScannerHandler handler = new LagScannerHandler(LagScannerSettings.fromEnv(env), clients,
                    EmfOutput.fromEnv(env));
            handler.handleRequest(new ByteArrayInputStream(SCHEDULED_EVENT.getBytes(StandardCharsets.UTF_8)), out,
                    null);
        }
        long handlerMs = (System.nanoTime() - started) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        JsonNode result = Json.MAPPER.readTree(out.toByteArray());
        ObjectNode figures = Json.MAPPER.createObjectNode();
        figures.put("scanMs", result.get("durationMs").asLong());
        figures.put("handlerMs", handlerMs);
        figures.put("jvmUptimeMs", ManagementFactory.getRuntimeMXBean().getUptime());
        figures.put("topics", result.get("topicCount").asInt());
        figures.put("partitions", result.get("partitionCount").asInt());
        figures.put("partial", result.get("partial").asBoolean());
        // Why a scan is partial, in its own words (the first problem), so a bench line never hides it.
        figures.put("firstProblem", result.path("problems").path(0).asText());
        figures.put("resultBytes", out.size());
        figures.put("topicsInResult", result.get("topics").size());
        figures.put("peakHeapBytes", peak);
        figures.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        System.out.println(MARKER + figures);
    }
}
