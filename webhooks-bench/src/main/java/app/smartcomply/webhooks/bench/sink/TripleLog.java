package app.smartcomply.webhooks.bench.sink;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An append-only table of {@code (key, a, b)} long triples that many threads write at once without
 * locking and without boxing: a benchmark's own bookkeeping must stay cheap next to what it
 * measures. Storage grows in chunks of 64 Ki rows, up to 64 Mi rows.
 *
 * <p>Read it with {@link #size()} and the getters once writers have gone quiet; a row whose writer
 * is still between claiming its index and storing it reads as all zeroes.
 */
public final class TripleLog {

    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MAX_CHUNKS = 1024;

    private final AtomicLong cursor = new AtomicLong();
    private final AtomicReferenceArray<long[]> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);

    /** Appends one row; safe from any number of threads. */
    public void append(long key, long a, long b) {
        long index = cursor.getAndIncrement();
        int chunkIndex = (int) (index >>> CHUNK_BITS);
        if (chunkIndex >= MAX_CHUNKS) {
            return; // past 64 Mi rows the benchmark is far outside its designed sizes; drop, don't die
        }
        long[] chunk = chunks.get(chunkIndex);
        if (chunk == null) {
            chunks.compareAndSet(chunkIndex, null, new long[CHUNK * 3]);
            chunk = chunks.get(chunkIndex);
        }
        int offset = (int) (index & (CHUNK - 1)) * 3;
        chunk[offset + 1] = a;
        chunk[offset + 2] = b;
        chunk[offset] = key;
    }

    /** Rows appended so far (some may still be in the middle of being written). */
    public long size() {
        return Math.min(cursor.get(), (long) MAX_CHUNKS * CHUNK);
    }

    public long key(long row) {
        return cell(row, 0);
    }

    public long a(long row) {
        return cell(row, 1);
    }

    public long b(long row) {
        return cell(row, 2);
    }

    private long cell(long row, int column) {
        long[] chunk = chunks.get((int) (row >>> CHUNK_BITS));
        return chunk == null ? 0 : chunk[(int) (row & (CHUNK - 1)) * 3 + column];
    }
}
