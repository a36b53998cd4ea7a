package dev.netpilot.driver.eapi;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.DriverException.InvalidArgumentException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Arista eAPI driver, served under NetPulse's wire name {@code pyeapi}: JSON-RPC {@code runCmds} over HTTPS
 * (or HTTP) with basic authentication, through one shared non-blocking Vert.x HTTP client. Opening a session checks
 * the arguments only; the first request reaches the device.
 */
public final class EapiDriver implements DeviceDriver {

    public static final String NAME = "pyeapi";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<DeviceSession> open(ConnectionSpec spec) {
        try {
            return CompletableFuture.completedFuture(new EapiSession(EapiTarget.from(spec), EapiClient.shared()));
        } catch (InvalidArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
