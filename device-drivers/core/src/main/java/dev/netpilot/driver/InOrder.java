package dev.netpilot.driver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs asynchronous operations one after another, in call order, whatever the outcome of the previous one. An
 * operation starts outside this object's lock: sessions call into MINA SSHD, whose callbacks may come back into them
 * holding MINA's own locks.
 */
public final class InOrder {

    private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

    /** {@code operation} once every operation given before it has ended; its outcome. */
    public <T> CompletionStage<T> then(Supplier<CompletionStage<T>> operation) {
        CompletableFuture<Void> turn = new CompletableFuture<>();
        CompletableFuture<?> previous;
        CompletableFuture<T> next;
        synchronized (this) {
            previous = last;
            next = turn.thenCompose(ignored -> operation.get()).toCompletableFuture();
            last = next;
        }
        previous.handle((ignored, failure) -> turn.complete(null));
        return next;
    }
}
