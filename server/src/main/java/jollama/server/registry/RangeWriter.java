package jollama.server.registry;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Streams one response body into a part's byte range of the {@code -partial} file, advancing the
 * part's progress as each write lands. Push-based, so a stalled or cancelled transfer can be
 * abandoned from another thread ({@link #abort}) without a blocked read to unblock.
 *
 * <p>{@code onNext} and {@link #abort} hold the same lock, so once {@code abort} returns no
 * write of this response can touch the file or the part again, and the next attempt starts from
 * an exact position.
 */
final class RangeWriter implements HttpResponse.BodySubscriber<Long> {

    private final FileChannel channel;
    private final DownloadPart part;
    private final CompletableFuture<Long> body = new CompletableFuture<>();
    private long skip;
    private long written;
    private Flow.Subscription subscription;
    private boolean finished;

    /**
     * @param skip bytes at the start of the body that are not wanted (a 200 answer to a range request)
     */
    RangeWriter(FileChannel channel, DownloadPart part, long skip) {
        this.channel = channel;
        this.part = part;
        this.skip = skip;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (finished) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> items) {
        if (finished) {
            return;
        }
        try {
            for (ByteBuffer buffer : items) {
                if (skip > 0) {
                    int k = (int) Math.min(skip, buffer.remaining());
                    buffer.position(buffer.position() + k);
                    skip -= k;
                }
                long room = part.remaining();
                if (room <= 0) {
                    break;
                }
                if (buffer.remaining() > room) {
                    buffer.limit(buffer.position() + (int) room);
                }
                while (buffer.hasRemaining()) {
                    int n = channel.write(buffer, part.startsAt());
                    part.advance(n);
                    written += n;
                }
            }
            if (part.isDone()) {
                // the part is complete: whatever else the server sends is not ours
                finish();
                body.complete(written);
            } else {
                subscription.request(1);
            }
        } catch (IOException | RuntimeException e) {
            finish();
            body.completeExceptionally(e);
        }
    }

    @Override
    public synchronized void onError(Throwable throwable) {
        finished = true;
        body.completeExceptionally(throwable);
    }

    @Override
    public synchronized void onComplete() {
        finished = true;
        body.complete(written);
    }

    /** Stops the transfer; the body completes with {@code reason}. */
    synchronized void abort(Throwable reason) {
        finish();
        body.completeExceptionally(reason);
    }

    private void finish() {
        finished = true;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    @Override
    public CompletionStage<Long> getBody() {
        return body;
    }
}
