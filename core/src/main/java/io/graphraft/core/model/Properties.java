package io.graphraft.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Property maps of nodes and edges: string keys to scalar values (String, Long, Double, Boolean).
 *
 * <p>Maps are copied into a sorted, unmodifiable form so that every encoding of the same map is
 * the same bytes (snapshots of replicas must be byte-identical).
 */
public final class Properties {
    private static final SortedMap<String, Object> EMPTY = Collections.unmodifiableSortedMap(new TreeMap<>());

    private Properties() {
    }

    public static SortedMap<String, Object> empty() {
        return EMPTY;
    }

    /**
     * Validates and copies a caller's map.
     *
     * @throws IllegalArgumentException naming the key and the type of any unsupported value
     */
    public static SortedMap<String, Object> checked(Map<String, ?> properties) {
        if (properties == null || properties.isEmpty()) {
            return EMPTY;
        }
        if (properties instanceof UnmodifiableSorted) {
            @SuppressWarnings("unchecked")
            SortedMap<String, Object> alreadyChecked = (SortedMap<String, Object>) properties;
            return alreadyChecked;
        }
        TreeMap<String, Object> copy = new TreeMap<>();
        for (Map.Entry<String, ?> entry : properties.entrySet()) {
            String key = entry.getKey();
            if (key == null) {
                throw new IllegalArgumentException("property key must not be null");
            }
            copy.put(key, checkedValue(key, entry.getValue()));
        }
        return new UnmodifiableSorted(copy);
    }

    /** Returns {@code value} if it is a supported property value, else throws naming key and type. */
    public static Object checkedValue(String key, Object value) {
        if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        String type = value == null ? "null" : value.getClass().getName();
        throw new IllegalArgumentException("property '" + key + "' has unsupported value type " + type
                + " (supported: String, Long, Double, Boolean)");
    }

    /** Merges {@code updates} over {@code base}; both already checked. */
    public static SortedMap<String, Object> merged(SortedMap<String, Object> base, SortedMap<String, Object> updates) {
        if (updates.isEmpty()) {
            return base;
        }
        TreeMap<String, Object> copy = new TreeMap<>(base);
        copy.putAll(updates);
        return new UnmodifiableSorted(copy);
    }

    /** Marker type so checked maps are not copied again. */
    private static final class UnmodifiableSorted extends java.util.AbstractMap<String, Object>
            implements SortedMap<String, Object> {
        private final SortedMap<String, Object> delegate;

        UnmodifiableSorted(TreeMap<String, Object> map) {
            this.delegate = Collections.unmodifiableSortedMap(map);
        }

        @Override
        public java.util.Comparator<? super String> comparator() {
            return delegate.comparator();
        }

        @Override
        public SortedMap<String, Object> subMap(String fromKey, String toKey) {
            return delegate.subMap(fromKey, toKey);
        }

        @Override
        public SortedMap<String, Object> headMap(String toKey) {
            return delegate.headMap(toKey);
        }

        @Override
        public SortedMap<String, Object> tailMap(String fromKey) {
            return delegate.tailMap(fromKey);
        }

        @Override
        public String firstKey() {
            return delegate.firstKey();
        }

        @Override
        public String lastKey() {
            return delegate.lastKey();
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            return delegate.entrySet();
        }

        @Override
        public Object get(Object key) {
            return delegate.get(key);
        }

        @Override
        public int size() {
            return delegate.size();
        }
    }
}
