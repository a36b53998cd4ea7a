package dev.netpilot.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /device/exec} (NetPulse's {@code ExecutionRequest}). Field names and bounds are
 * NetPulse's; cross-field rules live in one place, {@link #crossFieldErrors()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionRequest(
        @NotNull DriverName driver,
        @NotNull @JsonProperty("connection_args") Map<String, Object> connectionArgs,
        Map<String, Object> credential,
        Payload command,
        Payload config,
        @JsonProperty("file_transfer") Map<String, Object> fileTransfer,
        @JsonProperty("driver_args") Map<String, Object> driverArgs,
        Map<String, Object> rendering,
        Map<String, Object> parsing,
        @JsonProperty("queue_strategy") QueueStrategy queueStrategy,
        @Min(1) @Max(86400) Integer ttl,
        @Min(1) @Max(86400) @JsonProperty("execution_timeout") Integer executionTimeout,
        @Min(60) @Max(604800) @JsonProperty("result_ttl") Integer resultTtl,
        @JsonProperty("audit_mode") AuditMode auditMode,
        WebhookRequest webhook,
        Boolean detach,
        @Min(1) @Max(3600) @JsonProperty("push_interval") Integer pushInterval,
        Boolean save,
        @JsonProperty("enable_mode") Boolean enableMode,
        @JsonProperty("dry_run") Boolean dryRun) {

    /** Queue TTL of an exec request when the client gives none (seconds). */
    public static final int DEFAULT_TTL = 300;
    /** Keepalive interval given to pinned sessions when the client gives none (seconds). */
    public static final int DEFAULT_PINNED_KEEPALIVE = 60;

    /** The rules that span fields, with NetPulse's messages. Empty when the request is consistent. */
    public List<FieldError> crossFieldErrors() {
        if (command != null && config != null) {
            return List.of(new FieldError("command", "Only one of `config` or `command` can be set"));
        }
        if (command == null && config == null && fileTransfer == null && driverArgs == null) {
            return List.of(new FieldError("command",
                    "Either `config`, `command`, `file_transfer`, or an actionable `driver_args` set."));
        }
        Payload payload = payload();
        if (payload != null && payload.isTemplateContext() && rendering == null) {
            return List.of(new FieldError(command != null ? "command" : "config",
                    "`rendering` should be set when command/config is a dict"));
        }
        if (pushInterval != null && !Boolean.TRUE.equals(detach)) {
            return List.of(new FieldError("push_interval", "`push_interval` requires `detach=True`"));
        }
        return List.of();
    }

    /** The command or config payload, whichever is set. */
    public Payload payload() {
        return command != null ? command : config;
    }

    /** Whether this is a config push (named so that JSON mappers do not take it for the {@code config} field). */
    public boolean pushesConfig() {
        return config != null;
    }

    /** The request's {@code audit_mode}, or {@link AuditMode#DEFAULT}. */
    public AuditMode effectiveAuditMode() {
        return auditMode == null ? AuditMode.DEFAULT : auditMode;
    }

    /** {@code connection_args.host} as a string, or null. */
    public String host() {
        Object host = connectionArgs == null ? null : connectionArgs.get("host");
        return host == null ? null : host.toString();
    }

    /**
     * The request with NetPulse's defaults applied: {@code pinned} for netmiko and detached jobs, {@code fifo}
     * otherwise; a pinned session without a keepalive gets {@value #DEFAULT_PINNED_KEEPALIVE} s; {@code ttl}
     * defaults to {@value #DEFAULT_TTL} s; {@code enable_mode} defaults to true for pyeapi (pyeapi sends enable).
     */
    public ExecutionRequest withDefaults() {
        QueueStrategy strategy = queueStrategy;
        if (strategy == null) {
            strategy = Boolean.TRUE.equals(detach) || DriverName.NETMIKO.equals(driver) ? QueueStrategy.PINNED : QueueStrategy.FIFO;
        }
        Map<String, Object> args = connectionArgs;
        if (strategy == QueueStrategy.PINNED && connectionArgs.get("keepalive") == null) {
            args = new LinkedHashMap<>(connectionArgs);
            args.put("keepalive", DEFAULT_PINNED_KEEPALIVE);
        }
        return new ExecutionRequest(driver, args, credential, command, config, fileTransfer, driverArgs, rendering,
                parsing, strategy, ttl == null ? DEFAULT_TTL : ttl, executionTimeout, resultTtl, auditMode, webhook,
                detach, pushInterval, save,
                enableMode == null && driver == DriverName.PYEAPI ? Boolean.TRUE : enableMode, dryRun);
    }

    /** A field that breaks a rule, named by its JSON path, with a message that says what to fix. */
    public record FieldError(String field, String message) {
    }
}
