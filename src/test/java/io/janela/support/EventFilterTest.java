package io.janela.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter evaluator itself, on the examples of Lambda's event filtering documentation for DynamoDB records. */
class EventFilterTest {

    private static final JsonNode RECORD = EventFilter.parse("""
            {"eventName":"MODIFY","dynamodb":{
              "Keys":{"pk":{"S":"C#1#2"},"sk":{"S":"TICKET#t1"}},
              "NewImage":{"status":{"S":"WAITING"},"tags":{"SS":["vip","late"]},"queuedAt":{"N":"1795251600"}},
              "OldImage":{"status":{"S":"OPEN"},"holder":{"S":"bia@desk.example"}}}}""");

    private static boolean passes(String pattern) {
        return EventFilter.passes(List.of(pattern), RECORD);
    }

    @Test
    void exactValuesMatchByTypeAndValue() {
        assertTrue(passes("{\"eventName\":[\"INSERT\",\"MODIFY\"]}"));
        assertFalse(passes("{\"eventName\":[\"INSERT\"]}"));
        assertTrue(passes("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"WAITING\"]}}}}"));
        assertFalse(passes("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"waiting\"]}}}}"));
        assertFalse(passes("{\"dynamodb\":{\"NewImage\":{\"queuedAt\":{\"N\":[1795251600]}}}}"), "DynamoDB numbers are strings");
        assertTrue(passes("{\"dynamodb\":{\"NewImage\":{\"tags\":{\"SS\":[\"vip\"]}}}}"), "an array matches by any element");
    }

    @Test
    void everyFieldOfAPatternMustMatch() {
        assertTrue(passes("{\"eventName\":[\"MODIFY\"],\"dynamodb\":{\"Keys\":{\"sk\":{\"S\":[{\"prefix\":\"TICKET#\"}]}}}}"));
        assertFalse(passes("{\"eventName\":[\"MODIFY\"],\"dynamodb\":{\"Keys\":{\"sk\":{\"S\":[{\"prefix\":\"AGENT\"}]}}}}"));
        assertTrue(EventFilter.passes(List.of("{\"eventName\":[\"INSERT\"]}", "{\"eventName\":[\"MODIFY\"]}"), RECORD),
                "a mapping's filters are alternatives");
    }

    @Test
    void existsLooksAtLeavesAndAMissingParentIsAbsent() {
        assertTrue(passes("{\"dynamodb\":{\"OldImage\":{\"holder\":{\"S\":[{\"exists\":true}]}}}}"));
        assertFalse(passes("{\"dynamodb\":{\"NewImage\":{\"holder\":{\"S\":[{\"exists\":true}]}}}}"));
        assertTrue(passes("{\"dynamodb\":{\"NewImage\":{\"holder\":{\"S\":[{\"exists\":false}]}}}}"));
        assertTrue(passes("{\"dynamodb\":{\"Gone\":{\"holder\":{\"S\":[{\"exists\":false}]}}}}"));
        assertFalse(passes("{\"dynamodb\":{\"OldImage\":{\"holder\":[{\"exists\":true}]}}}"), "exists applies to leaves only");
    }

    @Test
    void anythingButNeedsTheFieldAndADifferentValue() {
        assertTrue(passes("{\"dynamodb\":{\"OldImage\":{\"status\":{\"S\":[{\"anything-but\":[\"WAITING\"]}]}}}}"));
        assertFalse(passes("{\"dynamodb\":{\"OldImage\":{\"status\":{\"S\":[{\"anything-but\":[\"OPEN\"]}]}}}}"));
        assertFalse(passes("{\"dynamodb\":{\"OldImage\":{\"agent\":{\"S\":[{\"anything-but\":[\"OPEN\"]}]}}}}"),
                "a missing field is not anything but a value");
        assertTrue(passes("{\"dynamodb\":{\"OldImage\":{\"status\":{\"S\":[{\"anything-but\":{\"prefix\":\"WAIT\"}}]}}}}"));
    }

    @Test
    void syntaxItDoesNotKnowFailsInsteadOfGuessing() {
        assertThrows(IllegalArgumentException.class,
                () -> passes("{\"dynamodb\":{\"NewImage\":{\"queuedAt\":{\"N\":[{\"numeric\":[\">\",0]}]}}}}"));
        assertThrows(IllegalArgumentException.class, () -> passes("{\"eventName\":\"MODIFY\"}"));
    }
}
