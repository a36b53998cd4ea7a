package dev.netpilot.driver;

import java.util.concurrent.CompletionStage;

/**
 * A way to reach devices, registered under a wire name ({@code netmiko}, {@code paramiko}, ...) through
 * {@link java.util.ServiceLoader}. Implementations are non-blocking: every operation returns at once and
 * completes its stage from the I/O threads.
 */
public interface DeviceDriver {

    /** The name clients use in {@code driver}. */
    String name();

    /** Connects, logs in and prepares the session; fails with a {@link DriverException} that says what to fix. */
    CompletionStage<DeviceSession> open(ConnectionSpec spec);
}
