package dev.netpilot.api.error;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Every error response: NetPulse's {@code {"detail": "..."}} plus, for invalid requests, one entry per
 * offending field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String detail, List<FieldProblem> errors) {

    public static ErrorBody of(String detail) {
        return new ErrorBody(detail, null);
    }

    /**
     * One offending field.
     *
     * @param loc where it is, as a path from the body ({@code ["body", "connection_args", "host"]})
     */
    public record FieldProblem(List<Object> loc, String msg) {
    }
}
