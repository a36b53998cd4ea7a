package dev.netpilot.api.error;

import dev.netpilot.api.auth.MissingScopeException;
import io.quarkus.logging.Log;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where exceptions become HTTP answers. */
public class ErrorMappers {

    @ServerExceptionMapper
    public RestResponse<ErrorBody> invalidRequest(InvalidRequestException e) {
        return RestResponse.ResponseBuilder.<ErrorBody>create(422).entity(new ErrorBody(e.getMessage(), e.problems())).build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> notFound(NotFoundException e) {
        return RestResponse.status(Response.Status.NOT_FOUND, ErrorBody.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> missingScope(MissingScopeException e) {
        return RestResponse.status(Response.Status.FORBIDDEN, ErrorBody.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> conflict(ConflictException e) {
        return RestResponse.status(Response.Status.CONFLICT, ErrorBody.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> web(WebApplicationException e) {
        Response response = e.getResponse();
        return RestResponse.ResponseBuilder.<ErrorBody>create(response.getStatus()).entity(ErrorBody.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> unavailable(ServiceUnavailableException e) {
        return RestResponse.status(Response.Status.SERVICE_UNAVAILABLE, ErrorBody.of(e.getMessage()));
    }

    /** Redis is saturated: back-pressure, not a bug. The client may retry shortly. */
    @ServerExceptionMapper
    public RestResponse<ErrorBody> busy(ConnectionPoolTooBusyException e) {
        Log.warnf("Refusing a request: %s", e.getMessage());
        return RestResponse.ResponseBuilder.<ErrorBody>create(503)
                .header("Retry-After", "1")
                .entity(ErrorBody.of("The service is overloaded (the Redis connection pool is saturated); retry shortly"))
                .build();
    }

    /** Anything else is a bug on our side; say so without leaking internals. */
    @ServerExceptionMapper(priority = 10_000)
    public RestResponse<ErrorBody> unexpected(Throwable e) {
        Log.errorf(e, "Unexpected error while serving a request");
        return RestResponse.status(Response.Status.INTERNAL_SERVER_ERROR,
                ErrorBody.of("Internal Server Error: " + e.getClass().getSimpleName()
                        + " (this is a bug; the server log has the details)"));
    }
}
