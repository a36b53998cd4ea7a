package dev.netpilot.executor.detached;

/**
 * Where a detached task's next log push starts ({@link dev.netpilot.job.RedisKeys#detachedTaskPush}): the log offset
 * the last push reached and its sequence number, with the task's {@code push_interval}. Pushes keep this cursor to
 * themselves; the {@code last_offset} that {@code GET /detached-tasks/{id}} advances is another one.
 */
record PushCursor(int interval, long offset, int sequence) {

    /** The cursor after a push of the log up to {@code nextOffset}. */
    PushCursor pushed(long nextOffset) {
        return new PushCursor(interval, nextOffset, sequence + 1);
    }
}
