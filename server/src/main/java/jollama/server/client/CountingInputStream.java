package jollama.server.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Tells how many bytes have been read so far, after each read: an upload's progress. */
final class CountingInputStream extends FilterInputStream {

    private final LongConsumer count;
    private long read;

    CountingInputStream(InputStream in, LongConsumer count) {
        super(in);
        this.count = count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count.accept(++read);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            read += n;
            count.accept(read);
        }
        return n;
    }
}
