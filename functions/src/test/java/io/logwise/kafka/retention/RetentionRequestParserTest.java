package io.logwise.kafka.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.logwise.kafka.error.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetentionRequestParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper RELAXED = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final RetentionSettings SETTINGS = RetentionSettings.defaults();

    private static RetentionRequestParser.Result parse(String json) {
        try {
            return RetentionRequestParser.parse(JSON.readTree(json), SETTINGS, NOW);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static RetentionRequest accepted(String json) {
        RetentionRequestParser.Result result = parse(json);
        return assertInstanceOf(RetentionRequestParser.Result.Accepted.class, result, result.toString()).request();
    }

    @Test
    void issueExample() {
        RetentionRequest request = accepted(
                "{\"services\": [\"order-service\"], \"retention\": \"7d\", \"reason\": \"audit\"}");

        assertEquals(List.of("logs.order-service"), request.topics());
        assertEquals(List.of(), request.rejectedTargets());
        assertEquals(604_800_000L, request.retentionMs());
        assertEquals(OptionalLong.empty(), request.retentionBytes());
        assertEquals(Optional.empty(), request.expiresAt());
        assertEquals(Optional.of("audit"), request.reason());
        assertEquals(false, request.force());
        assertEquals(false, request.dryRun());
    }

    @Test
    void topicsByFullNameAndServicesAreMergedWithoutDuplicates() {
        RetentionRequest request = accepted("{\"services\": [\"a\", \"b\"], \"topics\": [\"logs.a\", \"logs.c\"],"
                + " \"retentionMs\": 3600000, \"retentionBytes\": 1073741824, \"dryRun\": true}");

        assertEquals(List.of("logs.a", "logs.b", "logs.c"), request.topics());
        assertEquals(3_600_000L, request.retentionMs());
        assertEquals(OptionalLong.of(1L << 30), request.retentionBytes());
        assertTrue(request.dryRun());
    }

    @ParameterizedTest(name = "{0} -> expires {1}")
    @CsvSource(delimiter = '|', value = {
        "\"for\": \"48h\"                          | 2026-11-27T12:00:00Z",
        "\"for\": \"90m\"                          | 2026-11-25T13:30:00Z",
        "\"until\": \"2026-12-01T08:00:00Z\"       | 2026-12-01T08:00:00Z",
        "\"until\": \"2026-12-01T09:00:00+01:00\"  | 2026-12-01T08:00:00Z",
    })
    void temporaryChangesExpire(String temporary, Instant expected) {
        RetentionRequest request = accepted("{\"services\": [\"a\"], \"retention\": \"7d\", " + temporary + "}");

        assertTrue(request.temporary());
        assertEquals(Optional.of(expected), request.expiresAt());
    }

    @Test
    void forceWithReason() {
        RetentionRequest request = accepted("{\"topics\": [\"logs.a\"], \"retention\": \"2h\", \"force\": true,"
                + " \"reason\": \"  disk full on broker 2  \"}");

        assertTrue(request.force());
        assertEquals(Optional.of("disk full on broker 2"), request.reason());
    }

    @Test
    void mixedBatchKeepsValidTargetsAndReportsTheRest() {
        RetentionRequest request = accepted("{\"services\": [\"ok\", \"bad name\", 5, \"logs.x\"],"
                + " \"topics\": [\"other.x\", \"logs.y\", \"logs.\"], \"retention\": \"24h\"}");

        assertEquals(List.of("logs.ok", "logs.y"), request.topics());
        assertEquals(List.of("services[1]", "services[2]", "services[3]", "topics[0]", "topics[2]"),
                request.rejectedTargets().stream().map(FieldError::field).toList());
        assertTrue(request.rejectedTargets().get(3).message().contains("outside the managed prefix"),
                request.rejectedTargets().toString());
    }

    @Test
    void everyTargetInvalidStillParsesSoEachCanBeReported() {
        RetentionRequest request = accepted("{\"topics\": [\"__consumer_offsets\"], \"retention\": \"24h\"}");

        assertEquals(List.of(), request.topics());
        assertEquals("topics[0]", request.rejectedTargets().get(0).field());
    }

    /** Rows in relaxed JSON (single quotes, bare names) for readability; {@link #RELAXED} turns them into trees. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        []                                                  | request        | must be a JSON object
        {services:['a'], retention:'7d', ttl:1}             | ttl            | unknown field; expected dryRun, for,
        {retention:'7d'}                                    | services       | name at least one service
        {services:[], topics:[], retention:'7d'}            | services       | name at least one service
        {services:'a', retention:'7d'}                      | services       | must be an array of service names
        {topics:{a:1}, retention:'7d'}                      | topics         | must be an array of topic names
        {services:['a']}                                    | retention      | is required: a duration such as
        {services:['a'], retention:'7d', retentionMs:1}     | retentionMs    | give either retention or retentionMs, not
        {services:['a'], retention:'0h'}                    | retention      | must be positive
        {services:['a'], retention:'-1d'}                   | retention      | must be positive
        {services:['a'], retention:'soon'}                  | retention      | 'soon' is not a duration
        {services:['a'], retention:'3600000'}               | retention      | has no unit
        {services:['a'], retention:7}                       | retention      | must be a string such as
        {services:['a'], retention:'91d'}                   | retention      | 91d is above the maximum of 90d
        {services:['a'], retention:'99999999999d'}          | retention      | is above the maximum
        {services:['a'], retention:'999999999999999d'}      | retention      | is too large
        {services:['a'], retentionMs:-1}                    | retentionMs    | must be positive, got -1 (unlimited
        {services:['a'], retentionMs:0}                     | retentionMs    | must be positive
        {services:['a'], retentionMs:1.5}                   | retentionMs    | must be a whole number of milliseconds
        {services:['a'], retentionMs:'3600000'}             | retentionMs    | must be a whole number of milliseconds
        {services:['a'], retentionMs:99999999999999999999}  | retentionMs    | must be a whole number of milliseconds
        {services:['a'], retentionMs:7776000001}            | retentionMs    | above the maximum of 90d
        {services:['a'], retention:'7d', retentionBytes:0}  | retentionBytes | must be positive, or -1 for no size limit
        {services:['a'], retention:'7d', retentionBytes:'1GiB'} | retentionBytes | must be a whole number of bytes
        {services:['a'], retention:'7d', for:'1h', until:'2026-12-01T00:00:00Z'} | until | give either for or until
        {services:['a'], retention:'7d', for:'0h'}          | for            | must be positive
        {services:['a'], retention:'7d', for:48}            | for            | must be a duration such as
        {services:['a'], retention:'7d', for:'91d'}         | for            | a temporary change of 91d is longer
        {services:['a'], retention:'7d', until:'2026-11-25T11:00:00Z'} | until | is not in the future (now 2026-11-25T12
        {services:['a'], retention:'7d', until:'2026-11-25T12:00:00Z'} | until | is not in the future
        {services:['a'], retention:'7d', until:'2026-12-01T08:00:00'}  | until | is not an ISO-8601 time with an offset
        {services:['a'], retention:'7d', until:'tomorrow'}             | until | is not an ISO-8601 time with an offset
        {services:['a'], retention:'7d', until:'2027-06-01T00:00:00Z'} | until | is longer than the maximum of 90d
        {services:['a'], retention:'1h', force:true}                   | reason | is required with force
        {services:['a'], retention:'1h', force:true, reason:'  '}      | reason | is required with force
        {services:['a'], retention:'1h', force:'yes', reason:'x'}      | force  | must be true or false, got
        {services:['a'], retention:'1h', dryRun:1}                     | dryRun | must be true or false, got 1
        {services:['a'], retention:'1h', reason:5}                     | reason | must be a string
        """)
    void wholeRequestErrorsNameTheFieldAndChangeNothing(String json, String field, String expected) {
        RetentionRequestParser.Result result;
        try {
            result = RetentionRequestParser.parse(RELAXED.readTree(json), SETTINGS, NOW);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }

        List<FieldError> errors = assertInstanceOf(RetentionRequestParser.Result.Rejected.class, result,
                result.toString()).errors();
        assertTrue(errors.stream().anyMatch(e -> e.field().equals(field) && e.message().contains(expected)),
                errors.toString());
    }

    @Test
    void aRefusedRequestIsAnInvalidRequestNamingEveryError() {
        assertEquals(Duration.ofHours(1), parse("{\"services\":[\"a\"],\"retention\":\"1h\"}").orRefuse().retention());
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> parse("{\"services\":[\"a\"],\"retention\":\"0h\",\"force\":true}").orRefuse());
        assertTrue(refused.getMessage().startsWith("nothing changed: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("retention") && refused.getMessage().contains("; "),
                refused.getMessage());
    }

    @Test
    void overlongReasonIsRefused() {
        RetentionRequestParser.Result result = parse("{\"services\":[\"a\"],\"retention\":\"1h\",\"reason\":\""
                + "x".repeat(501) + "\"}");

        assertEquals(List.of(new FieldError("reason", "is 501 characters; at most 500")),
                assertInstanceOf(RetentionRequestParser.Result.Rejected.class, result).errors());
    }

    @Test
    void allWholeRequestErrorsAreReportedTogether() {
        RetentionRequestParser.Result result = parse("{\"services\":[\"a\"],\"retention\":\"0h\",\"force\":true,"
                + "\"until\":\"yesterday\",\"colour\":\"red\"}");

        List<String> fields = assertInstanceOf(RetentionRequestParser.Result.Rejected.class, result).errors()
                .stream().map(FieldError::field).sorted().toList();
        assertEquals(List.of("colour", "reason", "retention", "until"), fields);
    }

    @Test
    void maximumComesFromSettings() {
        RetentionSettings tight = RetentionSettings.fromEnv(java.util.Map.of("RETENTION_MAXIMUM", "7d",
                "RETENTION_PROTECTION_CAP", "3d"));
        RetentionRequestParser.Result result;
        try {
            result = RetentionRequestParser.parse(JSON.readTree("{\"services\":[\"a\"],\"retention\":\"8d\"}"),
                    tight, NOW);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(new FieldError("retention", "8d is above the maximum of 7d (RETENTION_MAXIMUM)")),
                assertInstanceOf(RetentionRequestParser.Result.Rejected.class, result).errors());
        assertEquals(Duration.ofDays(7), accepted("{\"services\":[\"a\"],\"retention\":\"7d\"}").retention());
    }
}
