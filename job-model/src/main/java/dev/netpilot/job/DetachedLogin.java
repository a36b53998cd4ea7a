package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * What managing a detached task needs, stored apart from its record ({@link RedisKeys#detachedTaskLogin}) and never
 * returned: the launch's connection arguments (with credentials), its sudo arguments (a task started with sudo is
 * killed with sudo), its queue strategy, and its webhook (the executors push the task's log there every
 * {@code push_interval} seconds). Written by the API, read by the API and the executors.
 */
public record DetachedLogin(@JsonProperty("connection_args") Map<String, Object> connectionArgs,
                            @JsonProperty("driver_args") Map<String, Object> driverArgs,
                            @JsonProperty("queue_strategy") String queueStrategy,
                            WebhookRequest webhook) {
}
