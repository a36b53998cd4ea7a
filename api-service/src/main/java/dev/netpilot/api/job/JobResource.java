package dev.netpilot.api.job;

import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.Pages;
import dev.netpilot.api.auth.Caller;
import dev.netpilot.api.auth.RequiresScope;
import dev.netpilot.api.auth.Scope;
import dev.netpilot.api.dispatch.JobDispatcher;
import dev.netpilot.api.error.ErrorBody;
import dev.netpilot.api.files.Uploads;
import dev.netpilot.api.template.JobTemplates;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.api.idempotency.Idempotency;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.Job;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.time.Duration;
import java.util.List;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final JobService jobs;
    private final JobSearch search;
    private final JobCancellation cancellation;
    private final RequestReader reader;
    private final ApiConfig config;
    private final JobTemplates templates;
    private final Uploads uploads;

    public JobResource(JobService jobs, JobSearch search, JobCancellation cancellation, RequestReader reader,
                       ApiConfig config, JobTemplates templates, Uploads uploads) {
        this.uploads = uploads;
        this.jobs = jobs;
        this.search = search;
        this.cancellation = cancellation;
        this.reader = reader;
        this.config = config;
        this.templates = templates;
    }

    @POST
    @Path("device/exec")
    @RequiresScope({Scope.EXEC, Scope.CONFIG})
    @Operation(summary = "Queue a job that runs commands or config on one device",
            description = "The body is a NetPulse ExecutionRequest. Answers 201 with the queued job; follow it with "
                    + "GET /jobs/{id}?wait=<seconds>, or pass wait=<seconds> here to get the ended job in one call. Commands need the 'exec' scope, config pushes and file "
                    + "transfers 'config'. With an Idempotency-Key header a repeat within the job's ttl answers 200 "
                    + "with the original job instead of queuing it again.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExecutionRequest.class)))
    @APIResponse(responseCode = "201", description = "The job, queued",
            content = @Content(schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "200", description = "A repeat of an earlier request with the same Idempotency-Key: "
            + "the original answer, nothing queued", headers = @Header(name = Idempotency.REPLAYED_HEADER),
            content = @Content(schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the scope this job needs",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still being answered",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "The body is invalid (`errors` names each bad field), or the "
            + "Idempotency-Key was used with a different body",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<String>> exec(String body,
                                       @Parameter(description = "Makes retries safe: the same key (per API key) "
                                               + "within the job's ttl returns the original job")
                                       @RestHeader(Idempotency.HEADER) String idempotencyKey,
                                       @Parameter(description = "Seconds to wait for the job to end before answering "
                                               + "(0 to 300, default 0): the answer then holds the ended job, as "
                                               + "GET /jobs/{id}?wait= would, in one call")
                                       @RestQuery Double wait,
                                       @Context RoutingContext routing) {
        return submit(reader.read(body), idempotencyKey, waitOf(wait), routing, Uni.createFrom().nullItem());
    }

    @POST
    @Path("device/exec")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequiresScope({Scope.EXEC, Scope.CONFIG})
    @Operation(summary = "Queue a job, multipart form (NetPulse's upload form)",
            description = "Form field `request` holds the ExecutionRequest as JSON. The optional `file` field is "
                    + "the file a `file_transfer` upload sends to the device (at most np.files.max-size, 64 MiB by "
                    + "default). It is kept under the job's own id: a client-set `staged_file_id` is never honoured.")
    @APIResponse(responseCode = "201", description = "The job, queued",
            content = @Content(schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "200", description = "A repeat with the same Idempotency-Key: the original answer",
            content = @Content(schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the scope this job needs",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = "The file is larger than np.files.max-size",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "`request` missing or invalid, or a `file` without a "
            + "file_transfer upload", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<String>> execMultipart(
            @Parameter(description = "The ExecutionRequest as JSON") @RestForm("request") String request,
            @Parameter(description = "The file a file_transfer upload sends to the device",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")) @RestForm("file") FileUpload file,
            @RestHeader(Idempotency.HEADER) String idempotencyKey,
            @Context RoutingContext routing) {
        if (request == null || request.isBlank()) {
            throw InvalidRequestException.exactly(List.of("form", "request"),
                    "Field 'request' is required in multipart mode");
        }
        ExecutionRequest parsed;
        try {
            parsed = reader.read(request, file != null);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("Invalid 'request' JSON: ", e.problems());
        }
        return submit(parsed, idempotencyKey, Duration.ZERO, routing,
                file == null ? Uni.createFrom().nullItem() : uploads.read(file));
    }

    private Uni<RestResponse<String>> submit(ExecutionRequest request, String idempotencyKey, Duration wait,
                                          RoutingContext routing, Uni<JobDispatcher.Upload> upload) {
        // Templates are rendered here, so that a template error is a 422 and the job shows the lines it runs.
        return templates.prepare(request).chain(ready -> upload.chain(file ->
                        jobs.submitAndWait(ready, Caller.of(routing), idempotencyKey, file, wait)))
                .map(outcome -> outcome.replayed()
                ? RestResponse.ResponseBuilder.ok(outcome.answer()).header(Idempotency.REPLAYED_HEADER, "true").build()
                : RestResponse.status(RestResponse.Status.CREATED, outcome.answer()));
    }

    @GET
    @Path("jobs")
    @RequiresScope(Scope.READ)
    @Operation(summary = "Jobs, newest first, filtered and paginated",
            description = "Every given filter must match. The answer is a JSON array (as NetPulse's); when more "
                    + "jobs may follow, the X-Next-Cursor header (and a Link header with rel=\"next\") holds the "
                    + "cursor of the next page. A page may hold fewer than `limit` jobs and still have a next page.")
    @APIResponse(responseCode = "200", description = "The jobs of this page",
            headers = {@Header(name = "X-Next-Cursor", description = "Pass as `cursor` for the next page; absent "
                    + "on the last page"), @Header(name = "Link", description = "rel=\"next\" URL of the next page")},
            content = @Content(schema = @Schema(implementation = Job.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the 'read' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Unknown status, limit out of range or a foreign cursor",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<List<Job>>> list(
            @Parameter(description = "queued, started, finished, failed or cancelled") @RestQuery String status,
            @Parameter(description = "Queue name, e.g. FifoQ or HostQ_10.0.0.1") @RestQuery String queue,
            @Parameter(description = "Device host (connection_args.host)") @RestQuery String host,
            @Parameter(description = "Executor node: its worker name, or the <node> of a worker named <node>-<pid>")
            @RestQuery String node,
            @Parameter(description = "The batch_id of a bulk request") @RestQuery("batch_id") String batchId,
            @Parameter(description = "Jobs per page, 1 to 1000 (default 100)") @RestQuery Integer limit,
            @Parameter(description = "The X-Next-Cursor of the previous page") @RestQuery String cursor,
            @Context RoutingContext routing) {
        JobFilter filter = JobFilter.of(status, queue, host, node, batchId);
        return search.search(filter, Pages.size(limit), cursor)
                .map(page -> Pages.of(page.jobs(), page.nextCursor(), "/jobs", routing, config.keyName()));
    }

    @GET
    @Path("jobs/{id}")
    @RequiresScope(Scope.READ)
    @Operation(summary = "A job with its status and result",
            description = "With wait=N (seconds) the answer comes as soon as the job ends, or after N seconds with "
                    + "the job as it is then.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = Job.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the 'read' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such job: it expired or never existed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "wait out of range",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<String> job(@RestPath String id,
                        @Parameter(description = "Seconds to wait for the job to end (0 to 300)") @RestQuery Double wait) {
        return jobs.get(id, waitOf(wait));
    }

    private Duration waitOf(Double wait) {
        double seconds = wait == null ? 0 : wait;
        if (!(seconds >= 0) || seconds > config.maxWaitSeconds()) {
            throw InvalidRequestException.ofQuery("wait",
                    "wait must be a number of seconds from 0 to " + config.maxWaitSeconds() + ", got " + wait);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    @DELETE
    @Path("jobs/{id}")
    @RequiresScope({Scope.EXEC, Scope.CONFIG})
    @Operation(summary = "Cancel a job: a queued one at once, a running one through its executor",
            description = "A queued job becomes `cancelled` (200). A started job is stopped by the executor running "
                    + "it (202, status `cancelling`; the job then ends as `cancelled`). A key may cancel the jobs it "
                    + "submitted; cancelling another key's job needs the 'admin' scope.")
    @APIResponse(responseCode = "200", description = "Cancelled before it started",
            content = @Content(schema = @Schema(implementation = JobCancellation.Cancellation.class)))
    @APIResponse(responseCode = "202", description = "Running: its executor was asked to stop it",
            content = @Content(schema = @Schema(implementation = JobCancellation.Cancellation.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "Another key's job and no 'admin' scope, or no 'exec'/'config'",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "No such job: it expired or never existed",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The job already ended",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<JobCancellation.Cancellation>> cancel(@RestPath String id, @Context RoutingContext routing) {
        return cancellation.cancel(id, Caller.of(routing)).map(answer ->
                RestResponse.status(answer.status().equals(JobCancellation.Cancellation.CANCELLING)
                        ? RestResponse.Status.ACCEPTED : RestResponse.Status.OK, answer));
    }

    @DELETE
    @Path("jobs")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Cancel every queued job of a device or a queue",
            description = "Give `host` or `queue` (or both: both must match). Returns the ids of the cancelled jobs. "
                    + "Running jobs are not touched; cancel them one by one.")
    @APIResponse(responseCode = "200", description = "The ids of the cancelled jobs",
            content = @Content(schema = @Schema(implementation = String.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "The API key lacks the 'admin' scope",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Neither host nor queue given",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<String>> cancelAll(@Parameter(description = "Device host") @RestQuery String host,
                                       @Parameter(description = "Queue name") @RestQuery String queue,
                                       @Context RoutingContext routing) {
        boolean noHost = host == null || host.isBlank();
        boolean noQueue = queue == null || queue.isBlank();
        if (noHost && noQueue) {
            throw InvalidRequestException.ofQuery("host", "give host=<device> or queue=<name>: this cancels every "
                    + "queued job that matches");
        }
        return cancellation.cancelQueued(noHost ? null : host, noQueue ? null : queue, Caller.of(routing));
    }
}
