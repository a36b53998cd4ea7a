package dev.netpilot.executor;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Mutiny callbacks run as written, without MicroProfile context propagation: no code here reads a thread-bound
 * context (request-scoped beans, transactions) after an asynchronous step, and capturing and restoring one around
 * every callback cost a measurable share of each job's CPU. Runs before any other start-up code builds a pipeline.
 */
@ApplicationScoped
public class ReactiveSetup {

    void start(@Observes @Priority(1) StartupEvent event) {
        Infrastructure.clearInterceptors();
        Infrastructure.setCompletableFutureWrapper(null);
    }
}
