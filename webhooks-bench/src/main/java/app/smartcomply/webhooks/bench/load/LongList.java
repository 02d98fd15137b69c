package app.smartcomply.webhooks.bench.load;

import java.util.Arrays;

/** A growable array of longs for one thread's samples. */
public final class LongList {

    private long[] values = new long[1024];
    private int size;

    public void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    public int size() {
        return size;
    }

    /** All values of several lists in one array. */
    public static long[] concat(Iterable<LongList> lists) {
        int total = 0;
        for (LongList list : lists) {
            total += list.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (LongList list : lists) {
            System.arraycopy(list.values, 0, all, at, list.size);
            at += list.size;
        }
        return all;
    }
}
