package dev.netpilot.executor.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Audit trail retention ({@code np.audit.*}, or environment variables such as {@code NP_AUDIT_RETENTION}). */
@ConfigMapping(prefix = "np.audit")
public interface AuditConfig {

    /** About how many entries the trail keeps (trimmed on every write, oldest first). */
    @WithDefault("1000000")
    long maxEntries();

    /** How long an entry is kept. */
    @WithDefault("30d")
    Duration retention();

    /** How often entries older than {@link #retention()} are trimmed. */
    @WithDefault("10m")
    Duration trimInterval();
}
