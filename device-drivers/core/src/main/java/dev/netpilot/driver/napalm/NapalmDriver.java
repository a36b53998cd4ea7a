package dev.netpilot.driver.napalm;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.cli.Platforms;
import dev.netpilot.driver.cli.SshCliDriver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Safe configuration changes under NetPulse's wire name {@code napalm}: load a candidate (merge or replace), show the
 * device's diff, then discard it (dry run), commit it, or commit it with an automatic rollback unless confirmed;
 * plus NAPALM's getters as JSON. Built on the CLI engine ({@link SshCliDriver}) with each vendor's own candidate
 * mechanism: Arista EOS config sessions, Junos private candidates, IOS XR commits.
 */
public final class NapalmDriver implements DeviceDriver {

    public static final String NAME = "napalm";

    private final SshCliDriver cli = new SshCliDriver();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<DeviceSession> open(ConnectionSpec spec) {
        NapalmPlatform platform;
        try {
            platform = NapalmPlatform.of(spec.deviceType());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return cli.open(Platforms.byName(platform.cliPlatform()), spec)
                .thenApply(session -> new NapalmSession(platform, session, spec));
    }
}
