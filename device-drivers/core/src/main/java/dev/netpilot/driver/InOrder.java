package dev.netpilot.driver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs asynchronous operations one after another, in call order, whatever the outcome of the previous one. An
 * operation never starts under this queue's lock, and callers must not hold one of their own when they queue it:
 * sessions and channels call into MINA SSHD, whose callbacks come back into them holding MINA's own locks (a
 * channel's close completes its pending reads), so calling MINA while holding their own lock could deadlock.
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
