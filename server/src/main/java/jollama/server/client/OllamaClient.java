package jollama.server.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A client of Ollama's native API (ollama-api.md §1), what the {@code jollama} commands use to
 * talk to a running server, as Ollama's CLI uses its Go client. Errors the server reports come
 * as {@link ApiException} with the server's text; a server that cannot be reached as
 * {@link ServerUnreachableException}. Thread-safe; holds no state besides the connection pool.
 *
 * <pre>{@code
 * OllamaClient client = OllamaClient.fromEnvironment(System.getenv());
 * client.heartbeat();
 * for (ListedModel m : client.list()) System.out.println(m.name());
 * }</pre>
 */
public final class OllamaClient {

    private static final String JSON_TYPE = "application/json";

    private final OllamaHost host;
    private final HttpClient http;
    private final ObjectMapper json;

    public OllamaClient(OllamaHost host) {
        this.host = host;
        // HTTP/1.1: streamed replies are chunked NDJSON, and an h2c upgrade attempt buys nothing
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.json = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The server named by {@code OLLAMA_HOST} in {@code env} (§4.4). */
    public static OllamaClient fromEnvironment(Map<String, String> env) {
        return new OllamaClient(OllamaHost.fromEnvironment(env));
    }

    public OllamaHost host() {
        return host;
    }

    /** {@code HEAD /}: whether the server answers at all (Ollama's CLI checks this first). */
    public void heartbeat() throws IOException {
        HttpResponse<byte[]> r = send(request("/").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        checkStatus(r);
    }

    /** {@code GET /api/version}. */
    public String version() throws IOException {
        return getJson("/api/version").path("version").asText("");
    }

    /** {@code GET /api/tags}: the models in the server's store, newest first. */
    public List<ListedModel> list() throws IOException {
        return listOf(getJson("/api/tags").path("models"), ListedModel.class);
    }

    /** {@code GET /api/ps}: the models loaded now. */
    public List<RunningModel> ps() throws IOException {
        return listOf(getJson("/api/ps").path("models"), RunningModel.class);
    }

    /** {@code POST /api/show}. */
    public ModelInfo show(String model, boolean verbose) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        if (verbose) {
            body.put("verbose", true);
        }
        return convert(postJson("/api/show", body), ModelInfo.class);
    }

    /**
     * {@code POST /api/show} with a system message and options laid over the model's, as the
     * interactive chat asks: the modelfile, parameters and system then read as the session's.
     */
    public ModelInfo show(String model, String system, Map<String, Object> options) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        if (system != null && !system.isEmpty()) {
            body.put("system", system);
        }
        if (options != null && !options.isEmpty()) {
            body.put("options", options);
        }
        return convert(postJson("/api/show", body), ModelInfo.class);
    }

