package jollama.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import io.javalin.router.JavalinDefaultRouting;
import jollama.engine.Model;
import jollama.server.http.api.ErrorResponse;
import jollama.server.http.catalog.ModelCatalog;
import jollama.server.http.manage.Management;
import jollama.server.http.manage.ManageRoutes;
import jollama.server.http.openai.OpenAiRoutes;
import jollama.server.http.sched.Scheduler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Ollama-compatible HTTP server: Ollama's native routes (ollama-api.md §0, §1) over a model
 * catalog, with models loaded on demand by a {@link Scheduler}. Every piece of state belongs to
 * the instance, so several servers can run in one JVM.
 *
 * <pre>{@code
 * try (JollamaServer server = JollamaServer.start(ServerConfig.fromEnvironment(System.getenv()), catalog, "0.1.0")) {
 *     server.awaitStop();
 * }
 * }</pre>
 */
public final class JollamaServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JollamaServer.class.getName());

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    /** Jetty's connection idle timeout: long, because a reply may be silent for minutes while a big prompt is read. */
    private static final long IDLE_TIMEOUT_MS = 60 * 60 * 1000L;

    private final ServerConfig config;
    private final Scheduler scheduler;
    private final Javalin app;
    private final Object stopLock = new Object();
    private boolean closing;
    private boolean stopped;

    private JollamaServer(ServerConfig config, ModelCatalog catalog, String version, Scheduler.ModelOpener opener,
                          Management management) {
        this.config = config;
        this.scheduler = new Scheduler(config.numParallel(), config.maxLoadedModels(), config.maxQueue(),
                config.keepAlive(), opener);
        Json json = new Json();
        ModelAccess models = new ModelAccess(catalog, scheduler, config.contextLength(), new PromptTemplates(config.goTemplate()));
        GenerateHandler generate = new GenerateHandler(json, models);
        ChatHandler chat = new ChatHandler(json, models);
        EmbedHandler embed = new EmbedHandler(json, models);
        ModelInfoHandler info = new ModelInfoHandler(json, models, ZoneId.systemDefault());
        OpenAiRoutes openai = new OpenAiRoutes(json, chat, generate, embed, catalog);
        ManageRoutes manage = management == null ? null : new ManageRoutes(json, management, catalog, scheduler);
        CorsPolicy cors = new CorsPolicy(config.origins());
        HostGuard hostGuard = new HostGuard(config.bind().host());
        byte[] versionBody = json.bytes(Map.of("version", version));

        Logging.quietByDefault(config.debug());
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.prefer405over404 = true;
            // streamed replies must reach the client token by token, never buffered by a compressor
            cfg.http.disableCompression();
            cfg.http.maxRequestSize = Long.MAX_VALUE;
            cfg.jetty.addConnector((server, httpConfig) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                String host = config.bind().host();
                connector.setHost(host.isEmpty() ? null : host);
                connector.setPort(config.bind().port());
                connector.setIdleTimeout(IDLE_TIMEOUT_MS);
                return connector;
            });
            cfg.router.mount(r -> routes(r, cors, hostGuard, json, versionBody, generate, chat, embed, info,
                    openai, manage));
        });
    }

    /**
     * Starts a server on the address of {@code config.bind()}.
     *
     * @param version what {@code /api/version} reports
     */
    public static JollamaServer start(ServerConfig config, ModelCatalog catalog, String version) {
        return start(config, catalog, version, Model::open);
    }

    /** With another way of opening models (tests count loads). */
    public static JollamaServer start(ServerConfig config, ModelCatalog catalog, String version,
                                      Scheduler.ModelOpener opener) {
        return start(config, catalog, version, opener, null);
    }

    /**
     * With the model management routes (pull, create, copy, delete, blobs) over
     * {@code management}'s store, which {@code catalog} must serve.
     */
    public static JollamaServer start(ServerConfig config, ModelCatalog catalog, String version,
                                      Management management) {
        return start(config, catalog, version, Model::open, management);
    }

    /** With another way of opening models, and the management routes unless {@code management} is null. */
    public static JollamaServer start(ServerConfig config, ModelCatalog catalog, String version,
                                      Scheduler.ModelOpener opener, Management management) {
        JollamaServer server = new JollamaServer(config, catalog, version, opener, management);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.scheduler.close();
            throw e;
        }
        return server;
    }

    private static void routes(JavalinDefaultRouting r, CorsPolicy cors, HostGuard hostGuard, Json json,
                               byte[] versionBody, GenerateHandler generate, ChatHandler chat, EmbedHandler embed,
                               ModelInfoHandler info, OpenAiRoutes openai,
                               ManageRoutes manage) {
        r.before(ctx -> guard(ctx, cors, hostGuard));

        Handler running = ctx -> ctx.status(200).contentType(TEXT).result("Ollama is running");
        r.get("/", running);
        r.head("/", running);
        Handler version = ctx -> ctx.status(200).contentType(JSON).result(versionBody);
        r.get("/api/version", version);
        r.head("/api/version", version);
        r.post("/api/generate", generate::handle);
        r.post("/api/chat", chat::handle);
        r.post("/api/embed", embed::embed);
        r.post("/api/embeddings", embed::embeddings);
        r.get("/api/tags", info::tags);
        r.head("/api/tags", info::tags);
        r.post("/api/show", info::show);
        r.get("/api/ps", info::ps);
        openai.mount(r);
        if (manage != null) {
            manage.mount(r);
        }

        r.exception(Halt.class, (e, ctx) -> {
            ctx.status(e.status());
            ctx.result(new byte[0]);
        });
        r.exception(ApiError.class, (e, ctx) -> error(ctx, json, e.status(), e.getMessage()));
        r.exception(EndpointNotFound.class, (e, ctx) -> ctx.status(404).contentType(TEXT).result("404 page not found"));
        r.exception(MethodNotAllowedResponse.class,
                (e, ctx) -> ctx.status(405).contentType(TEXT).result("405 method not allowed"));
        r.exception(Exception.class, (e, ctx) -> {
            LOG.log(Level.WARNING, ctx.method() + " " + ctx.path() + ": " + e, e);
            error(ctx, json, 500, e.getMessage() != null ? e.getMessage() : e.toString());
        });
    }

    /** CORS first, then the Host guard, as Ollama's middleware chain runs them. */
    private static void guard(Context ctx, CorsPolicy cors, HostGuard hostGuard) {
        String method = ctx.method().name();
        Map<String, String> headers = new LinkedHashMap<>();
        int status = cors.apply(method, ctx.header("Origin"), ctx.header("Host"), headers);
        headers.forEach(ctx::header);
        if (status != 0) {
            throw new Halt(status);
        }
        status = hostGuard.apply(method, ctx.header("Host"));
        if (status != 0) {
            throw new Halt(status);
        }
    }

    private static void error(Context ctx, Json json, int status, String message) {
        ctx.status(status).contentType(JSON).result(json.bytes(new ErrorResponse(message)));
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** The address as Ollama logs it: {@code 127.0.0.1:11434}. */
    public String address() {
        return config.bind().display(port());
    }

    public ServerConfig config() {
        return config;
    }

    /** The model scheduler (tests look at its queue). */
    Scheduler scheduler() {
        return scheduler;
    }

    /** Blocks until {@link #close()} has finished (called from a signal handler or another thread). */
    public void awaitStop() throws InterruptedException {
        synchronized (stopLock) {
            while (!stopped) {
                stopLock.wait();
            }
        }
    }

    /** Stops accepting requests, then unloads every model. Idempotent. */
    @Override
    public void close() {
        synchronized (stopLock) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            app.stop();
        } finally {
            scheduler.close();
            synchronized (stopLock) {
                stopped = true;
                stopLock.notifyAll();
            }
        }
    }
}
