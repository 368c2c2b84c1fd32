package io.janela.adapters.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items as a DynamoDB stream record carries them to Lambda (DynamoDB JSON: {@code {"S":"..."}},
 * {@code {"N":"12"}}, {@code {"BOOL":true}}, {@code {"SS":[...]}}, {@code {"M":{...}}}, ...) turned
 * into the SDK's attribute values, so the adapters read them as they read the table.
 */
public final class StreamImages {

    private StreamImages() {
    }

    /** An image ({@code Keys}, {@code NewImage}, {@code OldImage}); absent or null reads as no attributes. */
    public static Map<String, AttributeValue> item(JsonNode image) {
        Map<String, AttributeValue> item = new HashMap<>();
        if (image == null || image.isNull() || image.isMissingNode()) {
            return item;
        }
        if (!image.isObject()) {
            throw new IllegalArgumentException("a stream image is an object of attributes");
        }
        image.fields().forEachRemaining(attribute -> item.put(attribute.getKey(), value(attribute.getKey(), attribute.getValue())));
        return item;
    }

    private static AttributeValue value(String name, JsonNode typed) {
        if (typed == null || !typed.isObject() || typed.size() != 1) {
            throw new IllegalArgumentException("attribute " + name + " is not one typed DynamoDB value");
        }
        Map.Entry<String, JsonNode> only = typed.fields().next();
        JsonNode value = only.getValue();
        return switch (only.getKey()) {
            case "S" -> AttributeValue.fromS(text(name, value));
            case "N" -> AttributeValue.fromN(number(name, value));
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(text(name, value))));
            case "BOOL" -> AttributeValue.fromBool(value.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(name, value));
            case "NS" -> AttributeValue.fromNs(texts(name, value).stream().map(number -> number(name, number)).toList());
            case "BS" -> AttributeValue.fromBs(texts(name, value).stream()
                    .map(bytes -> SdkBytes.fromByteArray(Base64.getDecoder().decode(bytes))).toList());
            case "L" -> AttributeValue.fromL(list(name, value));
            case "M" -> AttributeValue.fromM(item(value));
            default -> throw new IllegalArgumentException("attribute " + name + " has an unknown DynamoDB type " + only.getKey());
        };
    }

    private static String text(String name, JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("attribute " + name + " is not a string");
        }
        return value.asText();
    }

    /** DynamoDB sends numbers as strings; a malformed one is refused here, not deep inside a rule. */
    private static String number(String name, JsonNode value) {
        return number(name, text(name, value));
    }

    private static String number(String name, String number) {
        try {
            new java.math.BigDecimal(number);
            return number;
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("attribute " + name + " is not a number: " + number);
        }
    }

    private static List<String> texts(String name, JsonNode values) {
        if (!values.isArray()) {
            throw new IllegalArgumentException("attribute " + name + " is not a set");
        }
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(text(name, value)));
        return texts;
    }

    private static List<AttributeValue> list(String name, JsonNode values) {
        if (!values.isArray()) {
            throw new IllegalArgumentException("attribute " + name + " is not a list");
        }
        List<AttributeValue> list = new ArrayList<>();
        values.forEach(value -> list.add(value(name, value)));
        return list;
    }
}
