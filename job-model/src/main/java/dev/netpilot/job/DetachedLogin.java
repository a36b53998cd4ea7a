package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What managing a detached task needs, stored apart from its record ({@link RedisKeys#detachedTaskLogin}) and never
 * returned: the launch's connection arguments (with credentials), its {@code credential} reference when the login
 * came from a credential provider (null otherwise; the secret itself is read by the executor each time), its sudo
 * arguments (a task started with sudo is killed with sudo), its queue strategy, and its webhook (the executors push
 * the task's log there every {@code push_interval} seconds). Written by the API, read by the API and the executors.
 */
public record DetachedLogin(@JsonProperty("connection_args") Map<String, Object> connectionArgs,
                            Map<String, Object> credential,
                            @JsonProperty("driver_args") Map<String, Object> driverArgs,
                            @JsonProperty("queue_strategy") String queueStrategy,
                            WebhookRequest webhook) {

    /** The management job of this login: the paramiko driver with {@code driverArgs} and the login's credential. */
    public Map<String, Object> jobBody(Map<String, Object> jobDriverArgs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("driver", DriverName.PARAMIKO.wire());
        body.put("connection_args", connectionArgs);
        if (credential != null) {
            body.put("credential", credential);
        }
        body.put("driver_args", jobDriverArgs);
        return body;
    }
}
