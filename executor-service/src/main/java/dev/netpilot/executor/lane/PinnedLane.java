package dev.netpilot.executor.lane;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.executor.job.SessionSource;
import dev.netpilot.executor.session.SessionSlots;

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
    private final SessionSlots slots;
    private DeviceSession session;
    private ConnectionSpec spec;
    /** The device session slot held while {@link #session} is open. */
    private SessionSlots.Slot slot;
    /** Jobs are being pulled; a wake while pulling sets {@link #wakeAgain} instead. */
    boolean pulling;
    boolean wakeAgain;
    /** Pending entries of earlier owners have been taken over. */
    boolean claimed;
    /**
     * The last entry pulled was the lane's newest: once it has run the lane rests until its next wake, with no read
     * to find it empty.
     */
    boolean drained;
    volatile long lastUsedNanos = System.nanoTime();
    volatile long lastProbeNanos = System.nanoTime();

    PinnedLane(String id, BiConsumer<String, Boolean> sessionChanged, SessionSlots slots) {
        this.id = id;
        this.sessionChanged = sessionChanged;
        this.slots = slots;
    }

    @Override
    public CompletionStage<Leased> acquire(DeviceDriver driver, ConnectionSpec wanted, int sessionLimit) {
        DeviceSession kept;
        synchronized (this) {
            kept = session;
            if (kept != null && kept.isOpen() && wanted.equals(spec)) {
                return CompletableFuture.completedFuture(new Leased(kept, true));
            }
        }
        if (kept != null) { // dropped by the device, or the login changed: start over
            discard(kept);
        }
        return slots.take(wanted, sessionLimit).thenCompose(taken -> driver.open(wanted).whenComplete((opened, failure) -> {
            if (failure != null) {
                slots.release(taken);
                return;
            }
            synchronized (this) {
                session = opened;
                spec = wanted;
                slot = taken;
            }
            sessionChanged.accept(id, true);
        })).thenApply(opened -> new Leased(opened, false));
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

    /** Logs the session out and, once it has closed, gives its device slot back. */
    void discard(DeviceSession which) {
        SessionSlots.Slot held;
        synchronized (this) {
            if (session != which) {
                return;
            }
            session = null;
            held = slot;
            slot = null;
        }
        which.close().whenComplete((ignored, failure) -> {
            if (held != null) {
                slots.release(held);
            }
        });
        sessionChanged.accept(id, false);
    }

    void closeSession() {
        DeviceSession current = session();
        if (current != null) {
            discard(current);
        }
    }
}
