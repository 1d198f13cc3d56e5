package io.innopoints.scoring.rank;

import java.util.Arrays;

/**
 * An ordered set of keys (primary, credit code) — by primary, then by code — answering order statistics: how many
 * keys lie below a primary, the key at a position, the position of a key. All in O(log n).
 *
 * <p>The keys sit in sorted blocks of at most {@code maxBlock} (a primitive array and an array of codes each), found
 * by a binary search over the blocks' last keys; a Fenwick tree over the blocks' sizes turns a block and a place in
 * it into a position. A query thus reads a few contiguous arrays instead of one tree node per level: the
 * order-statistic treap this replaced spent a quarter of a national rank task's time (365,000 members in one
 * cohort) following pointers from node to key to code. Not thread-safe.
 */
final class SortedKeys {
    /** Receives keys in order. */
    @FunctionalInterface
    interface KeyConsumer {
        void accept(long primary, String code);
    }

    static final int DEFAULT_MAX_BLOCK = 512;
    private final int maxBlock;
    private Block[] blocks = new Block[4];
    /** The last key of each block, so the search over blocks reads two arrays only. */
    private long[] lastPrimary = new long[4];
    private String[] lastCode = new String[4];
    private int blockCount;
    /** Fenwick tree (1-based) over the blocks' sizes. */
    private int[] fenwick = new int[5];
    private int size;

    private static final class Block {
        final long[] primary;
        final String[] code;
        int n;

        Block(int capacity) {
            primary = new long[capacity];
            code = new String[capacity];
        }
    }

    SortedKeys() {
        this(DEFAULT_MAX_BLOCK);
    }

    /** @param maxBlock keys per block before it splits (small in tests, so blocks split and empty often) */
    SortedKeys(int maxBlock) {
        if (maxBlock < 2) {
            throw new IllegalArgumentException("maxBlock must be at least 2");
        }
        this.maxBlock = maxBlock;
    }

    int size() {
        return size;
    }

    /** Inserts a key; false when it is present. */
    boolean insert(long primary, String code) {
        if (blockCount == 0) {
            insertBlock(0, new Block(maxBlock + 1));
        }
        int b = blockFor(primary, code);
        Block block = blocks[b];
        int i = search(block, primary, code);
        if (i >= 0) {
            return false;
        }
        i = -i - 1;
        System.arraycopy(block.primary, i, block.primary, i + 1, block.n - i);
        System.arraycopy(block.code, i, block.code, i + 1, block.n - i);
        block.primary[i] = primary;
        block.code[i] = code;
        block.n++;
        size++;
        if (block.n > maxBlock) {
            split(b);
        } else {
            fenwickAdd(b, 1);
            updateLast(b);
        }
        return true;
    }

    /** Removes a key; false when it is absent. */
    boolean remove(long primary, String code) {
        if (blockCount == 0) {
            return false;
        }
        int b = blockFor(primary, code);
        Block block = blocks[b];
        int i = search(block, primary, code);
        if (i < 0) {
            return false;
        }
        System.arraycopy(block.primary, i + 1, block.primary, i, block.n - i - 1);
        System.arraycopy(block.code, i + 1, block.code, i, block.n - i - 1);
        block.n--;
        block.code[block.n] = null;
        size--;
        if (block.n == 0) {
            removeBlock(b);
        } else {
            fenwickAdd(b, -1);
            updateLast(b);
        }
        return true;
    }

    /** Keys whose primary is strictly below {@code primary}. */
    int countLess(long primary) {
        int b = firstBlockReaching(primary, false);
        return b == blockCount ? size : prefix(b) + lowerBound(blocks[b], primary, false);
    }

    /** Keys whose primary is at most {@code primary}. */
    int countLessOrEqual(long primary) {
        int b = firstBlockReaching(primary, true);
        return b == blockCount ? size : prefix(b) + lowerBound(blocks[b], primary, true);
    }

    /** The 0-based position of a key, or -1 when it is absent. */
    int indexOf(long primary, String code) {
        if (blockCount == 0) {
            return -1;
        }
        int b = blockFor(primary, code);
        int i = search(blocks[b], primary, code);
        return i < 0 ? -1 : prefix(b) + i;
    }

    /** The primary of the key at 0-based position {@code index}. */
    long primaryAt(int index) {
        long at = locate(index);
        return blocks[(int) (at >>> 32)].primary[(int) at];
    }

    /** The code of the key at 0-based position {@code index}. */
    String codeAt(int index) {
        long at = locate(index);
        return blocks[(int) (at >>> 32)].code[(int) at];
    }

