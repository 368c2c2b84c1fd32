package io.janela.functions.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A request body read as JSON, with accessors whose errors name the field: a bad body is
 * answered 400 with a sentence that says what to fix.
 */
public final class JsonBody {

    private final JsonNode node;
    private final String path;

    private JsonBody(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public static JsonBody parse(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : json.readTree(body);
        } catch (IOException notJson) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return new JsonBody(root, "");
    }

    /** A body that may be left out: no body reads as {@code {}}. */
    public static JsonBody parseOptional(ObjectMapper json, byte[] body) {
        return body.length == 0 ? new JsonBody(json.createObjectNode(), "") : parse(json, body);
    }

    /** An ISO-8601 instant with its offset, e.g. {@code 2026-11-21T15:00:00Z}. */
    public Optional<Instant> optionalInstant(String field) {
        return optionalText(field).map(text -> {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notAnInstant) {
                throw new IllegalArgumentException(name(field) + " must be an ISO-8601 instant with an offset, such as"
                        + " 2026-11-21T15:00:00Z");
            }
        });
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    /** The field is in the body, even as {@code null} (which may mean "clear it"). */
    public boolean present(String field) {
        return node.has(field);
    }

    public String text(String field) {
        return optionalText(field).orElseThrow(() -> new IllegalArgumentException(name(field) + " is required"));
    }

    public Optional<String> optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name(field) + " must be a string");
        }
        return Optional.of(value.asText());
    }

    /** One of {@code type}'s constants, by name; anything else is refused with the list of them. */
    public <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        return optionalText(field).map(value -> {
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException(name(field) + " must be one of " + String.join(", ",
                        Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
            }
        });
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        return optionalEnum(field, type).orElseThrow(() -> new IllegalArgumentException(name(field) + " is required"));
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(name(field) + " must be true or false");
        }
        return Optional.of(value.asBoolean());
    }

    public boolean bool(String field) {
        return optionalBoolean(field).orElseThrow(() -> new IllegalArgumentException(name(field) + " is required"));
    }

    public int integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(name(field) + " is required");
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(name(field) + " must be a whole number");
        }
        return value.asInt();
    }

    public Optional<JsonBody> optionalObject(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(name(field) + " must be an object");
        }
        return Optional.of(new JsonBody(value, name(field)));
    }

    public JsonBody object(String field) {
        return optionalObject(field).orElseThrow(() -> new IllegalArgumentException(name(field) + " is required"));
    }

    public List<String> optionalTexts(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(name(field) + " must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new IllegalArgumentException(name(field) + "[" + i + "] must be a string");
            }
            texts.add(value.get(i).asText());
        }
        return texts;
    }

    public List<JsonBody> objects(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(name(field) + " must be an array of objects");
        }
        List<JsonBody> objects = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                throw new IllegalArgumentException(name(field) + "[" + i + "] must be an object");
            }
            objects.add(new JsonBody(value.get(i), name(field) + "[" + i + "]"));
        }
        return objects;
    }

    /** Exactly one of the fields, or a 400 that lists them. */
    public String oneOf(String... fields) {
        List<String> present = new ArrayList<>();
        for (String field : fields) {
            if (has(field)) {
                present.add(field);
            }
        }
        if (present.size() != 1) {
            throw new IllegalArgumentException((path.isEmpty() ? "the body" : path) + " needs exactly one of "
                    + String.join(", ", fields));
        }
        return present.get(0);
    }
}
