package dev.netpilot.api.job;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.error.ErrorBody;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.job.Job;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Duration;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final JobService jobs;
    private final RequestReader reader;
    private final ApiConfig config;

    public JobResource(JobService jobs, RequestReader reader, ApiConfig config) {
        this.jobs = jobs;
        this.reader = reader;
        this.config = config;
    }

    @POST
    @Path("device/exec")
    @Operation(summary = "Queue a job that runs commands or config on one device",
            description = "The body is a NetPulse ExecutionRequest. Answers 201 with the queued job; follow it with "
                    + "GET /jobs/{id}?wait=<seconds>.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = dev.netpilot.job.ExecutionRequest.class)))
    @APIResponse(responseCode = "201", description = "The job, queued",
            content = @Content(schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "The body is invalid; `errors` names each bad field",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<Job>> exec(String body) {
        return jobs.submit(reader.read(body)).map(job -> RestResponse.status(RestResponse.Status.CREATED, job));
    }

    @GET
    @Path("jobs/{id}")
    @Operation(summary = "A job with its status and result",
            description = "With wait=N (seconds) the answer comes as soon as the job ends, or after N seconds with "
                    + "the job as it is then.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "404", description = "No such job: it expired or never existed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Job> job(@RestPath String id,
                        @Parameter(description = "Seconds to wait for the job to end (0 to 300)") @RestQuery Double wait) {
        double seconds = wait == null ? 0 : wait;
        if (!(seconds >= 0) || seconds > config.maxWaitSeconds()) {
            throw new InvalidRequestException(java.util.List.of(new ErrorBody.FieldProblem(
                    java.util.List.of("query", "wait"),
                    "wait must be a number of seconds from 0 to " + config.maxWaitSeconds() + ", got " + wait)));
        }
        return jobs.get(id, Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