    /** Hands up to {@code limit} keys in order, from position {@code from}, to {@code consumer}. */
    void forEach(int from, int limit, KeyConsumer consumer) {
        if (from < 0 || limit <= 0 || from >= size) {
            return;
        }
        long at = locate(from);
        int b = (int) (at >>> 32);
        int i = (int) at;
        for (int done = 0; done < limit && b < blockCount; b++, i = 0) {
            Block block = blocks[b];
            for (; i < block.n && done < limit; i++, done++) {
                consumer.accept(block.primary[i], block.code[i]);
            }
        }
    }

    // ------------------------------------------------------------------ blocks

    private static int compare(long p1, String c1, long p2, String c2) {
        int c = Long.compare(p1, p2);
        return c != 0 ? c : c1.compareTo(c2);
    }

    /** The block that holds or would hold a key: the first whose last key is not below it, else the last. */
    private int blockFor(long primary, String code) {
        int lo = 0;
        int hi = blockCount - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(lastPrimary[mid], lastCode[mid], primary, code) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first block with a last primary at or above (or, {@code above}, strictly above) {@code primary}. */
    private int firstBlockReaching(long primary, boolean above) {
        int lo = 0;
        int hi = blockCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (above ? lastPrimary[mid] <= primary : lastPrimary[mid] < primary) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Binary search in a block: the key's index, or -(insertion point) - 1. */
    private static int search(Block block, long primary, String code) {
        int lo = 0;
        int hi = block.n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(block.primary[mid], block.code[mid], primary, code);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** Keys of a block with a primary below (or, {@code orEqual}, at most) {@code primary}. */
    private static int lowerBound(Block block, long primary, boolean orEqual) {
        int lo = 0;
        int hi = block.n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (orEqual ? block.primary[mid] <= primary : block.primary[mid] < primary) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Block (high 32 bits) and index in it (low 32 bits) of position {@code index}. */
    private long locate(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        int pos = 0;
        int rest = index;
        for (int step = Integer.highestOneBit(blockCount); step > 0; step >>= 1) {
            if (pos + step <= blockCount && fenwick[pos + step] <= rest) {
                pos += step;
                rest -= fenwick[pos];
            }
        }
        return ((long) pos << 32) | rest;
    }

    private void split(int b) {
        Block full = blocks[b];
        Block upper = new Block(maxBlock + 1);
        int keep = full.n / 2;
        upper.n = full.n - keep;
        System.arraycopy(full.primary, keep, upper.primary, 0, upper.n);
        System.arraycopy(full.code, keep, upper.code, 0, upper.n);
        Arrays.fill(full.code, keep, full.n, null);
        full.n = keep;
        insertBlock(b + 1, upper);
        updateLast(b);
    }

    private void insertBlock(int at, Block block) {
        if (blockCount == blocks.length) {
            int capacity = blocks.length * 2;
            blocks = Arrays.copyOf(blocks, capacity);
            lastPrimary = Arrays.copyOf(lastPrimary, capacity);
            lastCode = Arrays.copyOf(lastCode, capacity);
            fenwick = new int[capacity + 1];
        }
        System.arraycopy(blocks, at, blocks, at + 1, blockCount - at);
        System.arraycopy(lastPrimary, at, lastPrimary, at + 1, blockCount - at);
        System.arraycopy(lastCode, at, lastCode, at + 1, blockCount - at);
        blocks[at] = block;
        blockCount++;
        updateLast(at);
        rebuildFenwick();
    }

    private void removeBlock(int at) {
        System.arraycopy(blocks, at + 1, blocks, at, blockCount - at - 1);
        System.arraycopy(lastPrimary, at + 1, lastPrimary, at, blockCount - at - 1);
        System.arraycopy(lastCode, at + 1, lastCode, at, blockCount - at - 1);
        blockCount--;
        blocks[blockCount] = null;
        lastCode[blockCount] = null;
        rebuildFenwick();
    }

    private void updateLast(int b) {
        Block block = blocks[b];
        if (block.n > 0) {
            lastPrimary[b] = block.primary[block.n - 1];
            lastCode[b] = block.code[block.n - 1];
        }
    }

    // ------------------------------------------------------------------ Fenwick tree over block sizes

    private void rebuildFenwick() {
        Arrays.fill(fenwick, 0);
        for (int i = 1; i <= blockCount; i++) {
            fenwick[i] += blocks[i - 1].n;
            int parent = i + (i & -i);
            if (parent <= blockCount) {
                fenwick[parent] += fenwick[i];
            }
        }
    }

    private void fenwickAdd(int block, int delta) {
        for (int i = block + 1; i <= blockCount; i += i & -i) {
            fenwick[i] += delta;
        }
    }

    /** Keys in the blocks before {@code block}. */
    private int prefix(int block) {
        int sum = 0;
        for (int i = block; i > 0; i -= i & -i) {
            sum += fenwick[i];
        }
        return sum;
    }
}
