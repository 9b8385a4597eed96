package jollama.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The on-disk model store, laid out exactly as Ollama lays it out (§4.2), so that either program
 * can read what the other wrote:
 *
 * <pre>
 *   &lt;root&gt;/manifests/&lt;host&gt;/&lt;namespace&gt;/&lt;model&gt;/&lt;tag&gt;   manifest JSON
 *   &lt;root&gt;/blobs/sha256-&lt;hex&gt;                               content-addressed blobs
 * </pre>
 *
 * <p>Consistency: blobs are always complete before they get their final name, a manifest is
 * written only when every blob it names is present, and every file is replaced by an atomic
 * rename of a synced temporary file. Whatever point a crash hits, the store holds only whole
 * manifests whose blobs exist, plus leftovers that {@link #pruneOnStartup()} clears.
 *
 * <p>Names are matched against the store without regard to case, and the case found on disk
 * wins ({@link #canonicalName}). Manifest writes, deletes and prunes are serialised on this
 * instance; a server should use one instance per root.
 */
public final class ModelStore {

    private static final System.Logger LOG = System.getLogger("jollama.server.store");

    /** Unused blobs and leftovers younger than this survive the startup prune (§4.2). */
    public static final Duration STARTUP_PRUNE_AGE = Duration.ofHours(1);

    private static final int COPY_BUFFER = 1 << 20;

    private final Path root;
    private final Path manifests;
    private final Path blobs;
    private final boolean noPrune;
    /** Guards manifest writes against the reference scans of delete and prune. */
    private final Object lock = new Object();
    /** Blobs a running operation needs before its manifest exists; pruning leaves them alone. */
    private final Map<Digest, Integer> retained = new ConcurrentHashMap<>();

    public ModelStore(Path root) {
        this(root, false);
    }

    /** @param noPrune keep unused blobs ({@code OLLAMA_NOPRUNE}) */
    public ModelStore(Path root, boolean noPrune) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.manifests = this.root.resolve("manifests");
        this.blobs = this.root.resolve("blobs");
        this.noPrune = noPrune;
    }

    public ModelStore(StoreSettings settings) {
        this(settings.root(), settings.noPrune());
    }

    /** The store named by {@code OLLAMA_MODELS} and {@code OLLAMA_NOPRUNE}. */
    public static ModelStore fromEnvironment() {
        return new ModelStore(StoreSettings.fromEnvironment());
    }

    public Path root() {
        return root;
    }

    public Path blobsDir() {
        return blobs;
    }

    public boolean noPrune() {
        return noPrune;
    }

    // ---------------------------------------------------------------- names and manifests

    /**
     * The manifest file for exactly this name (no case matching). The name's parts are
     * validated by {@link ModelName}; the containment check is a second line of defence.
     */
    public Path manifestPath(ModelName name) {
        Path path = manifests;
        for (String part : name.pathSegments()) {
            path = path.resolve(part);
        }
        path = path.normalize();
        if (!path.startsWith(manifests) || path.getNameCount() != manifests.getNameCount() + 4) {
            throw new IllegalArgumentException("model name escapes the store: " + name);
        }
        return path;
    }

    /**
     * The name with each part replaced by the case of the folder or file already on disk, walking
     * from the host down, so a pull or copy of {@code Qwen3:x} lands next to an existing
     * {@code qwen3} folder. Parts with no match on disk keep their given case.
     */
    public ModelName canonicalName(ModelName name) throws IOException {
        List<String> given = name.pathSegments();
        String[] parts = new String[4];
        Path dir = manifests;
        boolean matching = true;
        for (int level = 0; level < 4; level++) {
            String part = given.get(level);
            if (matching) {
                String stored = storedEntry(dir, part, level == 3);
                if (stored != null) {
                    parts[level] = stored;
                    dir = dir.resolve(stored);
                    continue;
                }
                matching = false;
            }
            parts[level] = part;
        }
        return name.withParts(parts[0], parts[1], parts[2], parts[3]);
    }

    /** The entry of {@code dir} that equals {@code part} ignoring ASCII case: the exact one first. */
    private static String storedEntry(Path dir, String part, boolean wantFile) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        if (hasType(dir.resolve(part), wantFile)) {
            return part;
        }
        List<String> matches = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                if (equalsIgnoreAsciiCase(fileName, part) && hasType(entry, wantFile)) {
                    matches.add(fileName);
                }
            }
        }
        // two case variants can coexist on a case-sensitive file system: pick one deterministically
        return matches.stream().sorted().findFirst().orElse(null);
    }

    private static boolean hasType(Path path, boolean wantFile) {
        return wantFile ? Files.isRegularFile(path) : Files.isDirectory(path);
    }

    /** Case-insensitive for ASCII letters only; other characters must be identical. */
    static boolean equalsIgnoreAsciiCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (lowerAscii(a.charAt(i)) != lowerAscii(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /**
     * The manifest for a name, matched without regard to case.
     *
     * @return empty when no manifest exists
     * @throws CorruptManifestException when one exists but cannot be parsed
     */
    public Optional<StoredModel> find(ModelName name) throws IOException {
        ModelName stored = canonicalName(name);
        Path path = manifestPath(stored);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(stored, path));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted meanwhile
        }
    }

    /**
     * Like {@link #find} but the model must exist.
     *
     * @throws ModelNotFoundException when it does not
     */
    public StoredModel get(ModelName name) throws IOException {
        return find(name).orElseThrow(() -> new ModelNotFoundException(name));
    }

    /** Whether a manifest exists for the name (any case). */
    public boolean exists(ModelName name) throws IOException {
        return Files.isRegularFile(manifestPath(canonicalName(name)));
    }

    /**
     * The manifest file's bytes, exactly as stored.
     *
     * @throws ModelNotFoundException when there is no manifest
     */
    public byte[] readManifestBytes(ModelName name) throws IOException {
        Path path = manifestPath(canonicalName(name));
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ModelNotFoundException(name);
        }
    }

    private static StoredModel read(ModelName name, Path path) throws IOException {
        FileTime modified = Files.getLastModifiedTime(path);
        byte[] bytes = Files.readAllBytes(path);
        Manifest manifest;
        try {
            manifest = Manifest.parse(bytes);
        } catch (CorruptManifestException e) {
            throw new CorruptManifestException(name.displayShortest() + ": " + e.getMessage(), e);
        }
        return new StoredModel(name, manifest, Digest.of(bytes), modified.toInstant(), path);
    }

    /**
     * Every model in the store, newest first (the order of {@code /api/tags}). Walks exactly
     * host/namespace/model/tag; entries whose names are not valid name parts and manifests that
     * cannot be parsed are skipped (and logged).
     */
    public List<StoredModel> list() throws IOException {
        List<StoredModel> models = new ArrayList<>();
        for (ModelName name : manifestNames()) {
            Path path = manifestPath(name);
            try {
                models.add(read(name, path));
            } catch (NoSuchFileException e) {
                // deleted while listing
            } catch (IOException e) {
                LOG.log(Level.WARNING, "skipping unreadable manifest " + path + ": " + e.getMessage());
            }
        }
        models.sort(Comparator.comparing(StoredModel::modified).reversed()
                .thenComparing(m -> m.name().fullName()));
        return models;
    }

    /** The names of all manifest files, four levels down, with valid parts only. */
    private List<ModelName> manifestNames() throws IOException {
        List<ModelName> names = new ArrayList<>();
        for (Path host : children(manifests, false)) {
            for (Path namespace : children(host, false)) {
                for (Path model : children(namespace, false)) {
                    for (Path tag : children(model, true)) {
                        try {
                            names.add(ModelName.of(host.getFileName().toString(), namespace.getFileName().toString(),
                                    model.getFileName().toString(), tag.getFileName().toString()));
                        } catch (InvalidModelNameException e) {
                            // temporary files and foreign entries are not models
                        }
                    }
                }
            }
        }
        return names;
    }

    private static List<Path> children(Path dir, boolean files) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> result = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (hasType(entry, files)) {
                    result.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        result.sort(Comparator.naturalOrder());
        return result;
    }

    /**
     * Writes manifest bytes as given (a pulled manifest keeps the registry's exact bytes) under
     * the name, in the case already on disk if any.
     *
     * @throws CorruptManifestException when the bytes are not a valid manifest
     * @throws IOException              when a blob the manifest names is missing: blobs come first
     */
    public ManifestWrite writeManifest(ModelName name, byte[] bytes) throws IOException {
        Manifest manifest = Manifest.parse(bytes);
        for (Digest digest : manifest.blobDigests()) {
            if (!hasBlob(digest)) {
                throw new IOException("manifest for " + name.displayShortest() + " names a missing blob " + digest);
            }
        }
        synchronized (lock) {
            ModelName stored = canonicalName(name);
            Path path = manifestPath(stored);
            Manifest previous = null;
            if (Files.isRegularFile(path)) {
                try {
                    previous = Manifest.parse(Files.readAllBytes(path));
                } catch (CorruptManifestException e) {
                    LOG.log(Level.WARNING, "replacing unreadable manifest " + path + ": " + e.getMessage());
                }
            }
            Files.createDirectories(path.getParent());
            AtomicFiles.write(path, bytes);
            return new ManifestWrite(stored, Digest.of(bytes), previous);
        }
    }

    /** Serialises a manifest this server built ({@link Manifest#toJson()}) and writes it. */
    public ManifestWrite writeManifest(ModelName name, Manifest manifest) throws IOException {
        return writeManifest(name, manifest.toJson());
    }

    /**
     * Copies a manifest file to a new name; the blobs are shared.
     *
     * @return the destination name as written (case on disk)
     * @throws ModelNotFoundException when the source does not exist
     */
    public ModelName copy(ModelName source, ModelName destination) throws IOException {
        synchronized (lock) {
            byte[] bytes = readManifestBytes(source);
            ModelName stored = canonicalName(destination);
            Path path = manifestPath(stored);
            Files.createDirectories(path.getParent());
            AtomicFiles.write(path, bytes);
            return stored;
        }
    }

    /**
     * Removes a model: its manifest, the manifest folders left empty, and (unless
     * {@link #noPrune()}) the blobs no other manifest uses.
     *
     * @return the name removed, in the case stored on disk
     * @throws ModelNotFoundException when there is no such model
     */
    public ModelName delete(ModelName name) throws IOException {
        synchronized (lock) {
            ModelName stored = canonicalName(name);
            Path path = manifestPath(stored);
            if (!Files.isRegularFile(path)) {
                throw new ModelNotFoundException(name);
            }
            Manifest manifest = null;
            try {
                manifest = Manifest.parse(Files.readAllBytes(path));
            } catch (CorruptManifestException e) {
                LOG.log(Level.WARNING, "deleting unreadable manifest " + path + "; its blobs stay until a prune");
            }
            Files.delete(path);
            AtomicFiles.syncDirectory(path.getParent());
            removeEmptyParents(path.getParent());
            if (manifest != null) {
                removeUnreferencedBlobs(manifest.blobDigests());
            }
            return stored;
        }
    }

    /** Removes {@code dir} and its parents while they are empty, stopping at {@code manifests/}. */
    private void removeEmptyParents(Path dir) throws IOException {
        while (dir != null && dir.startsWith(manifests) && !dir.equals(manifests)) {
            if (!isEmptyDirectory(dir)) {
                return;
            }
            Files.deleteIfExists(dir);
            dir = dir.getParent();
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    // ---------------------------------------------------------------- blobs

    /** {@code blobs/sha256-<hex>}. */
    public Path blobPath(Digest digest) {
        return blobs.resolve(digest.fileName());
    }

    public boolean hasBlob(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    /** The GGUF weights of a model: the path of its {@code model} layer's blob. */
    public Optional<Path> modelFile(StoredModel model) {
        return model.manifest().layer(MediaTypes.MODEL).map(layer -> blobPath(layer.digest()));
    }

    public byte[] readBlob(Digest digest) throws IOException {
        return Files.readAllBytes(blobPath(digest));
    }

    /** A text layer (template, system, params, messages, license) as UTF-8. */
    public String readText(Layer layer) throws IOException {
        return new String(readBlob(layer.digest()), StandardCharsets.UTF_8);
    }

    /** sha256 of the stored blob file, to verify it. */
    public Digest hashBlob(Digest digest) throws IOException {
        return hashFile(blobPath(digest));
    }

    /** sha256 of any file's content. */
    public static Digest hashFile(Path file) throws IOException {
        MessageDigest sha = Digest.newSha256();
        byte[] buffer = new byte[COPY_BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return Digest.ofRaw(sha.digest());
    }

    /** Removes a blob whatever references it (a blob that failed verification). */
    public boolean deleteBlob(Digest digest) throws IOException {
        boolean deleted = Files.deleteIfExists(blobPath(digest));
        if (deleted) {
            AtomicFiles.syncDirectory(blobs);
        }
        return deleted;
    }

    /** Adds a blob from a stream, hashing while copying; the digest is whatever the content hashes to. */
    public WrittenBlob writeBlob(InputStream in) throws IOException {
        return writeBlob(in, null);
    }

    /**
     * Adds a blob from a stream, hashing while copying, for {@code POST /api/blobs/:digest} and
     * {@code create}. The content is written to a temporary file and renamed into place only
     * once it is complete and hashes to {@code expected}; a blob already present is kept (and
     * its time refreshed, so the startup prune sees it as recent).
     *
     * @param expected null to accept any content
     * @throws DigestMismatchException with {@code /api/blobs}' message when the content hashes to another digest
     */
    public WrittenBlob writeBlob(InputStream in, Digest expected) throws IOException {
        Files.createDirectories(blobs);
        Path temp = AtomicFiles.newTempFile(blobs, "blob");
        try {
            MessageDigest sha = Digest.newSha256();
            long size = 0;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                byte[] buffer = new byte[COPY_BUFFER];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    size += n;
                }
                out.flush();
                channel.force(true);
            }
            Digest actual = Digest.ofRaw(sha.digest());
            if (expected != null && !expected.equals(actual)) {
                throw DigestMismatchException.forUpload(expected, actual);
            }
            Path target = blobPath(actual);
            if (Files.isRegularFile(target)) {
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
                return new WrittenBlob(actual, size, false);
            }
            AtomicFiles.moveIntoPlace(temp, target);
            return new WrittenBlob(actual, size, true);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@link #writeBlob(InputStream)} for bytes in memory. */
    public WrittenBlob writeBlob(byte[] content) throws IOException {
        return writeBlob(new java.io.ByteArrayInputStream(content), null);
    }

    /** Copies a file into the store as a blob (the file itself is left alone). */
    public WrittenBlob importFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return writeBlob(in, null);
        }
    }

    /**
     * A new empty temporary file in the blobs folder, for content another writer produces (a
     * quantized model) before it becomes a blob through {@link #adoptFile}. The caller deletes it
     * when it is not adopted; the startup prune removes forgotten ones.
     */
    public Path newTempBlobFile(String purpose) throws IOException {
        return AtomicFiles.newTempFile(blobs, purpose);
    }

    /**
     * Makes a temporary file of {@link #newTempBlobFile} the blob {@code digest} without copying
     * it: synced and renamed into place. When the store has that blob already, the file is
     * deleted and the blob kept (its time refreshed).
     *
     * @param digest the content's sha256, which the caller has just computed ({@link #hashFile});
     *               it is not checked again, so that a multi-gigabyte file is read only once
     */
    public WrittenBlob adoptFile(Path file, Digest digest) throws IOException {
        Path source = file.toAbsolutePath().normalize();
        if (!blobs.equals(source.getParent())) {
            throw new IllegalArgumentException("only files in " + blobs + " can be adopted, not " + file);
        }
        long size = Files.size(source);
        Path target = blobPath(digest);
        if (Files.isRegularFile(target)) {
            Files.deleteIfExists(source);
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            return new WrittenBlob(digest, size, false);
        }
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        AtomicFiles.moveIntoPlace(source, target);
        return new WrittenBlob(digest, size, true);
    }

    // ---------------------------------------------------------------- downloads in progress

    /** {@code blobs/sha256-<hex>-partial}: a download's data, written at each part's offset. */
    public Path partialFile(Digest digest) {
        return blobs.resolve(digest.fileName() + "-partial");
    }

    /** {@code blobs/sha256-<hex>-partial-<n>}: the progress of part {@code n}, as JSON. */
    public Path partialProgressFile(Digest digest, int part) {
        if (part < 0) {
            throw new IllegalArgumentException("part " + part);
        }
        return blobs.resolve(digest.fileName() + "-partial-" + part);
    }

    /**
     * Replaces a part's progress file atomically. Not synced to disk: the data it vouches for is
     * synced by the caller first, and a progress file lost to a power cut only costs a re-download.
     */
    public void writePartialProgress(Digest digest, int part, byte[] json) throws IOException {
        Files.createDirectories(blobs);
        AtomicFiles.write(partialProgressFile(digest, part), out -> out.write(json), false);
    }

    /** The existing {@code -partial-<n>} files of a download, by part number. */
    public List<Path> partialProgressFiles(Digest digest) throws IOException {
        String prefix = digest.fileName() + "-partial-";
        List<Path> files = new ArrayList<>();
        for (Path file : children(blobs, true)) {
            String fileName = file.getFileName().toString();
            if (fileName.startsWith(prefix) && fileName.length() > prefix.length()
                    && fileName.substring(prefix.length()).chars().allMatch(c -> c >= '0' && c <= '9')) {
                files.add(file);
            }
        }
        return files;
    }

    /**
     * Gives a finished download its final name: {@code -partial} is synced and renamed onto the
     * blob atomically. Verifying the content is the caller's job (a pull hashes every new blob).
     */
    public void commitPartial(Digest digest) throws IOException {
        Path partial = partialFile(digest);
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        AtomicFiles.moveIntoPlace(partial, blobPath(digest));
    }

    // ---------------------------------------------------------------- pruning

    /** Holds blobs safe from pruning until closed. */
    public interface Retention extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Keeps these blobs from being pruned until the returned handle is closed: for a pull or a
     * create between its first blob and its manifest.
     */
    public Retention retain(Collection<Digest> digests) {
        List<Digest> held = List.copyOf(new HashSet<>(digests));
        for (Digest digest : held) {
            retained.merge(digest, 1, Integer::sum);
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                for (Digest digest : held) {
                    retained.computeIfPresent(digest, (d, n) -> n == 1 ? null : n - 1);
                }
            }
        };
    }

    /**
     * Removes those of {@code candidates} that no manifest references (after a delete, or the old
     * layers of a re-pulled or re-created model). Does nothing when {@link #noPrune()}.
     *
     * @return how many blobs were removed
     */
    public int removeUnreferencedBlobs(Collection<Digest> candidates) throws IOException {
        if (noPrune || candidates.isEmpty()) {
            return 0;
        }
        synchronized (lock) {
            // like Ollama, a manifest that cannot be read protects nothing here
            Set<Digest> referenced = referencedBlobs(null);
            int removed = 0;
            for (Digest digest : new HashSet<>(candidates)) {
                if (!referenced.contains(digest) && !retained.containsKey(digest)
                        && Files.deleteIfExists(blobPath(digest))) {
                    removed++;
                }
            }
            if (removed > 0) {
                AtomicFiles.syncDirectory(blobs);
            }
            return removed;
        }
    }

    /** Every blob any readable manifest names; sets {@code allReadable} false when one could not be read. */
    private Set<Digest> referencedBlobs(AtomicBoolean allReadable) throws IOException {
        Set<Digest> referenced = new HashSet<>();
        for (ModelName name : manifestNames()) {
            try {
                referenced.addAll(Manifest.parse(Files.readAllBytes(manifestPath(name))).blobDigests());
            } catch (NoSuchFileException e) {
                // deleted meanwhile
            } catch (IOException e) {
                LOG.log(Level.WARNING, "unreadable manifest " + name + ": " + e.getMessage());
                if (allReadable != null) {
                    allReadable.set(false);
                }
            }
        }
        return referenced;
    }

    /**
     * The housekeeping of {@code ollama serve} at startup (§4.2), skipped when {@link #noPrune()}:
     * unused blobs, partial downloads and temporary files older than an hour are deleted, then
     * empty manifest folders.
     */
    public PruneReport pruneOnStartup() throws IOException {
        if (noPrune) {
            return PruneReport.NOTHING;
        }
        return prune(STARTUP_PRUNE_AGE, Instant.now());
    }

    /**
     * Deletes unused blobs and leftover files last modified before {@code now - minAge}, then
     * empty manifest folders. Blob pruning is skipped while any manifest is unreadable, since
     * its blobs cannot be told apart from unused ones.
     */
    public PruneReport prune(Duration minAge, Instant now) throws IOException {
        Instant cutoff = now.minus(minAge);
        synchronized (lock) {
            AtomicBoolean allReadable = new AtomicBoolean(true);
            Set<Digest> referenced = referencedBlobs(allReadable);
            int unused = 0;
            int stale = 0;
            for (Path file : children(blobs, true)) {
                if (!olderThan(file, cutoff)) {
                    continue;
                }
                Optional<Digest> digest = Digest.fromFileName(file.getFileName().toString());
                if (digest.isEmpty()) {
                    // partial downloads, their part files and temporary files
                    if (Files.deleteIfExists(file)) {
                        stale++;
                    }
                } else if (allReadable.get() && !referenced.contains(digest.get())
                        && !retained.containsKey(digest.get()) && Files.deleteIfExists(file)) {
                    unused++;
                }
            }
            if (!allReadable.get()) {
                LOG.log(Level.WARNING, "unused blobs kept: some manifests could not be read");
            }
            stale += removeStaleManifestTemps(manifests, cutoff, 0);
            int folders = removeEmptyFolders(manifests, true);
            return new PruneReport(unused, stale, folders);
        }
    }

    private static boolean olderThan(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private static int removeStaleManifestTemps(Path dir, Instant cutoff, int depth) throws IOException {
        int removed = 0;
        if (depth > 4) {
            return 0;
        }
        for (Path child : children(dir, false)) {
            removed += removeStaleManifestTemps(child, cutoff, depth + 1);
        }
        for (Path file : children(dir, true)) {
            if (AtomicFiles.isTempName(file.getFileName().toString()) && olderThan(file, cutoff)
                    && Files.deleteIfExists(file)) {
                removed++;
            }
        }
        return removed;
    }

    /** Removes empty folders below {@code dir} (and {@code dir} itself unless it is the top). */
    private static int removeEmptyFolders(Path dir, boolean top) throws IOException {
        int removed = 0;
        for (Path child : children(dir, false)) {
            if (!Files.isSymbolicLink(child)) {
                removed += removeEmptyFolders(child, false);
            }
        }
        if (!top && isEmptyDirectory(dir) && Files.deleteIfExists(dir)) {
            removed++;
        }
        return removed;
    }

    @Override
    public String toString() {
        return "ModelStore[" + root + (noPrune ? ", noprune" : "") + "]";
    }
}
