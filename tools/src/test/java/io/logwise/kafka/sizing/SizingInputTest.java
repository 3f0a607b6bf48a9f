package io.logwise.kafka.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizingInputTest {

    @ParameterizedTest(name = "''{0}'' -> {1} bytes")
    @CsvSource({
        "2048,      2048",
        "2048B,     2048",
        "2KiB,      2048",
        "2 KiB,     2048",
        "2kib,      2048",
        "1.5KiB,    1536",
        "0.3KiB,     308", // 307.2 rounds up to whole bytes
        "1MiB,   1048576",
        "1,            1",
    })
    void messageSizes(String text, long expectedBytes) {
        assertEquals(expectedBytes, SizingInput.parseMessageSize(text));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
        "20%,   0.20",
        "0.2,   0.2",
        "0,     0",
        "0%,    0",
        "1,     1",
        "150%,  1.50",
        "12.5%, 0.125",
    })
    void headroomAsPercentageOrFraction(String text, String expected) {
        assertEquals(0, new BigDecimal(expected).compareTo(SizingInput.parseHeadroom(text)));
    }

    @ParameterizedTest(name = "{0} ''{1}'' is refused: {2}")
    @CsvSource(delimiter = '|', value = {
        "rate         | 0        | must be positive",
        "rate         | -5       | must be positive",
        "rate         | abc      | not a number: 'abc'",
        "rate         | NaN      | not a number",
        "rate         | 50,000   | not a number",
        "rate         | ''       | a number is required",
        "message-size | 0        | must be positive",
        "message-size | -2KiB    | must be positive",
        "message-size | 0KiB     | must be positive",
        "message-size | 2KB      | ambiguous",
        "message-size | 2k       | ambiguous",
        "message-size | 1025MiB  | must be at most 1 GiB",
        "message-size | 2GiB     | unknown unit 'GiB'",
        "message-size | 2TB      | unknown unit 'TB'",
        "message-size | abc      | not a size",
        "message-size | ''       | not a size",
        "headroom     | 20       | ambiguous; write a percentage (20%)",
        "headroom     | -10%     | must be between 0% and 500%",
        "headroom     | -0.1     | must be between 0% and 500%",
        "headroom     | 600%     | must be between 0% and 500%",
        "headroom     | lots%    | not a number",
        "peak         | 0        | must be between 1",
        "peak         | -2       | must be between 1",
        "peak         | 0.5      | must be between 1",
        "peak         | 101      | must be between 1",
        "peak         | twice    | not a number",
        "env          | qa       | unknown environment 'qa'; expected one of prod, staging, dev",
        "service      | bad name | not a valid service name",
        "service      | logs.a   | without the 'logs.' prefix",
    })
    void badInputNamesTheField(String field, String text, String expectedMessagePart) {
        InvalidSizingInputException error = assertThrows(InvalidSizingInputException.class,
                () -> parseField(field).apply(text));

        assertEquals(field, error.field());
        assertTrue(error.getMessage().startsWith(field + ": "), error.getMessage());
        assertTrue(error.getMessage().contains(expectedMessagePart), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"prod, PROD", "PROD, PROD", " Staging , STAGING", "dev, DEV"})
    void environmentNamesIgnoreCase(String text, Environment expected) {
        assertEquals(expected, Environment.parse(text));
    }

    private static Function<String, Object> parseField(String field) {
        return switch (field) {
            case "rate" -> text -> valid(SizingInput.parseRate(text), 2048, "1", "0");
            case "message-size" -> text -> valid(BigDecimal.TEN, SizingInput.parseMessageSize(text), "1", "0");
            case "headroom" -> text -> new SizingInput(BigDecimal.TEN, 2048, BigDecimal.ONE,
                    SizingInput.parseHeadroom(text), Environment.DEV, List.of());
            case "peak" -> text -> new SizingInput(BigDecimal.TEN, 2048, SizingInput.parsePeak(text),
                    BigDecimal.ZERO, Environment.DEV, List.of());
            case "env" -> Environment::parse;
            case "service" -> text -> new SizingInput(BigDecimal.TEN, 2048, BigDecimal.ONE, BigDecimal.ZERO,
                    Environment.DEV, List.of(text));
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static SizingInput valid(BigDecimal rate, long bytes, String peak, String headroom) {
        return new SizingInput(rate, bytes, new BigDecimal(peak), new BigDecimal(headroom), Environment.DEV,
                List.of());
    }
}
