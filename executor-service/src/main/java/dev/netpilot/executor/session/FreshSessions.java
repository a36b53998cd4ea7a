package dev.netpilot.executor.session;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.executor.job.SessionSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A fresh login per job (FIFO), within the device's session limit, logged out after the job. */
@ApplicationScoped
public class FreshSessions implements SessionSource {

    private final SessionSlots slots;
    private final Map<DeviceSession, SessionSlots.Slot> open = new ConcurrentHashMap<>();

    public FreshSessions(SessionSlots slots) {
        this.slots = slots;
    }

    @Override
    public CompletionStage<Leased> acquire(DeviceDriver driver, ConnectionSpec spec, int sessionLimit) {
        return acquire(driver, spec, sessionLimit, null);
    }

    /** A fresh login that waits at most {@code slotWait} for a slot of the device (null: the configured wait). */
    public CompletionStage<Leased> acquire(DeviceDriver driver, ConnectionSpec spec, int sessionLimit,
                                           Duration slotWait) {
        CompletionStage<SessionSlots.Slot> taken = slotWait == null ? slots.take(spec, sessionLimit)
                : slots.take(spec, sessionLimit, slotWait);
        return taken.thenCompose(slot -> driver.open(spec)
                .whenComplete((session, failure) -> {
                    if (failure != null) {
                        slots.release(slot);
                    } else {
                        open.put(session, slot);
                    }
                }))
                .thenApply(session -> new Leased(session, false));
    }

    @Override
    public void release(DeviceSession session, boolean broken) {
        SessionSlots.Slot slot = open.remove(session);
        session.close().whenComplete((ignored, failure) -> {
            if (slot != null) {
                slots.release(slot);
            }
        });
    }
}
