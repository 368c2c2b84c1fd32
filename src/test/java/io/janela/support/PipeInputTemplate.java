package io.janela.support;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Pipes {@code InputTemplate} rendered against one event, as the Pipes guide describes
 * it: {@code <$.a.b>} placeholders with dot-notation JSON paths; a placeholder inside quotes takes a
 * scalar's text, escaped so the output stays valid JSON; one outside quotes takes an object or array
 * as JSON. Anything else the template could rely on (a reserved {@code <aws.pipes...>} variable, a
 * path that is not there, a scalar outside quotes, brackets or wildcards) fails loudly, so the
 * template cannot use behaviour this renderer would get wrong.
 */
public final class PipeInputTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("<([^<>]*)>");
    private static final Pattern PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_-]+)+");

    private PipeInputTemplate() {
    }

    /** The rendered text; {@link #renderJson} when the template is a JSON object. */
    public static String render(String template, JsonNode event) {
        StringBuilder out = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        int from = 0;
        while (placeholder.find()) {
            String before = template.substring(from, placeholder.start());
            out.append(before);
            boolean quoted = insideString(out);
            out.append(value(placeholder.group(1), event, quoted));
            from = placeholder.end();
        }
        out.append(template.substring(from));
        return out.toString();
    }

    public static JsonNode renderJson(String template, JsonNode event) {
        String rendered = render(template, event);
        try {
            return JSON.readTree(rendered);
        } catch (IOException e) {
            throw new UncheckedIOException("the template rendered invalid JSON: " + rendered, e);
        }
    }

    private static String value(String path, JsonNode event, boolean quoted) {
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("a placeholder this renderer does not know: <" + path + ">");
        }
        JsonNode node = event;
        for (String field : path.substring(2).split("\\.")) {
            node = node.get(field);
            if (node == null) {
                throw new IllegalArgumentException("the event has nothing at " + path + ": " + event);
            }
        }
        if (quoted) {
            if (node.isContainerNode()) {
                throw new IllegalArgumentException(path + " is an object or array: do not quote it");
            }
            return new String(JsonStringEncoder.getInstance().quoteAsString(node.asText()));
        }
        if (!node.isContainerNode()) {
            throw new IllegalArgumentException(path + " is a scalar: quote it");
        }
        return node.toString();
    }

    /** Whether the text so far ends inside a JSON string literal (an odd number of unescaped quotes). */
    private static boolean insideString(CharSequence text) {
        boolean inside = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inside && c == '\\') {
                i++;
            } else if (c == '"') {
                inside = !inside;
            }
        }
        return inside;
    }
}
