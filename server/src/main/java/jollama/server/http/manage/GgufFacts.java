package jollama.server.http.manage;

import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFMetadata;
import jollama.server.http.catalog.GgufDetails;
import jollama.server.http.catalog.ModelDetails;
import jollama.server.store.MediaTypes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What {@code create} needs from a GGUF file's header: which layer it makes (weights or a
 * projector), whether it is an adapter, its file type, and the details for the config blob.
 *
 * @param kind       {@code general.type}: {@code model} (or absent), {@code adapter}, {@code projector}…
 * @param fileTypeId {@code general.file_type}; 0 (F32) when absent, as Ollama reads it
 * @param details    family, parameter size and quantization, as the config blob states them
 * @param projector  whether the file is a vision/audio projector rather than a language model
 */
record GgufFacts(String kind, int fileTypeId, ModelDetails details, boolean projector) {

    private static final byte[] MAGIC = "GGUF".getBytes(StandardCharsets.US_ASCII);

    /** Whether the file starts with the GGUF magic (Ollama sniffs the first bytes the same way). */
    static boolean isGguf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(4), MAGIC);
        }
    }

    static GgufFacts read(Path file) throws IOException {
        try (GGUFFile gguf = GGUFFile.open(file)) {
            GGUFMetadata md = gguf.metadata();
            String kind = md.string("general.type", "model");
            String arch = md.string("general.architecture", "");
            int fileType = md.u32("general.file_type", 0);
            return new GgufFacts(kind, fileType, GgufDetails.of(gguf), isProjector(md, kind, arch));
        }
    }

    /** Ollama's rule: an mmproj/projector file, or one with vision (or audio) encoder blocks but no text blocks. */
    private static boolean isProjector(GGUFMetadata md, String kind, String arch) {
        if (kind.equals("projector") || kind.equals("mmproj")) {
            return true;
        }
        boolean noTextBlocks = !md.contains(arch + ".block_count");
        if (noTextBlocks && md.contains(arch + ".vision.block_count")) {
            return true;
        }
        return arch.equals("clip") && noTextBlocks
                && (md.bool("clip.has_vision_encoder", false) || md.bool("clip.has_audio_encoder", false));
    }

    boolean isAdapter() {
        return kind.equals("adapter");
    }

    String mediaType() {
        return projector ? MediaTypes.PROJECTOR : MediaTypes.MODEL;
    }
}
