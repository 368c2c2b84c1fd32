package io.janela.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** API Gateway HTTP API (payload 2.0) events, as AWS documents and delivers them to Lambda. */
public final class HttpApiEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpApiEvents() {
    }

    public static String event(String method, String routePath, String rawPath, Map<String, String> headers,
            Map<String, String> query, Map<String, String> pathParameters, byte[] body, boolean base64) {
        return eventNode(method, routePath, rawPath, headers, query, pathParameters, body, base64).toString();
    }

    private static ObjectNode eventNode(String method, String routePath, String rawPath, Map<String, String> headers,
            Map<String, String> query, Map<String, String> pathParameters, byte[] body, boolean base64) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + routePath);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach((name, value) -> headerNode.put(name.toLowerCase(java.util.Locale.ROOT), value));
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode pathNode = event.putObject("pathParameters");
            pathParameters.forEach(pathNode::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "r3pmxmplak");
        context.put("domainName", "r3pmxmplak.execute-api.us-east-1.amazonaws.com");
        context.put("requestId", "JKJaXmPLvHcESHA=");
        context.put("routeKey", method + " " + routePath);
        context.put("stage", "$default");
        context.put("timeEpoch", 1795251600000L);
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "173.252.127.1");
        http.put("userAgent", "facebookexternalua");
        if (body != null) {
            event.put("body", base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", base64);
        return event;
    }

    /** A JSON request from a signed-in desk user, as the HTTP API's JWT authorizer passes it on. */
    public static String withCaller(String eventJson, String email) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(eventJson);
            ObjectNode claims = ((ObjectNode) event.path("requestContext")).putObject("authorizer").putObject("jwt").putObject("claims");
            claims.put("email", email);
            claims.put("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Janela");
            claims.put("aud", "janela-desk");
            return event.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Where the template's defaults look for the administrators' group (AdminClaim, AdminGroup). */
    public static final String GROUPS_CLAIM = "cognito:groups";
    public static final String ADMIN_GROUP = "janela-admins";

    /**
     * The same request from a caller in the administrators' Cognito group (among others): API
     * Gateway's JWT authorizer passes an array claim to Lambda as one string, {@code "[a b]"}.
     */
    public static String asAdministrator(String eventJson) {
        return withClaim(eventJson, GROUPS_CLAIM, "[janela-desk " + ADMIN_GROUP + "]");
    }

    /** The request with one more claim of the caller's token (the caller must already be there). */
    public static String withClaim(String eventJson, String name, Object value) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(eventJson);
            JsonNode claims = event.path("requestContext").path("authorizer").path("jwt").path("claims");
            if (!claims.isObject()) {
                throw new IllegalArgumentException("the request has no caller to add a claim to");
            }
            ((ObjectNode) claims).set(name, JSON.valueToTree(value));
            return event.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String json(String method, String routePath, String rawPath, Map<String, String> pathParameters, String body) {
        return event(method, routePath, rawPath, Map.of("content-type", "application/json"), Map.of(), pathParameters,
                body.getBytes(StandardCharsets.UTF_8), false);
    }

    public static String get(String routePath, String rawPath, Map<String, String> query, Map<String, String> pathParameters) {
        return event("GET", routePath, rawPath, Map.of(), query, pathParameters, null, false);
    }

    /**
     * A PUT with a JSON body from a signed-in caller. API Gateway's JWT authorizer hands the token's
     * claims to the function as strings under {@code requestContext.authorizer.jwt.claims}.
     */
    public static String put(String routePath, String rawPath, Map<String, String> pathParameters, String jsonBody,
            String callerEmail) {
        ObjectNode event = eventNode("PUT", routePath, rawPath, Map.of("content-type", "application/json"), Map.of(),
                pathParameters, jsonBody.getBytes(StandardCharsets.UTF_8), false);
        ObjectNode jwt = ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("jwt");
        jwt.putObject("claims")
                .put("sub", "8f1c2b7e-3a4d-4e5f-9a6b-7c8d9e0f1a2b")
                .put("email", callerEmail)
                .put("email_verified", "true")
                .put("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_J4nela")
                .put("aud", "janela-desk")
                .put("iat", "1795251000")
                .put("exp", "1795254600");
        return event.toString();
    }
}
