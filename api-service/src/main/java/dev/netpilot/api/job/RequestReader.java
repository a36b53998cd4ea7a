package dev.netpilot.api.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.netpilot.api.error.ErrorBody.FieldProblem;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.api.template.JobTemplates;
import dev.netpilot.job.DriverName;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.Payload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a request body into a valid {@link ExecutionRequest}, or an {@link InvalidRequestException} whose
 * problems name each bad field (by its JSON name) and what to fix.
 */
@ApplicationScoped
public class RequestReader {

    /** Fields accepted on the wire whose features this version does not run yet: refused rather than ignored. */
    private static final Set<DriverName> AVAILABLE_DRIVERS = EnumSet.of(DriverName.NETMIKO, DriverName.PYEAPI);
    private static final List<String> NOT_YET_SUPPORTED = List.of(
            "credential", "file_transfer", "webhook");

    private final ObjectMapper mapper = JobJson.mapper();
    private final Validator validator;
    private final JobTemplates templates;

    public RequestReader(Validator validator, JobTemplates templates) {
        this.validator = validator;
        this.templates = templates;
    }

    /** Reads a JSON body; every problem found is reported at once. */
    public ExecutionRequest read(String body) {
        return read(parse(body));
    }

    /** Reads an {@link ExecutionRequest} from a parsed body (or one expanded bulk entry). */
    public ExecutionRequest read(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw InvalidRequestException.of("body", "the body must be a JSON object");
        }
        ExecutionRequest request;
        try {
            request = mapper.treeToValue(tree, ExecutionRequest.class);
        } catch (JsonMappingException e) {
            throw new InvalidRequestException(List.of(new FieldProblem(path(e), describe(e))));
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.of("body", e.getOriginalMessage());
        }
        List<FieldProblem> problems = new ArrayList<>(violations(validator.validate(request)));
        if (problems.isEmpty()) {
            problems.addAll(ruleProblems(request));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return request;
    }

    /** Parses a body as JSON, or fails with a 422 that says where the syntax broke. */
    public JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw InvalidRequestException.of("body", "the request body is empty; send a JSON ExecutionRequest "
                    + "with Content-Type: application/json");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.of("body", "the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    private List<FieldProblem> ruleProblems(ExecutionRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        request.crossFieldErrors().forEach(e -> problems.add(new FieldProblem(List.of("body", e.field()), e.message())));
        if (problems.isEmpty()) {
            problems.addAll(templates.problems(request));
        }
        if (request.host() == null || request.host().isBlank()) {
            problems.add(new FieldProblem(List.of("body", "connection_args", "host"),
                    "'host' in connection_args is required"));
        }
        if (!AVAILABLE_DRIVERS.contains(request.driver())) {
            problems.add(new FieldProblem(List.of("body", "driver"), "driver '" + request.driver().wire()
                    + "' is not available in this version yet; use netmiko or pyeapi"));
        } else if (request.driver() == DriverName.NETMIKO && request.connectionArgs().get("device_type") == null) {
            problems.add(new FieldProblem(List.of("body", "connection_args", "device_type"),
                    "connection_args.device_type is required for netmiko (for example cisco_ios)"));
        }
        Map<String, Object> present = presentFields(request);
        for (String field : NOT_YET_SUPPORTED) {
            if (present.get(field) != null) {
                problems.add(new FieldProblem(List.of("body", field),
                        "`" + field + "` is not supported by this version yet; remove it"));
            }
        }
        if (Boolean.TRUE.equals(request.detach())) {
            problems.add(new FieldProblem(List.of("body", "detach"),
                    "Detached mode is currently only supported by the paramiko driver"));
        }
        return problems;
    }

    private static Map<String, Object> presentFields(ExecutionRequest request) {
        return JobJson.mapper().convertValue(request, Map.class);
    }

    private static List<FieldProblem> violations(Collection<ConstraintViolation<ExecutionRequest>> violations) {
        return violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new FieldProblem(List.of("body", jsonName(v.getPropertyPath().toString())), v.getMessage()))
                .toList();
    }

    /** The wire name of a record component: the {@code @JsonProperty} value on its field, else its own name. */
    private static String jsonName(String component) {
        try {
            JsonProperty property = ExecutionRequest.class.getDeclaredField(component).getAnnotation(JsonProperty.class);
            return property != null ? property.value() : component;
        } catch (NoSuchFieldException e) {
            return component;
        }
    }

    private static List<Object> path(JsonMappingException e) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        for (JsonMappingException.Reference ref : e.getPath()) {
            loc.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
        }
        return loc;
    }

    private static String describe(JsonMappingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            if (target == Payload.class) {
                return e.getOriginalMessage();
            }
            String expected = expected(target);
            if (e instanceof InvalidFormatException format) {
                return "must be " + expected + ", got " + quote(format.getValue());
            }
            return "must be " + expected;
        }
        return e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a valid " + type.getSimpleName();
    }

    private static String quote(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
