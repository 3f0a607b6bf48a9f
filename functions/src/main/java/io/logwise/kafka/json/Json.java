package io.logwise.kafka.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.logwise.kafka.error.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;

/** The one JSON mapper: strict on input (no duplicate keys, no trailing tokens), compact on output. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {
    }

    /** Reads an event; anything that is not one JSON object is an {@link InvalidRequestException}. */
    public static JsonNode readEvent(InputStream input) {
        JsonNode node;
        try {
            node = MAPPER.readTree(input);
        } catch (IOException e) {
            throw new InvalidRequestException("the event is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new InvalidRequestException("the event is empty; expected a JSON object");
        }
        if (!node.isObject()) {
            throw new InvalidRequestException("the event must be a JSON object, not " + node.getNodeType());
        }
        return node;
    }

    /** The first line of an exception message: parsers' messages carry source excerpts on later lines. */
    public static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
