package dev.netpilot.api.error;

import java.util.List;

/** The request cannot be accepted as it is; each problem names the field and what to fix. Answered with 422. */
public class InvalidRequestException extends RuntimeException {

    private final List<ErrorBody.FieldProblem> problems;

    public InvalidRequestException(List<ErrorBody.FieldProblem> problems) {
        this("Invalid JSON request: ", problems);
    }

    /** The same problems, summarised after {@code prefix} (for example {@code "Invalid 'request' JSON: "}). */
    public InvalidRequestException(String prefix, List<ErrorBody.FieldProblem> problems) {
        this(problems, prefix + summary(problems));
    }

    private InvalidRequestException(List<ErrorBody.FieldProblem> problems, String detail) {
        super(detail);
        this.problems = List.copyOf(problems);
    }

    /** One problem whose {@code detail} is exactly its message (NetPulse's wording, kept for its clients). */
    public static InvalidRequestException exactly(List<Object> loc, String message) {
        return new InvalidRequestException(List.of(new ErrorBody.FieldProblem(loc, message)), message);
    }

    /** A problem with a query parameter. */
    public static InvalidRequestException ofQuery(String parameter, String message) {
        return new InvalidRequestException("Invalid query: ",
                List.of(new ErrorBody.FieldProblem(List.of("query", parameter), message)));
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new ErrorBody.FieldProblem(List.of("body", field), message)));
    }

    public List<ErrorBody.FieldProblem> problems() {
        return problems;
    }

    private static String summary(List<ErrorBody.FieldProblem> problems) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < problems.size(); i++) {
            ErrorBody.FieldProblem problem = problems.get(i);
            if (i > 0) {
                text.append("; ");
            }
            List<Object> path = problem.loc().subList(1, problem.loc().size());
            if (!path.isEmpty()) {
                text.append(dotted(path)).append(": ");
            }
            text.append(problem.msg());
        }
        return text.toString();
    }

    private static String dotted(List<Object> path) {
        StringBuilder text = new StringBuilder();
        for (Object part : path) {
            if (part instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                text.append(text.isEmpty() ? "" : ".").append(part);
            }
        }
        return text.toString();
    }
}
