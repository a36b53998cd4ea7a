package dev.netpilot.api.devicetest;

import dev.netpilot.api.auth.RequiresScope;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.error.ErrorBody;
import dev.netpilot.job.DeviceTest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/device/test")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceTestResource {

    private final DeviceTestReader reader;
    private final DeviceTestService tests;

    public DeviceTestResource(DeviceTestReader reader, DeviceTestService tests) {
        this.reader = reader;
        this.tests = tests;
    }

    @POST
    @RequiresScope(Scope.EXEC)
    @Operation(summary = "Test that a device can be logged in to, now",
            description = "An executor logs in with the driver, reads what the session tells (prompt, device type, "
                    + "SSH server banner), logs out and answers; the request waits for it. A failed login is "
                    + "`success: false` with the reason in `error` (HTTP 200, as NetPulse). `timeout` (seconds, "
                    + "default 30) bounds the whole test.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(properties = {
            @SchemaProperty(name = "driver", description = "netmiko, paramiko, pyeapi or napalm"),
            @SchemaProperty(name = "connection_args", description = "as for POST /device/exec"),
            @SchemaProperty(name = "timeout", description = "seconds the whole test may take (default 30)")})))
    @APIResponse(responseCode = "200", description = "The test ran: `success` says whether the login worked",
            content = @Content(schema = @Schema(implementation = DeviceTest.Outcome.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the 'exec' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "The body is invalid (`errors` names each bad field)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "No executor is running to reach the device",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "504", description = "No executor answered within the timeout: `success: false`",
            content = @Content(schema = @Schema(implementation = DeviceTest.Outcome.class)))
    public Uni<RestResponse<DeviceTest.Outcome>> test(String body) {
        return tests.test(reader.read(body)).map(answer -> answer.answered()
                ? RestResponse.ok(answer.outcome())
                : RestResponse.status(RestResponse.Status.GATEWAY_TIMEOUT, answer.outcome()));
    }
}
