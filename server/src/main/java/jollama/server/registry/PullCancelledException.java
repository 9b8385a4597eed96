package jollama.server.registry;

/** The pull was cancelled ({@link CancelSignal} or an interrupt); its partial files stay for a resume. */
public final class PullCancelledException extends PullException {

    private static final long serialVersionUID = 1L;

    public PullCancelledException() {
        super("pull cancelled");
    }
}
