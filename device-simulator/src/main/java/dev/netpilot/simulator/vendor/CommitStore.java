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
    /** What a pending confirmed commit rolls back to. */
    private ConfigText pendingBefore;
    private final int timeScale;
    /** Counts confirmed commits, so that a timer knows whether it is still the pending one. */
    private long confirmedCommits;

    /** @param timeScale device timers run this many times faster than real time ({@code SimulatorConfig.timeScale}) */
    CommitStore(ConfigText initial, int timeScale) {
        running = initial;
        this.timeScale = timeScale;
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

    /**
     * Commits, and rolls back to the configuration before unless {@link #commit} or {@link #confirm} confirms within
     * {@code delay} (device time: real time divided by the time scale).
     */
    synchronized void commitConfirmed(ConfigText candidate, Duration delay) {
        confirm();
        pendingBefore = running.copy();
        push(candidate);
        long generation = ++confirmedCommits;
        pendingRollback = TIMER.schedule(() -> rollBackTo(generation), delay.toMillis() / timeScale,
                TimeUnit.MILLISECONDS);
    }

    synchronized boolean confirmPending() {
        return pendingRollback != null;
    }

    /** Confirms a pending confirmed commit: its configuration stays. */
    synchronized void confirm() {
        if (pendingRollback != null) {
            pendingRollback.cancel(false);
            pendingRollback = null;
        }
    }

    /** The configuration {@code n} commits ago (0 is the running one), or null when the history is shorter. */
    synchronized ConfigText rollback(int n) {
        if (n == 0) {
            return running.copy();
        }
        return n <= history.size() ? history.stream().skip(n - 1).findFirst().orElseThrow().copy() : null;
    }

    /** Rolls a pending confirmed commit back now (EOS {@code configure session X abort}); false when none is. */
    synchronized boolean rollBackPending() {
        if (pendingRollback == null) {
            return false;
        }
        pendingRollback.cancel(false);
        pendingRollback = null;
        push(pendingBefore);
        return true;
    }

    /** The timer fired; a confirmation that got the lock first (or a newer confirmed commit) wins. */
    private synchronized void rollBackTo(long generation) {
        if (pendingRollback != null && generation == confirmedCommits) {
            rollBackPending();
        }
    }

    private void push(ConfigText next) {
        history.push(running);
        while (history.size() > HISTORY) {
            history.removeLast();
        }
        running = next.copy();
    }
}
