package jollama.server.registry;

import jollama.server.store.CorruptManifestException;
import jollama.server.store.Digest;
import jollama.server.store.Layer;
import jollama.server.store.Manifest;
import jollama.server.store.ManifestWrite;
import jollama.server.store.MediaTypes;
import jollama.server.store.ModelName;
import jollama.server.store.ModelStore;
import jollama.server.store.StoredModel;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** One pull, start to end, in the order of Ollama's {@code PullModel} (§1.10, §5). */
final class PullOperation {

    private static final System.Logger LOG = System.getLogger("jollama.server.registry");

    private final RegistryClient client;
    private final ModelName name;
    private final ModelStore store;
    private final PullOptions pullOptions;
    private final Consumer<PullProgress> progress;
    private final RegistryOptions options;

    PullOperation(RegistryClient client, ModelName name, ModelStore store, PullOptions pullOptions,
                  Consumer<PullProgress> progress) {
        this.client = client;
        this.name = name;
        this.store = store;
        this.pullOptions = pullOptions;
        this.progress = progress;
        this.options = client.options();
    }

    void run() throws PullException {
        try {
            pull();
        } catch (PullException e) {
            throw e;
        } catch (IOException e) {
            throw new PullException(NetErrors.reason(e), e);
        }
    }

    @SuppressWarnings("try") // the retention is held for the block, never read
    private void pull() throws IOException {
        if (name.scheme().equals("http") && !pullOptions.insecure() && options.baseUrl() == null) {
            throw new PullException("insecure protocol http");
        }
        ModelName target = store.canonicalName(name);
        Set<Digest> previous = previousBlobs(target);

        progress.accept(PullProgress.status("pulling manifest"));
        RegistrySession session = client.newSession(client.baseUrl(name, pullOptions.insecure()));
        byte[] raw;
        Manifest manifest;
        try {
            raw = session.fetchManifest(name, this::checkCancelled);
            manifest = Manifest.parse(raw);
        } catch (PullCancelledException e) {
            throw e;
        } catch (HttpStatusException | CorruptManifestException e) {
            throw new PullException("pull model manifest: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PullException("pull model manifest: " + NetErrors.describe("GET", session.manifestUrl(name), e), e);
        }
        if (manifest.layers().stream().anyMatch(l -> l.mediaType().equals(MediaTypes.TENSOR))) {
            throw new PullException("this model is stored as safetensors tensors, which jollama cannot pull; "
                    + "only GGUF models are supported");
        }

        try (ModelStore.Retention retention = store.retain(manifest.blobDigests())) {
            Set<Digest> fresh = new LinkedHashSet<>();
            for (Layer layer : manifest.layersAndConfig()) {
                if (!fetch(layer, session)) {
                    fresh.add(layer.digest());
                }
            }

            progress.accept(PullProgress.status("verifying sha256 digest"));
            for (Digest digest : fresh) {
                checkCancelled();
                Digest actual = store.hashBlob(digest);
                if (!actual.equals(digest)) {
                    store.deleteBlob(digest);
                    throw new PullException("digest mismatch, file must be downloaded again: want " + digest
                            + ", got " + actual);
                }
            }

            progress.accept(PullProgress.status("writing manifest"));
            ManifestWrite written = store.writeManifest(target, raw);
            if (written.previous() != null) {
                previous.addAll(written.previous().blobDigests());
            }
            previous.removeAll(manifest.blobDigests());
            if (!store.noPrune() && !previous.isEmpty()) {
                progress.accept(PullProgress.status("removing unused layers"));
                try {
                    store.removeUnreferencedBlobs(previous);
                } catch (IOException e) {
                    progress.accept(PullProgress.status("couldn't remove unused layers: " + e.getMessage()));
                }
            }
        }
        progress.accept(PullProgress.status("success"));
    }

    /** The blobs of the manifest this pull replaces (none when it is new or unreadable). */
    private Set<Digest> previousBlobs(ModelName target) {
        try {
            Optional<StoredModel> old = store.find(target);
            return old.map(m -> new HashSet<>(m.manifest().blobDigests())).orElseGet(HashSet::new);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "pulling over an unreadable manifest of " + target + ": " + e.getMessage());
            return new HashSet<>();
        }
    }

    /**
     * Makes one layer's blob present, reporting progress while it downloads.
     *
     * @return true when it was already in the store (a cache hit, not verified again)
     */
    private boolean fetch(Layer layer, RegistrySession session) throws IOException {
        Digest digest = layer.digest();
        checkCancelled();
        if (store.hasBlob(digest)) {
            long size = Files.size(store.blobPath(digest));
            progress.accept(PullProgress.layer(digest, size, size));
            return true;
        }
        BlobDownload download = client.join(store, digest, layer.size(), session, name);
        try {
            progress.accept(PullProgress.layer(digest, download.total(), download.completed()));
            while (!download.awaitDone(options.progressInterval())) {
                checkCancelled();
                progress.accept(PullProgress.layer(digest, download.total(), download.completed()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PullCancelledException();
        } finally {
            download.release();
        }
        Throwable failure = download.failure();
        if (failure instanceof PullCancelledException) {
            // the download was stopped for everyone; only reachable if this pull was cancelled too
            throw new PullCancelledException();
        }
        if (failure instanceof PullException e) {
            throw new PullException(e.getMessage(), e);
        }
        if (failure instanceof HttpStatusException e) {
            throw new PullException("pulling " + digest.shortHex() + ": " + e.getMessage(), e);
        }
        if (failure != null) {
            throw new PullException("pulling " + digest.shortHex() + ": " + NetErrors.reason(failure), failure);
        }
        progress.accept(PullProgress.layer(digest, download.total(), download.total()));
        return false;
    }

    private void checkCancelled() throws PullCancelledException {
        if (pullOptions.cancel().isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new PullCancelledException();
        }
    }
}
