package io.graphraft.core.store;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Values by id in paged arrays: the state machine hands out ids densely from 1, so an id is an
 * index; no boxing or hashing, and iteration is in id order without sorting. Memory grows with the
 * highest id in pages of {@value #PAGE} slots, allocated when first used.
 */
final class IdTable<T> {
    private static final int PAGE_BITS = 12;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final long MAX_ID = ((long) Integer.MAX_VALUE << PAGE_BITS) - 1;

    private Object[][] pages = new Object[16][];
    private long size;

    T get(long id) {
        if (id < 0 || (id >>> PAGE_BITS) >= pages.length) {
            return null;
        }
        Object[] page = pages[(int) (id >>> PAGE_BITS)];
        return page == null ? null : cast(page[(int) (id & (PAGE - 1))]);
    }

    /** Stores {@code value} under {@code id}; returns what was there, or null. */
    T put(long id, T value) {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("id " + id + " is outside 0.." + MAX_ID);
        }
        int pageIndex = (int) (id >>> PAGE_BITS);
        if (pageIndex >= pages.length) {
            pages = Arrays.copyOf(pages, (int) Math.min(Integer.MAX_VALUE, Math.max(pageIndex + 1L, pages.length * 2L)));
        }
        Object[] page = pages[pageIndex];
        if (page == null) {
            page = pages[pageIndex] = new Object[PAGE];
        }
        int slot = (int) (id & (PAGE - 1));
        T previous = cast(page[slot]);
        page[slot] = value;
        if (previous == null) {
            size++;
        }
        return previous;
    }

    T remove(long id) {
        if (id < 0 || (id >>> PAGE_BITS) >= pages.length) {
            return null;
        }
        Object[] page = pages[(int) (id >>> PAGE_BITS)];
        if (page == null) {
            return null;
        }
        int slot = (int) (id & (PAGE - 1));
        T previous = cast(page[slot]);
        if (previous != null) {
            page[slot] = null;
            size--;
        }
        return previous;
    }

    long size() {
        return size;
    }

    /** One past the highest id a value could be stored under now (a bound for {@link #forEachIn}). */
    long idBound() {
        for (int p = pages.length - 1; p >= 0; p--) {
            if (pages[p] != null) {
                return ((long) p + 1) << PAGE_BITS;
            }
        }
        return 0;
    }

    void forEach(Consumer<? super T> action) {
        forEachIn(0, idBound(), action);
    }

    /** The values with ids in {@code [from, to)}, ascending. */
    void forEachIn(long from, long to, Consumer<? super T> action) {
        long end = Math.min(to, (long) pages.length << PAGE_BITS);
        for (long id = from; id < end; ) {
            Object[] page = pages[(int) (id >>> PAGE_BITS)];
            long pageEnd = Math.min(end, ((id >>> PAGE_BITS) + 1) << PAGE_BITS);
            if (page != null) {
                for (int slot = (int) (id & (PAGE - 1)); id < pageEnd; slot++, id++) {
                    Object value = page[slot];
                    if (value != null) {
                        action.accept(cast(value));
                    }
                }
            }
            id = pageEnd;
        }
    }

    void clear() {
        pages = new Object[16][];
        size = 0;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
