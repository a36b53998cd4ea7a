package dev.netpilot.driver;

import dev.netpilot.job.CommandResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The default job of a CLI session ({@link DeviceSession#run}): enable, then commands or a config push. */
final class CliJobs {

    private CliJobs() {
    }

    static CompletionStage<List<CommandResult>> run(DeviceSession session, DeviceJob job) {
        long started = System.nanoTime();
        CompletionStage<Void> ready = job.enable() ? session.enable() : CompletableFuture.completedFuture(null);
        if (job.config()) {
            return ready.thenCompose(ignored -> session.sendConfig(job.lines(), job.options(), job.save()))
                    .exceptionallyCompose(failure -> {
                        Throwable cause = DriverException.unwrap(failure);
                        CommandResult entry = failedEntry(String.join("\n", job.lines()), job, started, cause);
                        // a refused argument leaves the session as it was; anything else may have left it mid-way
                        return closeUnlessInvalidArgument(session, cause).thenApply(closed -> List.of(entry));
                    });
        }
        List<String> lines = job.lines();
        List<CommandResult> results = new ArrayList<>(lines.size());
        CompletableFuture<Void> chain = ready.toCompletableFuture();
        for (String line : lines) {
            chain = chain.thenCompose(ignored -> session.send(line, job.options())).thenAccept(results::add);
        }
        return chain.handle((ignored, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(results);
            }
            Throwable cause = DriverException.unwrap(failure);
            int failedAt = results.size();
            String failedLine = failedAt < lines.size() ? lines.get(failedAt) : "enable";
            results.add(failedEntry(failedLine, job, started, cause));
            for (String skipped : lines.subList(Math.min(failedAt + 1, lines.size()), lines.size())) {
                results.add(CommandResult.error(skipped, "", "Skipped due to exception in execution of '"
                        + failedLine + "'", CommandResult.timing(job.spec().host(), System.nanoTime())));
            }
            // The session is in an unknown state after a timeout or a drop: never reuse it.
            return closeUnlessInvalidArgument(session, cause).thenApply(closed -> results);
        }).thenCompose(stage -> stage);
    }

    private static CommandResult failedEntry(String command, DeviceJob job, long startedNanos, Throwable cause) {
        return DriverException.entryFor(command, job.spec().host(), startedNanos, cause);
    }

    private static CompletionStage<Void> closeUnlessInvalidArgument(DeviceSession session, Throwable cause) {
        return cause instanceof DriverException.InvalidArgumentException
                ? CompletableFuture.completedFuture(null) : session.close();
    }
}
