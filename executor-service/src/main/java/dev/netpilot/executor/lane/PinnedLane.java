package dev.netpilot.executor.lane;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.executor.job.SessionSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * One pinned device owned by this node: its kept session, and whether its jobs are being pulled. Jobs of a lane
 * run one at a time, so the session is never shared by two jobs.
 */
final class PinnedLane implements SessionSource {

    final String id;
    private final BiConsumer<String, Boolean> sessionChanged;
    private DeviceSession session;
    private ConnectionSpec spec;
    /** Jobs are being pulled; a wake while pulling sets {@link #wakeAgain} instead. */
    boolean pulling;
    boolean wakeAgain;
    /** Pending entries of earlier owners have been taken over. */
    boolean claimed;
    volatile long lastUsedNanos = System.nanoTime();
    volatile long lastProbeNanos = System.nanoTime();

    PinnedLane(String id, BiConsumer<String, Boolean> sessionChanged) {
        this.id = id;
        this.sessionChanged = sessionChanged;
    }

    @Override
    public CompletionStage<Leased> acquire(DeviceDriver driver, ConnectionSpec wanted) {
        DeviceSession kept;
        synchronized (this) {
            kept = session;
            if (kept != null && kept.isOpen() && wanted.equals(spec)) {
                return CompletableFuture.completedFuture(new Leased(kept, true));
            }
            session = null;
        }
        if (kept != null) { // dropped by the device, or the login changed: start over
            kept.close();
            sessionChanged.accept(id, false);
        }
        return driver.open(wanted).thenApply(opened -> {
            synchronized (this) {
                session = opened;
                spec = wanted;
            }
            sessionChanged.accept(id, true);
            return new Leased(opened, false);
        });
    }

    @Override
    public void release(DeviceSession used, boolean broken) {
        lastUsedNanos = System.nanoTime();
        if (broken) {
            discard(used);
        }
    }

    /** The kept session, or null. */
    synchronized DeviceSession session() {
        return session;
    }

    void discard(DeviceSession which) {
        synchronized (this) {
            if (session != which) {
                return;
            }
            session = null;
        }
        which.close();
        sessionChanged.accept(id, false);
    }

    void closeSession() {
        DeviceSession current = session();
        if (current != null) {
            discard(current);
        }
    }
}
