package dev.netpilot.executor;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This executor's name: the consumer name in Redis and the {@code worker} of the jobs it runs. */
@ApplicationScoped
public class WorkerName {

    private final String name;

    public WorkerName(ExecutorConfig config) {
        this.name = config.name().orElseGet(() -> hostname() + "-" + ProcessHandle.current().pid());
    }

    public String value() {
        return name;
    }

    /** This machine's host name, or {@code executor} when it has none. */
    public static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "executor";
        }
    }
}
