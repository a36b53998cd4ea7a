package dev.netpilot.driver.ssh;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Known hosts kept in this process only: the default outside the executor (tools, benchmarks, tests). */
public final class InMemoryKnownHosts implements KnownHosts {

    private final Map<String, String> keys = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<String> lookup(String address) {
        return CompletableFuture.completedFuture(keys.get(address));
    }

    @Override
    public CompletionStage<String> storeIfAbsent(String address, String publicKey) {
        String before = keys.putIfAbsent(address, publicKey);
        return CompletableFuture.completedFuture(before == null ? publicKey : before);
    }

    @Override
    public CompletionStage<Boolean> forget(String address) {
        return CompletableFuture.completedFuture(keys.remove(address) != null);
    }
}
