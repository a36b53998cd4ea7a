package dev.netpilot.templates;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A small thread-safe least-recently-used cache of compiled templates, keyed by their text (and options). */
final class LruCache<K, V> {

    private final Map<K, V> entries;
    private final Function<K, V> compile;

    LruCache(int capacity, Function<K, V> compile) {
        this.compile = compile;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached value, or the compiled one (a failure is not cached and propagates). */
    V get(K key) {
        synchronized (entries) {
            V value = entries.get(key);
            if (value != null) {
                return value;
            }
        }
        V value = compile.apply(key);
        synchronized (entries) {
            entries.put(key, value);
        }
        return value;
    }
}
