package jollama.quant;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Matrix products over a {@link ParallelPool}: y = W·x for one token (decode) and for a batch of
 * tokens (prompt processing). Rows are handed out in chunks from a shared counter, so a worker
 * slowed by a noisy neighbour does not hold the others up.
 *
 * <p>Nothing is allocated per call: the task objects are reused and each worker keeps its own
 * scratch for dequantized rows (grown when a wider matrix comes along). Callers on several
 * threads take turns: the task objects are shared, so setting one up and running it is atomic.
 */
public final class MatrixOps implements AutoCloseable {

    /** Weight rows dequantized at once by {@link #matMul}; their floats are reused for every token. */
    static final int ROW_BLOCK = 16;
    /** Tokens per pass over a dequantized row block, so that their activations stay in L2. */
    static final int TOKEN_BLOCK = 64;
    /**
     * Up to this many tokens a product streams the quantized weights with {@link QuantFormat#dot4}
     * (decode of several sequences: decoding weights dominates); more tokens pay for dequantizing
     * rows to floats once and running the register-tiled float kernel (prompt evaluation).
     */
    static final int FEW_TOKENS = 8;
    /** Below this many weights a product runs on the caller: dispatch would cost more than it saves. */
    static final long SERIAL_WEIGHTS = 16_384;

    private final ParallelPool pool;
    private final boolean ownsPool;
    private final MatVecTask matVec;
    private final MatMulTask matMul;
    private final FewTokensTask fewTokens;
    private final Matrix[] one = new Matrix[1];
    private final float[][] oneOutput = new float[1][];

    /** Products on {@code pool}, which the caller keeps owning. */
    public MatrixOps(ParallelPool pool) {
        this(pool, false);
    }

    private MatrixOps(ParallelPool pool, boolean ownsPool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.ownsPool = ownsPool;
        this.matVec = new MatVecTask(pool.threads());
        this.matMul = new MatMulTask(pool.threads());
        this.fewTokens = new FewTokensTask(pool.threads());
    }

    /** Products on a new pool of one worker per processor, closed with this object. */
    public static MatrixOps create() {
        return new MatrixOps(ParallelPool.create(), true);
    }

    public ParallelPool pool() {
        return pool;
    }

    /** y[0 .. rows) = W·x[0 .. cols). */
    public void matVec(Matrix w, float[] x, float[] y) {
        matVec(w, x, 0, y, 0);
    }

    /** y[yOffset .. yOffset + rows) = W·x[xOffset .. xOffset + cols). */
    public synchronized void matVec(Matrix w, float[] x, int xOffset, float[] y, int yOffset) {
        Objects.checkFromIndexSize(xOffset, w.cols(), x.length);
        Objects.checkFromIndexSize(yOffset, w.rows(), y.length);
        matVec.matrices[0] = w;
        matVec.outputs[0] = y;
        matVec.outputOffsets[0] = yOffset;
        run(matVec, 1, x, xOffset);
    }

    /**
     * Several products of one input in a single dispatch, ys[i] = ws[i]·x: e.g. the query, key and
     * value projections, or the gate and up projections. Allocation-free when the caller keeps
     * its arrays.
     */
    public synchronized void matVec(Matrix[] ws, float[] x, float[][] ys) {
        if (ws.length != ys.length) {
            throw new IllegalArgumentException(ws.length + " matrices but " + ys.length + " outputs");
        }
        matVec.ensure(ws.length);
        for (int i = 0; i < ws.length; i++) {
            if (ws[i].cols() != ws[0].cols()) {
                throw new IllegalArgumentException("matrices of one input must have as many columns");
            }
            Objects.checkFromIndexSize(0, ws[i].cols(), x.length);
            Objects.checkFromIndexSize(0, ws[i].rows(), ys[i].length);
            matVec.matrices[i] = ws[i];
            matVec.outputs[i] = ys[i];
            matVec.outputOffsets[i] = 0;
        }
        run(matVec, ws.length, x, 0);
    }

    private void run(MatVecTask t, int count, float[] x, int xOffset) {
        try {
            if (t.set(count, x, xOffset, pool.threads()) < SERIAL_WEIGHTS) {
                t.run(0, 1);
            } else {
                pool.run(t);
            }
        } finally {
            t.clear(count);
        }
    }

    /**
     * y = x·Wᵀ for {@code n} tokens: x holds n rows of {@code cols} floats, y receives n rows of
     * {@code rows} floats. Each weight row is decoded once per call and applied to all tokens.
     */
    public synchronized void matMul(Matrix w, float[] x, int n, float[] y) {
        one[0] = w;
        oneOutput[0] = y;
        try {
            matMul(one, x, n, oneOutput);
        } finally {
            one[0] = null;
            oneOutput[0] = null;
        }
    }

