package io.logwise.kafka.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrorTextTest {

    @Test
    void ordinaryMessagesAndTopicNamesAreKeptWhole() {
        String longestTopic = "logs." + "a".repeat(244);
        String message = "'" + longestTopic + "' is outside the managed prefix 'logs.'; LogWise never changes it";
        assertEquals(message, ErrorText.bounded(message));
        assertEquals("short", ErrorText.bounded("short"));
        assertNull(ErrorText.bounded(null));
    }

    @Test
    void aHugeQuotedValueIsCutToItsStartAndLength() {
        String name = "x".repeat(100_000);
        String bounded = ErrorText.bounded("services[0]: '" + name + "' is not a legal topic name: too long");

        assertEquals("services[0]: '" + "x".repeat(ErrorText.KEPT_OF_A_LONG_RUN - 1) + "... (100002 characters)"
                + " is not a legal topic name: too long", bounded);
    }

    @Test
    void manyLongValuesStillGiveABoundedMessage() {
        StringBuilder message = new StringBuilder("nothing changed:");
        for (int i = 0; i < 1_000; i++) {
            message.append(" 'logs.service-").append(i).append("' is unknown;");
        }
        String bounded = ErrorText.bounded(message.toString());

        assertTrue(bounded.length() <= ErrorText.LONGEST_MESSAGE + 40, bounded.length() + " characters");
        assertTrue(bounded.startsWith("nothing changed: 'logs.service-0' is unknown;"));
        assertTrue(bounded.endsWith("... (" + message.length() + " characters)"), bounded);
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00";
        String bounded = ErrorText.bounded("'" + emoji.repeat(1_000) + "'");

        assertFalse(Character.isHighSurrogate(bounded.charAt(bounded.indexOf("...") - 1)), bounded);
    }

    @Test
    void everyLogwiseExceptionIsBounded() {
        var error = new InvalidRequestException("topic: '" + "y".repeat(50_000) + "' is not legal");

        assertTrue(error.getMessage().length() < 200, error.getMessage());
        assertTrue(error.getMessage().endsWith("(50002 characters) is not legal"), error.getMessage());
    }
}
