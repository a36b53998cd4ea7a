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
import dev.netpilot.api.plugin.PluginNames;
import dev.netpilot.api.template.JobTemplates;
import dev.netpilot.job.CredentialRef;
import dev.netpilot.job.DriverName;
import dev.netpilot.job.ExecutionRequest;
import dev.netpilot.job.FileTransfer;
import dev.netpilot.job.JobJson;
import dev.netpilot.job.Payload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a request body into a valid {@link ExecutionRequest}, or an {@link InvalidRequestException} whose
 * problems name each bad field (by its JSON name) and what to fix.
 */
@ApplicationScoped
public class RequestReader {

    /** The drivers that need connection_args.device_type, with examples for the message. */
    private static final Map<DriverName, String> DEVICE_TYPE_EXAMPLES = Map.of(
            DriverName.NETMIKO, "cisco_ios", DriverName.NAPALM, "eos, junos or iosxr");

    private final ObjectMapper mapper = JobJson.mapper();
    private final Validator validator;
    private final JobTemplates templates;
    private final PluginNames plugins;
    /** {@code np.webhook.allow-hosts}: the only hosts a webhook may call (empty: any). */
    private final List<String> webhookHosts;

    public RequestReader(Validator validator, JobTemplates templates, PluginNames plugins,
                         @ConfigProperty(name = "np.webhook.allow-hosts") Optional<List<String>> webhookHosts) {
        this.validator = validator;
        this.templates = templates;
        this.plugins = plugins;
        this.webhookHosts = webhookHosts.orElse(List.of());
    }

    /** Reads a JSON body; every problem found is reported at once. */
    public ExecutionRequest read(String body) {
        return read(parse(body), false);
    }

    /** Reads an {@link ExecutionRequest} from a parsed body (or one expanded bulk entry). */
    public ExecutionRequest read(JsonNode tree) {
        return read(tree, false);
    }

    /**
     * Reads a body that came with an uploaded file ({@code withFile}: the multipart {@code file} field), which a
     * {@code file_transfer} upload then sends instead of a {@code local_path} on the executor.
     */
    public ExecutionRequest read(String body, boolean withFile) {
        return read(parse(body), withFile);
    }

    private ExecutionRequest read(JsonNode tree, boolean withFile) {
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
            problems.addAll(fileTransferProblems(request, withFile));
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
        if (!plugins.drivers().contains(request.driver().wire())) {
            problems.add(new FieldProblem(List.of("body", "driver"), "driver '" + request.driver().wire()
                    + "' is not available; the drivers are: " + String.join(", ", plugins.drivers())));
        } else if (DEVICE_TYPE_EXAMPLES.containsKey(request.driver())
                && request.connectionArgs().get("device_type") == null) {
            problems.add(new FieldProblem(List.of("body", "connection_args", "device_type"),
                    "connection_args.device_type is required for " + request.driver().wire() + " (for example "
                            + DEVICE_TYPE_EXAMPLES.get(request.driver()) + ")"));
        }
        if (request.credential() != null) {
            problems.addAll(credentialProblems(request.credential()));
        }
        String refusal = request.webhook() == null ? null : request.webhook().hostRefusal(webhookHosts);
        if (refusal != null) {
            problems.add(new FieldProblem(List.of("body", "webhook", "url"), refusal));
        }
        if (Boolean.TRUE.equals(request.detach()) && !DriverName.PARAMIKO.equals(request.driver())) {
            problems.add(new FieldProblem(List.of("body", "detach"),
                    "Detached mode is currently only supported by the paramiko driver"));
        }
        return problems;
    }

    /** {@code file_transfer} checked as the executor will read it, and an upload must have something to send. */
    private static List<FieldProblem> fileTransferProblems(ExecutionRequest request, boolean withFile) {
        if (request.fileTransfer() == null) {
            return !withFile ? List.of() : List.of(new FieldProblem(List.of("form", "file"), "a 'file' is sent to "
                    + "the device by a file_transfer upload; add \"file_transfer\": {\"operation\": \"upload\", "
                    + "\"remote_path\": \"...\"} to the request, or remove the file"));
        }
        if (!DriverName.NETMIKO.equals(request.driver()) && !DriverName.PARAMIKO.equals(request.driver())) {
            return List.of(new FieldProblem(List.of("body", "file_transfer"), "File transfer is currently not "
                    + "supported by the " + request.driver().wire() + " driver"));
        }
        FileTransfer transfer;
        try {
            transfer = FileTransfer.parse(request.fileTransfer());
        } catch (FileTransfer.Invalid e) {
            List<Object> loc = new ArrayList<>(List.of("body", "file_transfer"));
            if (!e.key().isEmpty()) {
                loc.add(e.key());
            }
            return List.of(new FieldProblem(loc, e.getMessage()));
        }
        if (transfer.operation() == FileTransfer.Operation.UPLOAD && !withFile && transfer.localPath() == null) {
            return List.of(new FieldProblem(List.of("body", "file_transfer", "local_path"), "an upload needs a "
                    + "file: send the request as multipart/form-data with the file in the 'file' field, or give "
                    + "file_transfer.local_path (a file in the executors' upload directory)"));
        }
        if (withFile && transfer.operation() != FileTransfer.Operation.UPLOAD) {
            return List.of(new FieldProblem(List.of("form", "file"), "a 'file' is only sent with "
                    + "file_transfer.operation \"upload\"; remove the file or change the operation"));
        }
        return List.of();
    }

    /** The {@code credential} object's shape and provider name; the secret itself is read by the executor. */
    public List<FieldProblem> credentialProblems(Map<String, Object> credential) {
        CredentialRef ref;
        try {
            ref = CredentialRef.from(credential);
        } catch (CredentialRef.InvalidException e) {
            return List.of(new FieldProblem(List.of("body", "credential", e.field()), e.getMessage()));
        }
        if (ref.name() != null && !plugins.credentialProviders().contains(ref.name())) {
            return List.of(new FieldProblem(List.of("body", "credential", "name"), "credential provider '"
                    + ref.name() + "' does not exist; the providers are: "
                    + String.join(", ", plugins.credentialProviders())));
        }
        return List.of();
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
