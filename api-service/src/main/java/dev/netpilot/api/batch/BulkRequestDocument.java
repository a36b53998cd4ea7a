package dev.netpilot.api.batch;

import dev.netpilot.job.ExecutionRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** The body of {@code POST /device/bulk}, for the OpenAPI document only ({@link BulkRequestReader} reads it). */
@Schema(name = "BulkExecutionRequest", allOf = ExecutionRequest.class,
        description = "Every ExecutionRequest field (ttl defaults to 600) plus `devices`.")
public record BulkRequestDocument(
        @Schema(required = true, description = "One object per device: connection arguments that override "
                + "`connection_args` (host, port, device_type, username, password, secret, ...) and at most one of "
                + "command, config, file_transfer. Other keys are refused with 422.")
        List<Map<String, Object>> devices) {
}
