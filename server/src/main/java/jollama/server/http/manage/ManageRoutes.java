package jollama.server.http.manage;

import io.javalin.router.JavalinDefaultRouting;
import jollama.server.http.Json;
import jollama.server.http.catalog.ModelCatalog;
import jollama.server.http.sched.Scheduler;

/**
 * The model management routes of the native API: {@code /api/pull}, {@code /api/create},
 * {@code /api/copy}, {@code /api/delete} and {@code /api/blobs/:digest} (§1.10, §1.12–§1.14).
 */
public final class ManageRoutes {

    private final PullHandler pull;
    private final CreateHandler create;
    private final CopyHandler copy;
    private final DeleteHandler delete;
    private final BlobHandler blobs;

    /**
     * @param catalog   the server's catalog over {@code management.store()}, to find what a delete unloads
     * @param scheduler the server's scheduler
     */
    public ManageRoutes(Json json, Management management, ModelCatalog catalog, Scheduler scheduler) {
        ModelPuller puller = new ModelPuller(management.registry(), management.store());
        this.pull = new PullHandler(json, puller);
        this.create = new CreateHandler(json,
                new ModelCreator(management.store(), puller, TemplateCheck.goTemplates()));
        this.copy = new CopyHandler(json, management.store());
        this.delete = new DeleteHandler(json, management.store(), catalog, scheduler);
        this.blobs = new BlobHandler(management.store());
    }

    public void mount(JavalinDefaultRouting r) {
        r.post("/api/pull", pull::handle);
        r.post("/api/create", create::handle);
        r.post("/api/copy", copy::handle);
        r.delete("/api/delete", delete::handle);
        r.head("/api/blobs/{digest}", blobs::head);
        r.post("/api/blobs/{digest}", blobs::upload);
    }
}
