package dev.netpilot.simulator.vendor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The committed configuration of a device with a candidate (IOS XR, Junos, VRPv8): commits, the rollback history
 * and confirmed commits that roll back by themselves unless confirmed in time. Thread-safe.
 */
final class CommitStore {

    private static final int HISTORY = 49;
    /** One timer thread for every device's confirmed commits: a rollback is a short, non-blocking task. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "simulator-commit-timer");
        thread.setDaemon(true);
        return thread;
    });

    private ConfigText running;
    /** Earlier committed configurations, newest first: rollback 1 is the first. */
    private final Deque<ConfigText> history = new ArrayDeque<>();
    private ScheduledFuture<?> pendingRollback;

    CommitStore(ConfigText initial) {
        running = initial;
    }

    /** A copy of the running configuration, to edit as a candidate. */
    synchronized ConfigText running() {
        return running.copy();
    }

    /** Looks at the running configuration without copying it. */
    synchronized <T> T read(Function<ConfigText, T> view) {
        return view.apply(running);
    }

    /** Makes {@code candidate} the running configuration; a pending confirmed commit counts as confirmed. */
    synchronized void commit(ConfigText candidate) {
        confirm();
        push(candidate);
    }

    /** Commits, and rolls back to the configuration before unless {@link #commit} confirms within {@code delay}. */
    synchronized void commitConfirmed(ConfigText candidate, Duration delay) {
        confirm();
        ConfigText before = running.copy();
        push(candidate);
        pendingRollback = TIMER.schedule(() -> rollBackTo(before), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized boolean confirmPending() {
        return pendingRollback != null;
    }

    /** The configuration {@code n} commits ago (0 is the running one), or null when the history is shorter. */
    synchronized ConfigText rollback(int n) {
        if (n == 0) {
            return running.copy();
        }
        return n <= history.size() ? history.stream().skip(n - 1).findFirst().orElseThrow().copy() : null;
    }

    private void confirm() {
        if (pendingRollback != null) {
            pendingRollback.cancel(false);
            pendingRollback = null;
        }
    }

    private synchronized void rollBackTo(ConfigText before) {
        pendingRollback = null;
        push(before);
    }

    private void push(ConfigText next) {
        history.push(running);
        while (history.size() > HISTORY) {
            history.removeLast();
        }
        running = next.copy();
    }
}
