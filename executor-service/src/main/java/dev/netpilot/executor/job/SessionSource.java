package dev.netpilot.executor.job;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceSession;

import java.util.concurrent.CompletionStage;

/** Where a job gets its device session: a fresh login (FIFO) or the lane's kept one (pinned). */
public interface SessionSource {

    /** A session for the job; a new login first takes one of the device's {@code sessionLimit} slots. */
    CompletionStage<Leased> acquire(DeviceDriver driver, ConnectionSpec spec, int sessionLimit);

    /** The job is done with the session; {@code broken} when it must not serve another job. */
    void release(DeviceSession session, boolean broken);

    /** A session for one job, and whether an earlier job already logged it in. */
    record Leased(DeviceSession session, boolean reused) {
    }
}
