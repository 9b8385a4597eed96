package jollama.server.store;

/** The media types of manifests, configs and layers (§4.2). */
public final class MediaTypes {

    public static final String MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String CONFIG = "application/vnd.docker.container.image.v1+json";

    private static final String IMAGE = "application/vnd.ollama.image.";

    /** GGUF weights. */
    public static final String MODEL = IMAGE + "model";
    /** Vision or audio projector (mmproj GGUF). */
    public static final String PROJECTOR = IMAGE + "projector";
    /** LoRA adapter. */
    public static final String ADAPTER = IMAGE + "adapter";
    /** Go template text. */
    public static final String TEMPLATE = IMAGE + "template";
    /** The older name of {@link #TEMPLATE}; means the same. */
    public static final String PROMPT = IMAGE + "prompt";
    public static final String SYSTEM = IMAGE + "system";
    /** JSON object of options. */
    public static final String PARAMS = IMAGE + "params";
    /** JSON array of {role, content}. */
    public static final String MESSAGES = IMAGE + "messages";
    /** Licence text; a manifest may hold several. */
    public static final String LICENSE = IMAGE + "license";
    /** Deprecated, ignored. */
    public static final String EMBED = IMAGE + "embed";
    public static final String DRAFT = IMAGE + "draft";
    /** Safetensors/MLX tensor layers: not handled by this GGUF-only implementation. */
    public static final String TENSOR = IMAGE + "tensor";
    public static final String JSON = IMAGE + "json";

    private MediaTypes() {
    }
}
