package dev.netpilot.driver.cli;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.ssh.SshTransport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The SSH CLI driver, served under NetPulse's wire name {@code netmiko}. */
public final class SshCliDriver implements DeviceDriver {

    public static final String NAME = "netmiko";

    private final SshTransport transport = SshTransport.shared();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<DeviceSession> open(ConnectionSpec spec) {
        Platform platform;
        try {
            platform = Platforms.byName(spec.deviceType());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return SshCliSession.open(platform, spec, transport).thenApply(session -> session);
    }

    /**
     * Opens a session of this engine on {@code platform} whatever {@code spec.deviceType()} says, for drivers that
     * build on the engine (napalm's config sessions).
     */
    public CompletionStage<CliSession> open(Platform platform, ConnectionSpec spec) {
        return SshCliSession.open(platform, spec, transport).thenApply(session -> session);
    }
}
