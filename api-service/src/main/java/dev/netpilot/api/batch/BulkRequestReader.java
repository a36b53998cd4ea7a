package dev.netpilot.api.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netpilot.api.error.ErrorBody.FieldProblem;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.api.job.RequestReader;
import dev.netpilot.job.ExecutionRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands the body of {@code POST /device/bulk} (NetPulse's {@code BulkExecutionRequest}) into one request per
 * device, and validates EVERY expanded request (NetPulse checks only the first). A device entry holds connection
 * arguments that override the base {@code connection_args} (in a copy per device), plus at most one of
 * {@code command}, {@code config} and {@code file_transfer}, which then replaces the base payload, and its own
 * {@code credential}, which replaces the base one. Any other key
 * (an inventory field such as {@code site}) is refused, so nothing that is not a connection argument reaches the
 * driver. When any device is invalid nothing is queued: the 422 lists every problem, by device index.
 */
@ApplicationScoped
public class BulkRequestReader {

    /** NetPulse's default queue ttl for bulk requests (seconds). */
    public static final int BULK_DEFAULT_TTL = 600;

    static final List<String> PAYLOAD_KEYS = List.of("command", "config", "file_transfer");
    /** A device's own secret reference, replacing the base {@code credential}. */
    static final String CREDENTIAL_KEY = "credential";

    /** The connection arguments a device entry may override: those of netmiko, paramiko, napalm and pyeapi. */
    static final Set<String> CONNECTION_KEYS = Set.of(
            "host", "ip", "port", "device_type", "username", "password", "secret",
            "conn_timeout", "auth_timeout", "banner_timeout", "blocking_timeout", "timeout", "session_timeout",
            "read_timeout_override", "keepalive", "global_delay_factor", "fast_cli", "global_cmd_verify",
            "use_keys", "key_file", "key_filename", "pkey", "passphrase", "allow_agent", "look_for_keys",
            "ssh_strict", "system_host_keys", "alt_host_keys", "alt_key_file", "ssh_config_file",
            "host_key_policy", "compress", "algorithms", "disabled_algorithms", "encoding", "default_enter", "response_return",
            "proxy_host", "proxy_port", "proxy_username", "proxy_password", "proxy_key_filename", "proxy_pkey",
            "proxy_passphrase", "transport", "optional_args");

    private final RequestReader reader;

    public BulkRequestReader(RequestReader reader) {
        this.reader = reader;
    }

    /**
     * The body as received (parsed), its queue ttl (the idempotency key lives as long) and its expansion: one valid
     * request per device, in device order.
     */
    public record Bulk(JsonNode body, int ttl, List<ExecutionRequest> requests) {
    }

    public Bulk read(String text) {
        JsonNode body = reader.parse(text);
        if (!body.isObject()) {
            throw InvalidRequestException.of("body", "the body must be a JSON object");
        }
        JsonNode devices = body.get("devices");
        if (devices == null || devices.isNull()) {
            throw InvalidRequestException.of("devices", "`devices` is required: a list with one object per device "
                    + "(it may be empty)");
        }
        if (!devices.isArray()) {
            throw InvalidRequestException.of("devices", "must be a list of objects, one per device");
        }
        ObjectNode base = ((ObjectNode) body).deepCopy();
        base.remove("devices");
        if (base.path("ttl").isMissingNode() || base.path("ttl").isNull()) {
            base.put("ttl", BULK_DEFAULT_TTL);
        }
        JsonNode connection = base.get("connection_args");
        if (connection != null && !connection.isNull() && !connection.isObject()) {
            throw InvalidRequestException.of("connection_args", "must be an object");
        }
        ObjectNode baseConnection = connection == null || connection.isNull()
                ? base.objectNode() : (ObjectNode) connection;

        Set<FieldProblem> problems = new LinkedHashSet<>();
        List<ExecutionRequest> requests = new ArrayList<>(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            JsonNode device = devices.get(i);
            if (!device.isObject()) {
                problems.add(new FieldProblem(List.of("body", "devices", i), "must be an object with the device's "
                        + "connection arguments (host, ...)"));
                continue;
            }
            List<FieldProblem> deviceProblems = entryProblems(i, device, baseConnection);
            if (!deviceProblems.isEmpty()) {
                problems.addAll(deviceProblems);
                continue;
            }
            try {
                requests.add(reader.read(expand(base, baseConnection, device)));
            } catch (InvalidRequestException e) {
                for (FieldProblem problem : e.problems()) {
                    problems.add(relocate(problem, i, device));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(List.copyOf(problems));
        }
        int ttl = base.get("ttl").canConvertToInt() ? base.get("ttl").asInt() : BULK_DEFAULT_TTL;
        return new Bulk(body, Math.max(1, Math.min(ttl, 86400)), requests);
    }

    private static List<FieldProblem> entryProblems(int index, JsonNode device, ObjectNode baseConnection) {
        List<FieldProblem> problems = new ArrayList<>();
        List<String> payloads = PAYLOAD_KEYS.stream()
                .filter(key -> device.hasNonNull(key)).toList();
        if (payloads.size() > 1) {
            problems.add(new FieldProblem(List.of("body", "devices", index), "Device " + label(index, device,
                    baseConnection) + ": cannot specify more than one of 'command', 'config', or 'file_transfer'"));
        }
        for (Iterator<String> names = device.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CONNECTION_KEYS.contains(name) && !PAYLOAD_KEYS.contains(name) && !CREDENTIAL_KEY.equals(name)) {
                problems.add(new FieldProblem(List.of("body", "devices", index, name), "'" + name + "' is not a "
                        + "connection argument; a device entry holds connection arguments (host, port, device_type, "
                        + "username, password, secret, ...) and at most one of command, config, file_transfer. "
                        + "Keep inventory fields out of the request"));
            }
        }
        return problems;
    }

    private static ObjectNode expand(ObjectNode base, ObjectNode baseConnection, JsonNode device) {
        ObjectNode expanded = base.deepCopy();
        ObjectNode connection = baseConnection.deepCopy();
        String payload = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = device.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                continue;
            }
            if (PAYLOAD_KEYS.contains(field.getKey())) {
                payload = field.getKey();
            } else if (CREDENTIAL_KEY.equals(field.getKey())) {
                expanded.set(CREDENTIAL_KEY, field.getValue().deepCopy());
            } else {
                connection.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        expanded.set("connection_args", connection);
        if (payload != null) {
            PAYLOAD_KEYS.forEach(expanded::remove);
            expanded.set(payload, device.get(payload).deepCopy());
        }
        return expanded;
    }

    /**
     * A problem of one expanded request, placed where the client can fix it: connection arguments and a device's
     * own payload under {@code devices[i]}; anything else at its place in the base (reported once).
     */
    private static FieldProblem relocate(FieldProblem problem, int index, JsonNode device) {
        List<Object> loc = problem.loc();
        if (loc.size() < 2) {
            return problem;
        }
        Object field = loc.get(1);
        boolean devicePayload = PAYLOAD_KEYS.contains(field) && PAYLOAD_KEYS.stream().anyMatch(device::hasNonNull)
                || CREDENTIAL_KEY.equals(field) && device.hasNonNull(CREDENTIAL_KEY);
        if (!"connection_args".equals(field) && !devicePayload) {
            return problem;
        }
        List<Object> relocated = new ArrayList<>(List.of("body", "devices", index));
        relocated.addAll(loc.subList(devicePayload ? 1 : 2, loc.size()));
        String message = relocated.equals(List.of("body", "devices", index, "host"))
                ? "'host' is required for each device" : problem.msg();
        return new FieldProblem(relocated, message);
    }

    private static String label(int index, JsonNode device, ObjectNode baseConnection) {
        JsonNode host = device.hasNonNull("host") ? device.get("host") : baseConnection.get("host");
        return host == null || host.isNull() ? "#" + index : host.asText();
    }
}
