package dev.netpilot.api.devicetest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netpilot.api.ApiConfig;
import dev.netpilot.api.error.ErrorBody.FieldProblem;
import dev.netpilot.api.error.InvalidRequestException;
import dev.netpilot.api.job.RequestReader;
import dev.netpilot.api.plugin.PluginNames;
import dev.netpilot.job.DeviceTest;
import dev.netpilot.job.DriverName;
import dev.netpilot.job.JobJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of {@code POST /device/test} ({@code driver}, {@code connection_args}, and our {@code timeout}),
 * or fails with a 422 naming each bad field. Other fields are ignored, as NetPulse does.
 */
@ApplicationScoped
public class DeviceTestReader {

    private final RequestReader json;
    private final ApiConfig config;
    private final PluginNames plugins;

    public DeviceTestReader(RequestReader json, ApiConfig config, PluginNames plugins) {
        this.json = json;
        this.config = config;
        this.plugins = plugins;
    }

    public DeviceTest.Request read(String body) {
        JsonNode tree = json.parse(body);
        if (!tree.isObject()) {
            throw InvalidRequestException.of("body", "the body must be a JSON object");
        }
        List<FieldProblem> problems = new ArrayList<>();
        DriverName driver = driver(tree.get("driver"), problems);
        Map<String, Object> args = connectionArgs(tree.get("connection_args"), driver, problems);
        Map<String, Object> credential = credential(tree.get("credential"), problems);
        double timeout = timeout(tree.get("timeout"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new DeviceTest.Request(driver, args, credential, timeout);
    }

    /** The {@code credential} object, checked as on jobs; null when absent. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> credential(JsonNode node, List<FieldProblem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new FieldProblem(List.of("body", "credential"), "must be an object such as "
                    + "{\"name\": \"vault\", \"ref\": \"netpilot/core1\"}"));
            return null;
        }
        Map<String, Object> credential = JobJson.mapper().convertValue(node, Map.class);
        problems.addAll(json.credentialProblems(credential));
        return credential;
    }

    private DriverName driver(JsonNode node, List<FieldProblem> problems) {
        String names = String.join(", ", plugins.drivers());
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem(List.of("body", "driver"), "'driver' is required: one of " + names));
            return null;
        }
        String name = node.isTextual() ? node.asText() : node.toString();
        if (!plugins.drivers().contains(name)) {
            problems.add(new FieldProblem(List.of("body", "driver"), "driver '" + name
                    + "' is not available; the drivers are: " + names));
            return null;
        }
        return DriverName.fromWire(name);
    }

    /**
     * The connection arguments; NetPulse's NAPALM {@code hostname} stands for {@code host} (NetPulse accepts it on
     * this endpoint).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> connectionArgs(JsonNode node, DriverName driver, List<FieldProblem> problems) {
        if (node == null || node.isNull()) {
            problems.add(new FieldProblem(List.of("body", "connection_args"), "'connection_args' is required"));
            return null;
        }
        if (!node.isObject()) {
            problems.add(new FieldProblem(List.of("body", "connection_args"), "must be an object"));
            return null;
        }
        Map<String, Object> args = new LinkedHashMap<>(JobJson.mapper().convertValue(node, Map.class));
        if (blank(args.get("host")) && !blank(args.get("hostname"))) {
            args.put("host", args.get("hostname"));
        }
        if (blank(args.get("host"))) {
            problems.add(new FieldProblem(List.of("body", "connection_args", "host"),
                    "'host' in connection_args is required"));
        }
        if (DriverName.NETMIKO.equals(driver) && blank(args.get("device_type"))) {
            problems.add(new FieldProblem(List.of("body", "connection_args", "device_type"),
                    "connection_args.device_type is required for netmiko (for example cisco_ios)"));
        }
        return args;
    }

    private double timeout(JsonNode node, List<FieldProblem> problems) {
        if (node == null || node.isNull()) {
            return config.deviceTestTimeout();
        }
        double seconds = node.isNumber() ? node.asDouble() : Double.NaN;
        if (!(seconds > 0) || seconds > config.maxWaitSeconds()) {
            problems.add(new FieldProblem(List.of("body", "timeout"), "must be a number of seconds above 0 and at "
                    + "most " + config.maxWaitSeconds() + ", got " + node));
        }
        return seconds;
    }

    private static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
