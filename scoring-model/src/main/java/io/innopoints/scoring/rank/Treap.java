package io.innopoints.scoring.rank;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * An order-statistic treap of distinct keys: insert, remove, select(i), index and counting below a boundary in
 * O(log n) expected time. Priorities come from a seeded generator, so the shape (not the answers) is reproducible.
 * Not thread-safe.
 */
final class Treap<K> {
    private static final class Node<K> {
        final K key;
        final int priority;
        Node<K> left;
        Node<K> right;
        int size = 1;

        Node(K key, int priority) {
            this.key = key;
            this.priority = priority;
        }
    }

    private final Comparator<? super K> order;
    private final SplittableRandom random = new SplittableRandom(0x1A7B_0C5EL);
    private Node<K> root;

    Treap(Comparator<? super K> order) {
        this.order = order;
    }

    int size() {
        return size(root);
    }

    private static int size(Node<?> n) {
        return n == null ? 0 : n.size;
    }

    private static void update(Node<?> n) {
        n.size = 1 + size(n.left) + size(n.right);
    }

    /** Inserts {@code key}; false when an equal key is present. */
    boolean insert(K key) {
        int before = size();
        root = insert(root, key);
        return size() > before;
    }

    private Node<K> insert(Node<K> n, K key) {
        if (n == null) {
            return new Node<>(key, random.nextInt());
        }
        int c = order.compare(key, n.key);
        if (c == 0) {
            return n;
        }
        if (c < 0) {
            n.left = insert(n.left, key);
            if (n.left.priority > n.priority) {
                n = rotateRight(n);
            }
        } else {
            n.right = insert(n.right, key);
            if (n.right.priority > n.priority) {
                n = rotateLeft(n);
            }
        }
        update(n);
        return n;
    }

    /** Removes {@code key}; false when absent. */
    boolean remove(K key) {
        int before = size();
        root = remove(root, key);
        return size() < before;
    }

    private Node<K> remove(Node<K> n, K key) {
        if (n == null) {
            return null;
        }
        int c = order.compare(key, n.key);
        if (c < 0) {
            n.left = remove(n.left, key);
        } else if (c > 0) {
            n.right = remove(n.right, key);
        } else {
            return merge(n.left, n.right);
        }
        update(n);
        return n;
    }

    private Node<K> merge(Node<K> a, Node<K> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.priority > b.priority) {
            a.right = merge(a.right, b);
            update(a);
            return a;
        }
        b.left = merge(a, b.left);
        update(b);
        return b;
    }

    private Node<K> rotateRight(Node<K> n) {
        Node<K> l = n.left;
        n.left = l.right;
        l.right = n;
        update(n);
        update(l);
        return l;
    }

    private Node<K> rotateLeft(Node<K> n) {
        Node<K> r = n.right;
        n.right = r.left;
        r.left = n;
        update(n);
        update(r);
        return r;
    }

    /** The key at 0-based position {@code index} in order. */
    K select(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size());
        }
        Node<K> n = root;
        while (true) {
            int l = size(n.left);
            if (index < l) {
                n = n.left;
            } else if (index == l) {
                return n.key;
            } else {
                index -= l + 1;
                n = n.right;
            }
        }
    }

    /**
     * Number of keys before a boundary: {@code side(key) < 0} for keys before it, {@code >= 0} for the others
     * (the predicate must be monotone along the order).
     */
    int countBefore(ToIntFunction<? super K> side) {
        int count = 0;
        Node<K> n = root;
        while (n != null) {
            if (side.applyAsInt(n.key) < 0) {
                count += size(n.left) + 1;
                n = n.right;
            } else {
                n = n.left;
            }
        }
        return count;
    }

    /** Number of keys strictly before {@code key} in order. */
    int indexOf(K key) {
        return countBefore(k -> order.compare(k, key));
    }

    /** Up to {@code limit} keys in order starting at position {@code from}. */
    List<K> range(int from, int limit) {
        List<K> out = new ArrayList<>(Math.max(0, Math.min(limit, size() - from)));
        if (from < 0 || limit <= 0 || from >= size()) {
            return out;
        }
        // descend to position `from`, stacking the ancestors still to visit in order
        Deque<Node<K>> stack = new ArrayDeque<>();
        Node<K> n = root;
        int skip = from;
        while (n != null) {
            int l = size(n.left);
            if (skip < l) {
                stack.push(n);
                n = n.left;
            } else if (skip == l) {
                stack.push(n);
                break;
            } else {
                skip -= l + 1;
                n = n.right;
            }
        }
        while (!stack.isEmpty() && out.size() < limit) {
            Node<K> top = stack.pop();
            out.add(top.key);
            Node<K> m = top.right;
            while (m != null) {
                stack.push(m);
                m = m.left;
            }
        }
        return out;
    }
}
