package com.example.netpilot;

import dev.netpilot.driver.CommandOptions;
import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DeviceDriver;
import dev.netpilot.driver.DeviceSession;
import dev.netpilot.job.CommandResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A driver in one class: {@code example_echo} "runs" each command by answering {@code <user>@<host>: <command>}.
 * A real driver opens a connection in {@link #open} and completes the stage when it is logged in.
 */
public final class EchoDriver implements DeviceDriver {

    @Override
    public String name() {
        return "example_echo";
    }

    @Override
    public CompletionStage<DeviceSession> open(ConnectionSpec spec) {
        return CompletableFuture.completedFuture(new DeviceSession() {
            private volatile boolean open = true;

            @Override
            public CompletionStage<CommandResult> send(String command, CommandOptions options) {
                return CompletableFuture.completedFuture(CommandResult.ok(command,
                        spec.username() + "@" + spec.host() + ": " + command, Map.of("driver", "example_echo")));
            }

            @Override
            public CompletionStage<Void> enable() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<List<CommandResult>> sendConfig(List<String> lines, CommandOptions options,
                                                                   boolean save) {
                List<CommandResult> results = new ArrayList<>();
                lines.forEach(line -> results.add(CommandResult.ok(line, "", Map.of())));
                return CompletableFuture.completedFuture(results);
            }

            @Override
            public CompletionStage<Void> probe(Duration timeout) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public CompletionStage<Void> close() {
                open = false;
                return CompletableFuture.completedFuture(null);
            }
        });
    }
}
