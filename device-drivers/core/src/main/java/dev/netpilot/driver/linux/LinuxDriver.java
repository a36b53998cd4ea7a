package dev.netpilot.driver.linux;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.driver.ssh.SshTransport;

import java.util.concurrent.CompletionStage;

/**
 * The Linux server driver, served under NetPulse's wire name {@code paramiko}: commands on exec channels with their
 * exit codes, sudo, scripts, config as a sequence of commands, and detached tasks that outlive the job.
 */
public final class LinuxDriver implements DeviceDriver {

    public static final String NAME = "paramiko";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<DeviceSession> open(ConnectionSpec spec) {
        return LinuxSession.open(spec, SshTransport.shared());
    }
}