    /**
     * {@link #matMul} of one input by several matrices, ys[i] = x·ws[i]ᵀ (the query, key and value
     * projections; gate and up): the input is prepared once for all of them.
     */
    public synchronized void matMul(Matrix[] ws, float[] x, int n, float[][] ys) {
        if (n == 1) {
            matVec(ws, x, ys);
            return;
        }
        check(ws, x, n, ys);
        if (n <= FEW_TOKENS) {
            runFewTokens(ws, x, n, ys);
            return;
        }
        MatMulTask t = matMul;
        t.prepare(x, n, ws[0].cols());
        try {
            for (int i = 0; i < ws.length; i++) {
                t.set(ws[i], ys[i]);
                pool.run(t);
            }
        } finally {
            t.clear();
        }
    }

    /**
     * Decode of {@code n} independent sequences: row t of each ys[i] gets exactly the bits that
     * {@link #matVec} would give row t of x alone, whatever n is, so that a sequence's output does
     * not depend on which others share its step. The weights are still read once for all rows.
     */
    public synchronized void matVecs(Matrix[] ws, float[] x, int n, float[][] ys) {
        if (n == 1) {
            matVec(ws, x, ys);
            return;
        }
        check(ws, x, n, ys);
        runFewTokens(ws, x, n, ys);
    }

    private void runFewTokens(Matrix[] ws, float[] x, int n, float[][] ys) {
        FewTokensTask t = fewTokens;
        t.prepare(ws, x, n);
        try {
            for (int i = 0; i < ws.length; i++) {
                t.set(ws[i], ys[i], pool.threads());
                pool.run(t);
            }
        } finally {
            t.clear();
        }
    }

