package io.janela.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.janela.functions.http.HttpApiRequest;
import io.janela.functions.http.HttpApiResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Plays API Gateway's part on this machine: every HttpApi route of the SAM template on one
 * port, each request turned into the same payload-2.0 event Lambda would receive and handed to
 * the function the template names.
 */
public final class LocalGateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalGateway.class);
    /** Local mode's stand-in for a signed-in desk user: the agent's e-mail. */
    public static final String AGENT_HEADER = "x-janela-agent";
    /**
     * Local mode's stand-in for the groups the identity provider puts in the token (comma- or
     * space-separated): {@code X-Janela-Groups: janela-admins} makes the caller an administrator.
     */
    public static final String GROUPS_HEADER = "x-janela-groups";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private record BoundRoute(SamTemplate.Route route, Pattern pattern, List<String> parameters,
            Function<HttpApiRequest, HttpApiResponse> function) {
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final List<BoundRoute> routes;
    /** The claim the groups go in: the one janela.roles.admin-claim names. */
    private final String groupsClaim;
    /** Local mode's own routes, which the template does not have (an operator's triggers). */
    private final List<BoundRoute> localRoutes = new CopyOnWriteArrayList<>();
    /** The {@code ANY <prefix>{proxy+}} keys of the local stand-ins served under a prefix. */
    private final List<String> prefixRoutes = new CopyOnWriteArrayList<>();

    /** The template's {@code $default} route: what answers a request no route matches. */
    private final Function<HttpApiRequest, HttpApiResponse> unmatched;

    private LocalGateway(HttpServer server, ExecutorService workers, List<BoundRoute> routes, String groupsClaim,
            Function<HttpApiRequest, HttpApiResponse> unmatched) {
        this.server = server;
        this.workers = workers;
        this.routes = routes;
        this.groupsClaim = groupsClaim;
        this.unmatched = unmatched;
    }

    /**
     * Starts serving; {@code functions} maps each QUARKUS_FUNQY_EXPORT name to its function, and the
     * {@value #GROUPS_HEADER} header's groups reach them in the claim {@code groupsClaim}. A request
     * no route matches goes to {@code defaultRoute}'s function as {@code $default}, as AWS sends it;
     * without one, it is answered as API Gateway answers it.
     */
    public static LocalGateway start(int port, String groupsClaim, List<SamTemplate.Route> templateRoutes,
            Optional<String> defaultRoute, Map<String, Function<HttpApiRequest, HttpApiResponse>> functions) {
        List<BoundRoute> routes = new ArrayList<>();
        for (SamTemplate.Route route : templateRoutes) {
            Function<HttpApiRequest, HttpApiResponse> function = functions.get(route.function());
            if (function == null) {
                throw new IllegalStateException("the template routes " + route.routeKey()
                        + " to function '" + route.function() + "', which local mode does not have");
            }
            routes.add(bind(route, function));
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 64);
            ExecutorService workers = Executors.newFixedThreadPool(8);
            Function<HttpApiRequest, HttpApiResponse> unmatched = defaultRoute.<Function<HttpApiRequest, HttpApiResponse>>map(
                    function -> Optional.ofNullable(functions.get(function)).orElseThrow(() -> new IllegalStateException(
                            "the template routes $default to function '" + function + "', which local mode does not have")))
                    .orElse(request -> HttpApiResponse.json(404, "{\"message\":\"Not Found\"}"));
            LocalGateway gateway = new LocalGateway(server, workers, List.copyOf(routes), groupsClaim, unmatched);
            server.createContext("/", gateway::handle);
            server.setExecutor(workers);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("the local gateway could not listen on port " + port, e);
        }
    }

    private static BoundRoute bind(SamTemplate.Route route, Function<HttpApiRequest, HttpApiResponse> function) {
        List<String> parameters = new ArrayList<>();
        Matcher names = PATH_PARAMETER.matcher(route.path());
        while (names.find()) {
            parameters.add(names.group(1));
        }
        String regex = PATH_PARAMETER.matcher(Pattern.quote(route.path()))
                .replaceAll(match -> "\\\\E([^/]+)\\\\Q");
        return new BoundRoute(route, Pattern.compile(regex), parameters, function);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<String> routeKeys() {
        return routes.stream().map(bound -> bound.route().routeKey()).toList();
    }

    /**
     * What this gateway serves besides the template's routes: {@link #serveLocal} routes, then
     * {@link #serve} prefixes as {@code ANY <prefix>{proxy+}}.
     */
    public List<String> localRouteKeys() {
        return Stream.concat(localRoutes.stream().map(bound -> bound.route().routeKey()), prefixRoutes.stream())
                .toList();
    }

    /**
     * Also serves {@code method path} with {@code handler}: a route of local mode's own that AWS
     * does not have, such as an operator's trigger. {@link #routeKeys()} leaves it out.
     */
    public void serveLocal(String method, String path, Function<HttpApiRequest, HttpApiResponse> handler) {
        localRoutes.add(bind(new SamTemplate.Route(method.toUpperCase(Locale.ROOT), path, "local"), handler));
    }

    /**
     * Also serves every method and path under {@code prefix} (which ends with a slash) with
     * {@code handler}, as a greedy {@code ANY <prefix>{proxy+}} route would: the rest of the path
     * arrives as the {@code proxy} path parameter. For local stand-ins that are not in the
     * template, so {@link #routeKeys()} leaves them out.
     */
    public void serve(String prefix, Function<HttpApiRequest, HttpApiResponse> handler) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a prefix starts and ends with a slash: " + prefix);
        }
        String routeKey = "ANY " + prefix + "{proxy+}";
        prefixRoutes.add(routeKey);
        server.createContext(prefix, exchange -> respond(exchange, (method, path) -> {
            Map<String, String> proxy = Map.of("proxy", URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8));
            return handler.apply(request(exchange, routeKey, proxy, method, path));
        }));
    }

    /**
     * Also serves static files under {@code prefix}: {@code page} answers each request's method and
     * raw path. Static files are no API route (in AWS they have a host of their own), so neither
     * {@link #routeKeys()} nor {@link #localRouteKeys()} lists them.
     */
    public void servePage(String prefix, BiFunction<String, String, HttpApiResponse> page) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a prefix starts and ends with a slash: " + prefix);
        }
        server.createContext(prefix, exchange -> respond(exchange, page));
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        respond(exchange, (method, path) -> match(method, path)
                .map(found -> found.route().function().apply(
                        request(exchange, found.route().route().routeKey(), found.pathParameters(), method, path)))
                .orElseGet(() -> unmatched.apply(request(exchange, "$default", Map.of(), method, path))));
    }

    /** {@code responder} takes the method and the raw path. */
    private static void respond(HttpExchange exchange, BiFunction<String, String, HttpApiResponse> responder)
            throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            write(exchange, responder.apply(method, exchange.getRequestURI().getRawPath()));
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "event=local_gateway_failed");
            throw failure;
        }
    }

    private record Match(BoundRoute route, Map<String, String> pathParameters) {
    }

    private Optional<Match> match(String method, String path) {
        return Stream.concat(routes.stream(), localRoutes.stream())
                .flatMap(bound -> match(bound, method, path).stream())
                .findFirst();
    }

    private static Optional<Match> match(BoundRoute bound, String method, String path) {
        Matcher matcher = bound.pattern().matcher(path);
        if (!bound.route().method().equals(method) || !matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < bound.parameters().size(); i++) {
            parameters.put(bound.parameters().get(i), URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
        }
        return Optional.of(new Match(bound, parameters));
    }

    private HttpApiRequest request(HttpExchange exchange, String routeKey, Map<String, String> pathParameters,
            String method, String path) {
        byte[] body;
        try {
            body = exchange.getRequestBody().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        Optional<String> text = asText(body);
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        return new HttpApiRequest(
                "2.0",
                routeKey,
                path,
                rawQuery,
                headers,
                query(rawQuery),
                pathParameters,
                new HttpApiRequest.RequestContext(UUID.randomUUID().toString(), new HttpApiRequest.Http(method, path),
                        authorizer(headers, groupsClaim)),
                body.length == 0 ? null : text.orElseGet(() -> Base64.getEncoder().encodeToString(body)),
                body.length > 0 && text.isEmpty());
    }

    /**
     * Plays the HTTP API's JWT authorizer: locally, the acting agent is whoever the
     * {@value #AGENT_HEADER} header names, placed where AWS puts the verified token's claims, and
     * the {@value #GROUPS_HEADER} header's groups go in {@code groupsClaim} as AWS passes an array
     * claim: one string, {@code "[a b]"}.
     */
    static JsonNode authorizer(Map<String, String> headers, String groupsClaim) {
        String agent = headers.get(AGENT_HEADER);
        if (agent == null || agent.isBlank()) {
            return null;
        }
        ObjectNode authorizer = JsonNodeFactory.instance.objectNode();
        ObjectNode claims = authorizer.putObject("jwt").putObject("claims").put("email", agent.trim());
        Optional.ofNullable(headers.get(GROUPS_HEADER))
                .map(groups -> String.join(" ", groups.strip().split("[\\s,]+")))
                .filter(groups -> !groups.isEmpty())
                .ifPresent(groups -> claims.put(groupsClaim, "[" + groups + "]"));
        return authorizer;
    }

    /** API Gateway passes text bodies as they are and base64-encodes the rest. */
    private static Optional<String> asText(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException binary) {
            return Optional.empty();
        }
    }

    /** Repeated parameters are joined with commas, as payload format 2.0 does. */
    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            String value = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            parameters.merge(name, value, (first, next) -> first + "," + next);
        }
        return parameters;
    }

    private static void write(HttpExchange exchange, HttpApiResponse response) throws IOException {
        byte[] body = response.body() == null ? new byte[0]
                : response.isBase64Encoded() ? Base64.getDecoder().decode(response.body())
                : response.body().getBytes(StandardCharsets.UTF_8);
        if (response.headers() != null) {
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        exchange.sendResponseHeaders(response.statusCode(),
                body.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD") ? -1 : body.length);
        if (exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
            return;
        }
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
