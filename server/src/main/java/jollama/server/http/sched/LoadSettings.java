package jollama.server.http.sched;

import jollama.engine.ModelSettings;

/**
 * The load-time options a runner was started with. A request asking for different ones makes the
 * model reload (Ollama's {@code needsReload}); the other load-time options of Ollama (num_gpu,
 * num_batch, use_mmap, ...) do not apply to jollama and are not compared.
 *
 * @param numCtx    requested context length (capped at the trained length by the engine)
 * @param numThread worker threads, 0 for automatic
 */
public record LoadSettings(int numCtx, int numThread) {

    /** Ollama raises num_ctx to at least 4. */
    public LoadSettings {
        numCtx = Math.max(4, numCtx);
        numThread = Math.max(0, numThread);
    }

    ModelSettings toModelSettings(int parallel) {
        return new ModelSettings(numCtx, parallel, numThread);
    }
}