    private static void check(Matrix[] ws, float[] x, int n, float[][] ys) {
        if (ws.length != ys.length || ws.length == 0) {
            throw new IllegalArgumentException(ws.length + " matrices but " + ys.length + " outputs");
        }
        for (int i = 0; i < ws.length; i++) {
            if (ws[i].cols() != ws[0].cols()) {
                throw new IllegalArgumentException("matrices of one input must have as many columns");
            }
            Objects.checkFromIndexSize(0, Math.multiplyExact(n, ws[i].cols()), x.length);
            Objects.checkFromIndexSize(0, Math.multiplyExact(n, ws[i].rows()), ys[i].length);
        }
    }

    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
        }
    }

    /** Chunk size: about eight chunks per worker, so the last few even out stragglers. */
    static int chunk(int rows, int threads) {
        return Math.max(1, Math.min(64, rows / (threads * 8)));
    }

    /** Rows of one or more matrices, in chunks taken from a shared counter. */
    private static final class MatVecTask implements ParallelTask {
        private final AtomicInteger next = new AtomicInteger();
        private final Activations input = new Activations();
        private final float[][] scratch; // per worker: the kernels' scratch
        Matrix[] matrices = new Matrix[4];
        float[][] outputs = new float[4][];
        int[] outputOffsets = new int[4];
        private QuantFormat[] formats = new QuantFormat[4];
        private int[] chunks = new int[4]; // chunk size per matrix
        private int[] firstChunk = new int[5]; // chunk numbers at which each matrix starts
        private int count;

        MatVecTask(int threads) {
            scratch = new float[threads][QuantFormat.SCRATCH_FLOATS];
        }

        void ensure(int n) {
            if (matrices.length < n) { // grows once, for the widest group a model uses
                matrices = new Matrix[n];
                outputs = new float[n][];
                outputOffsets = new int[n];
                formats = new QuantFormat[n];
                chunks = new int[n];
                firstChunk = new int[n + 1];
            }
        }

        /** Prepares a run over the first {@code count} matrices; returns the number of weights. */
        long set(int count, float[] x, int xOffset, int threads) {
            this.count = count;
            input.set(x, xOffset, 1, matrices[0].cols());
            long weights = 0;
            int total = 0;
            for (int i = 0; i < count; i++) {
                Matrix w = matrices[i];
                formats[i] = w.format();
                input.prepareFor(formats[i]); // e.g. Q4_K's sums of x: once here, not once per row
                weights += (long) w.rows() * w.cols();
                chunks[i] = chunk(w.rows(), threads);
                firstChunk[i] = total;
                total += (w.rows() + chunks[i] - 1) / chunks[i];
            }
            firstChunk[count] = total;
            next.set(0);
            return weights;
        }

        void clear(int count) {
            for (int i = 0; i < count; i++) {
                matrices[i] = null;
                outputs[i] = null;
                formats[i] = null;
            }
        }

        @Override
        public void run(int worker, int workers) {
            int total = firstChunk[count];
            float[] s = scratch[worker];
            int m = 0;
            for (int c = next.getAndIncrement(); c < total; c = next.getAndIncrement()) {
                while (c >= firstChunk[m + 1]) {
                    m++; // chunks are handed out in order, so the matrix index only moves forward
                }
                Matrix w = matrices[m];
                QuantFormat f = formats[m];
                float[] y = outputs[m];
                int yOffset = outputOffsets[m];
                long rowBytes = w.rowBytes();
                int r0 = (c - firstChunk[m]) * chunks[m];
                int r1 = Math.min(w.rows(), r0 + chunks[m]);
                for (int r = r0; r < r1; r++) {
                    y[yOffset + r] = f.dot(w.data(), r * rowBytes, input, 0, s);
                }
            }
        }
    }

    private static final class MatMulTask implements ParallelTask {
        private final AtomicInteger next = new AtomicInteger();
        private final float[][] scratch;
        private final float[][] lanes;
        private Matrix w;
        private QuantFormat format;
        private float[] x;
        private float[] y;
        private int n;
        /** The activations packed for the vector kernel ({@link TilesVector#pack}). */
        private float[] xP = new float[0];

        MatMulTask(int threads) {
            scratch = new float[threads][];
            lanes = new float[threads][Math.max(1, Simd.bits() / Float.SIZE)]; // L floats
        }

        /** The input of the products that follow; with the Vector API, transposed once for all of them. */
        void prepare(float[] x, int n, int cols) {
            this.x = x;
            this.n = n;
            if (Simd.ENABLED) {
                int need = TilesVector.packedLength(n, cols);
                if (xP.length < need) {
                    xP = new float[need]; // grows once per larger prompt chunk
                }
                TilesVector.pack(x, n, cols, xP);
            }
        }

        void set(Matrix w, float[] y) {
            this.w = w;
            this.format = w.format();
            this.y = y;
            next.set(0);
        }

        void clear() {
            w = null;
            format = null;
            x = null;
            y = null;
        }

        @Override
        public void run(int worker, int workers) {
            Matrix w = this.w;
            int rows = w.rows();
            int cols = w.cols();
            long rowBytes = w.rowBytes();
            float[] buf = scratch[worker];
            if (buf == null || buf.length < ROW_BLOCK * cols) {
                buf = scratch[worker] = new float[ROW_BLOCK * cols]; // grows once per wider matrix
            }
            for (int r0 = next.getAndAdd(ROW_BLOCK); r0 < rows; r0 = next.getAndAdd(ROW_BLOCK)) {
                int nr = Math.min(ROW_BLOCK, rows - r0);
                for (int r = 0; r < nr; r++) {
                    format.dequantizeRow(w.data(), (r0 + r) * rowBytes, buf, r * cols, cols);
                }
                for (int t0 = 0; t0 < n; t0 += TOKEN_BLOCK) {
                    int nt = Math.min(TOKEN_BLOCK, n - t0);
                    if (Simd.ENABLED) {
                        TilesVector.multiply(buf, nr, xP, t0, nt, cols, y, r0, rows, lanes[worker]);
                    } else {
                        Tiles.multiply(buf, nr, x, t0, nt, cols, y, r0, rows);
                    }
                }
            }
        }
    }

    /**
     * Rows in chunks from a shared counter, each row against the tokens four at a time with
     * {@link QuantFormat#dot4}, so that every token's result has the bits of its own matVec.
     */
    private static final class FewTokensTask implements ParallelTask {
        private final AtomicInteger next = new AtomicInteger();
        private final Activations input = new Activations();
        private final float[][] results; // per worker: the four dots of dot4, and scratch
        private Matrix w;
        private QuantFormat format;
        private float[] y;
        private int n;
        private int chunk;

        FewTokensTask(int threads) {
            results = new float[threads][QuantFormat.DOT4_FLOATS];
        }

        /** The input of the products that follow, prepared once for all of them. */
        void prepare(Matrix[] ws, float[] x, int n) {
            this.n = n;
            input.set(x, 0, n, ws[0].cols());
            for (Matrix w : ws) {
                input.prepareFor(w.format());
            }
        }

        void set(Matrix w, float[] y, int threads) {
            this.w = w;
            this.format = w.format();
            this.y = y;
            this.chunk = chunk(w.rows(), threads);
            next.set(0);
        }

        void clear() {
            w = null;
            format = null;
            y = null;
        }

        @Override
        public void run(int worker, int workers) {
            Matrix w = this.w;
            QuantFormat f = format;
            int rows = w.rows();
            long rowBytes = w.rowBytes();
            float[] r4 = results[worker];
            for (int r0 = next.getAndAdd(chunk); r0 < rows; r0 = next.getAndAdd(chunk)) {
                int r1 = Math.min(rows, r0 + chunk);
                for (int r = r0; r < r1; r++) {
                    for (int t = 0; t < n; t += 4) {
                        int last = Math.min(n, t + 4) - 1;
                        if (last - t < 2) {
                            // one or two tokens: padded to four they would cost more than their own dots
                            for (int i = t; i <= last; i++) {
                                y[i * rows + r] = f.dot(w.data(), r * rowBytes, input, i, r4);
                            }
                            continue;
                        }
                        // three tokens repeat the last one: same work as four, no branch in the kernel
                        f.dot4(w.data(), r * rowBytes, input, t, Math.min(t + 1, last), Math.min(t + 2, last), last, r4);
                        for (int i = t; i <= last; i++) {
                            y[i * rows + r] = r4[i - t];
                        }
                    }
                }
            }
        }
    }
}