    /** {@code POST /api/pull}, streamed: each progress line goes to {@code progress} as it comes. */
    public void pull(String model, boolean insecure, Consumer<ProgressUpdate> progress) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        if (insecure) {
            body.put("insecure", true);
        }
        stream("/api/pull", body, node -> progress.accept(convert(node, ProgressUpdate.class)), new Cancellation());
    }

    /** {@code POST /api/create}, streamed. */
    public void create(CreateRequest request, Consumer<ProgressUpdate> progress) throws IOException {
        stream("/api/create", request, node -> progress.accept(convert(node, ProgressUpdate.class)),
                new Cancellation());
    }

    /** {@code POST /api/copy}. */
    public void copy(String source, String destination) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", source);
        body.put("destination", destination);
        checkStatus(send(jsonRequest("/api/copy", "POST", body)));
    }

    /** {@code DELETE /api/delete}. */
    public void delete(String model) throws IOException {
        checkStatus(send(jsonRequest("/api/delete", "DELETE", Map.of("model", model))));
    }

    /** {@code HEAD /api/blobs/sha256:<hex>}: whether the server has the blob. */
    public boolean hasBlob(String digest) throws IOException {
        HttpResponse<byte[]> r = send(request("/api/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        if (r.statusCode() == 404) {
            return false;
        }
        checkStatus(r);
        return true;
    }

    /**
     * {@code POST /api/blobs/sha256:<hex>} with the file as the body.
     *
     * @param sent told the bytes sent so far, as they go
     */
    public void uploadBlob(String digest, Path file, LongConsumer sent) throws IOException {
        long size = Files.size(file);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new CountingInputStream(Files.newInputStream(file), sent);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), size);
        checkStatus(send(request("/api/blobs/" + digest).POST(body).build()));
    }

    /**
     * {@code POST /api/chat}, streamed: each chunk goes to {@code each} as it comes.
     *
     * @return the final chunk (with the metrics), or null when {@code cancel} stopped the reply
     */
    public ReplyChunk chat(ChatRequest request, Consumer<ReplyChunk> each, Cancellation cancel) throws IOException {
        return replies("/api/chat", request, each, cancel);
    }

    /** {@code POST /api/generate}, streamed unless the request says otherwise; as {@link #chat}. */
    public ReplyChunk generate(GenerateRequest request, Consumer<ReplyChunk> each, Cancellation cancel)
            throws IOException {
        return replies("/api/generate", request, each, cancel);
    }

    /**
     * {@code POST /api/embed} with one input.
     *
     * @param truncate   null for the server's default
     * @param dimensions 0 for the model's full length
     * @param keepAlive  null for the server's default
     */
    public List<float[]> embed(String model, String input, Boolean truncate, int dimensions, Object keepAlive)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("input", input);
        if (truncate != null) {
            body.put("truncate", truncate);
        }
        if (dimensions > 0) {
            body.put("dimensions", dimensions);
        }
        if (keepAlive != null) {
            body.put("keep_alive", keepAlive);
        }
        List<float[]> vectors = new ArrayList<>();
        for (JsonNode v : postJson("/api/embed", body).path("embeddings")) {
            float[] vector = new float[v.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) v.get(i).asDouble();
            }
            vectors.add(vector);
        }
        return vectors;
    }

    private ReplyChunk replies(String path, Object request, Consumer<ReplyChunk> each, Cancellation cancel)
            throws IOException {
        ReplyChunk[] last = new ReplyChunk[1];
        boolean complete = stream(path, request, node -> {
            ReplyChunk chunk = convert(node, ReplyChunk.class);
            last[0] = chunk;
            each.accept(chunk);
        }, cancel);
        return complete ? last[0] : null;
    }

    /**
     * Posts {@code body} and hands each NDJSON object of the reply to {@code each}; a non-streamed
     * JSON reply counts as one object. Returns false when {@code cancel} stopped it.
     */
    private boolean stream(String path, Object body, Consumer<JsonNode> each, Cancellation cancel)
            throws IOException {
        HttpRequest request = jsonRequest(path, "POST", body);
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (NdjsonReader reader = new NdjsonReader(response.body(), json, response.statusCode())) {
            if (response.statusCode() >= 400) {
                byte[] bytes = response.body().readAllBytes();
                throw error(response.statusCode(), bytes);
            }
            // the raw stream, not the reader: BufferedReader.close() would wait for the line being read
            cancel.attach(response.body());
            try {
                JsonNode node;
                while (!cancel.isCancelled() && (node = reader.next()) != null) {
                    each.accept(node);
                }
            } catch (ApiException e) {
                throw e;
            } catch (IOException e) {
                if (!cancel.isCancelled()) {
                    throw e;
                }
            } finally {
                cancel.detach();
            }
            return !cancel.isCancelled();
        }
    }

    private JsonNode getJson(String path) throws IOException {
        HttpResponse<byte[]> r = send(request(path).GET().build());
        checkStatus(r);
        return parse(r.body());
    }

    private JsonNode postJson(String path, Object body) throws IOException {
        HttpResponse<byte[]> r = send(jsonRequest(path, "POST", body));
        checkStatus(r);
        return parse(r.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(host.uri(path))
                .header("User-Agent", "jollama (" + System.getProperty("os.arch") + " "
                        + System.getProperty("os.name").toLowerCase(Locale.ROOT) + ") Java/"
                        + Runtime.version().feature());
    }

    private HttpRequest jsonRequest(String path, String method, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        return request(path).header("Content-Type", JSON_TYPE).header("Accept", "application/x-ndjson")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ServerUnreachableException(host, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted");
            io.initCause(e);
            throw io;
        }
    }

    private void checkStatus(HttpResponse<byte[]> r) throws ApiException {
        if (r.statusCode() >= 400) {
            throw error(r.statusCode(), r.body());
        }
    }

    /** The server's {@code {"error":"..."}} text; any other body as it is; an empty one as the status. */
    private ApiException error(int status, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.path("error").isTextual()) {
                return new ApiException(status, node.get("error").asText());
            }
        } catch (JsonProcessingException notJson) {
            // a plain-text body such as "404 page not found"
        }
        return new ApiException(status, text.isEmpty() ? "server answered HTTP " + status : text);
    }

    private JsonNode parse(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException("the server's reply is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unexpected reply from the server: " + e.getOriginalMessage(), e);
        }
    }

    private <T> List<T> listOf(JsonNode array, Class<T> type) {
        List<T> items = new ArrayList<>();
        for (JsonNode node : array) {
            items.add(convert(node, type));
        }
        return items;
    }
}
