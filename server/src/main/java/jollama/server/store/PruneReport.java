package jollama.server.store;

/**
 * What a prune removed.
 *
 * @param unusedBlobs   blobs no manifest referenced
 * @param staleFiles    partial downloads and temporary files
 * @param emptyFolders  empty manifest folders
 */
public record PruneReport(int unusedBlobs, int staleFiles, int emptyFolders) {

    public static final PruneReport NOTHING = new PruneReport(0, 0, 0);
}
