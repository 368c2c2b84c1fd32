package io.janela.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS Secrets Manager's {@code GetSecretValue} as the service answers it over its JSON protocol
 * ({@code POST /}, {@code X-Amz-Target: secretsmanager.GetSecretValue}, {@code {"SecretId": ..}}),
 * on a random port. The SDK's own client talks to it through an endpoint override.
 */
public final class WireMockSecretsManager implements AutoCloseable {

    public static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:janela/meta-Xy12Ab";
    public static final String REGION = "us-east-1";
    private static final String TARGET = "secretsmanager.GetSecretValue";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    public WireMockSecretsManager() {
        server.start();
    }

    public URI endpoint() {
        return URI.create(server.baseUrl());
    }

    /** A client as the SDK builds one, pointed here. */
    public SecretsManagerClient client() {
        return SecretsManagerClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("janelatest", "janelatest")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The secret's current version holds {@code secretString}. */
    public void holds(String secretString, String versionId) {
        ObjectNode answer = JSON.createObjectNode()
                .put("ARN", SECRET_ARN)
                .put("Name", "janela/meta")
                .put("VersionId", versionId)
                .put("SecretString", secretString)
                .put("CreatedDate", 1.7952516E9);
        answer.putArray("VersionStages").add("AWSCURRENT");
        server.stubFor(getSecretValue().willReturn(json(200, answer.toString())));
    }

    /** The three credentials, as Janela's secret holds them. */
    public void holds(String appSecret, String verifyToken, String accessToken, String versionId) {
        holds(JSON.createObjectNode().put("appSecret", appSecret).put("verifyToken", verifyToken)
                .put("accessToken", accessToken).toString(), versionId);
    }

    /** A secret whose value is binary (SecretBinary), not text. */
    public void holdsBinary() {
        server.stubFor(getSecretValue().willReturn(json(200, """
                {"ARN":"%s","Name":"janela/meta","VersionId":"v-binary","SecretBinary":"AAEC","VersionStages":["AWSCURRENT"],
                 "CreatedDate":1.7952516E9}""".formatted(SECRET_ARN))));
    }

    /** Secrets Manager answers with one of its errors, e.g. ResourceNotFoundException or AccessDeniedException. */
    public void answersError(int status, String type, String message) {
        server.stubFor(getSecretValue().willReturn(json(status,
                JSON.createObjectNode().put("__type", type).put("message", message).toString())));
    }

    public int reads() {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET)).build()).getCount();
    }

    /** Every request asked for the secret by its ARN, signed by the SDK. */
    /** The requests received, oldest first. */
    public List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlEqualTo("/")));
    }

    public void verifyEveryReadNamed(String secretId) {
        server.verify(reads(), postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing("AWS4-HMAC-SHA256"))
                .withRequestBody(equalToJson("{\"SecretId\":\"" + secretId + "\"}")));
    }

    public void reset() {
        server.resetAll();
    }

    /**
     * The SDK's standard settings that point a client built from the environment here (the
     * service-specific endpoint, the region, credentials), as system properties.
     */
    public Map<String, String> sdkSystemProperties() {
        return Map.of(
                "aws.endpointUrlSecretsManager", server.baseUrl(),
                "aws.region", REGION,
                "aws.accessKeyId", "janelatest",
                "aws.secretAccessKey", "janelatest");
    }

    private static MappingBuilder getSecretValue() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
