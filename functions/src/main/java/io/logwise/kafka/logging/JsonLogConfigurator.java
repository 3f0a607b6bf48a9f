package io.logwise.kafka.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;

/**
 * Logback's configuration in code, found through ServiceLoader: one JSON object per line on stdout (or on the stream
 * named by -Dlogwise.log.target, e.g. System.err for local runs whose stdout carries the response). Code instead of
 * logback.xml spares every cold start Logback's XML configurator and the JDK's XML parser: about 360 classes, which
 * matters at 256 MB, where Lambda caps Metaspace at a tenth of the memory.
 * Levels: LOG_LEVEL (root, default INFO), KAFKA_CLIENT_LOG_LEVEL (org.apache.kafka, default WARN: Kafka's clients log
 * every config at INFO), software.amazon at WARN; each read from a system property or else the environment.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class JsonLogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        context.getStatusManager().add(new NopStatusListener());
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();

        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("json");
        appender.setTarget(setting("logwise.log.target", "System.out"));
        appender.setEncoder(encoder);
        appender.start();

        context.getLogger("org.apache.kafka").setLevel(level("KAFKA_CLIENT_LOG_LEVEL", Level.WARN));
        context.getLogger("software.amazon").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level("LOG_LEVEL", Level.INFO));
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Level level(String name, Level fallback) {
        return Level.toLevel(setting(name, fallback.toString()), fallback);
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
