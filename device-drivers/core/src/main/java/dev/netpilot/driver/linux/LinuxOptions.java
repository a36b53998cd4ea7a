package dev.netpilot.driver.linux;

import dev.netpilot.driver.ConnectionSpec;
import dev.netpilot.driver.DriverException.InvalidArgumentException;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code paramiko} driver's {@code driver_args}, read once by {@link #from}. Unlike NetPulse, one record serves
 * commands and config alike, so {@code sudo} and {@code working_directory} apply to both (NetPulse dropped sudo on
 * config and the working directory on plain commands). Keys of other drivers are ignored.
 *
 * @param timeout          how long each command may run before its channel is closed, or null for no limit of its own
 *                         (the job's {@code execution_timeout} still applies)
 * @param getPty           run the commands on a pseudo-terminal (stderr then arrives merged into stdout)
 * @param environment      variables exported before each command, in order
 * @param workingDirectory where each command, script and detached task runs, or null for the login directory
 * @param scriptContent    a script fed on stdin to {@code scriptInterpreter}, or null
 * @param scriptInterpreter the program that reads the script ({@code bash} unless given)
 * @param expectMap        text a command may print (a prompt) and the line to answer it with, each answered once
 * @param sudo             run through {@code sudo -S}
 * @param sudoPassword     the password written to sudo on stdin, or null for the login password
 * @param stopOnError      config: stop at the first line that exits non-zero
 * @param listActiveDetachedTasks list the detached tasks running on the host instead of running commands
 * @param readDetachedTask the detached task whose log to read, or null
 * @param readOffset       where to start reading that log (bytes)
 * @param killDetachedTask the detached task to stop and forget, or null
 */
public record LinuxOptions(Duration timeout, boolean getPty, Map<String, String> environment, String workingDirectory,
                           String scriptContent, String scriptInterpreter, Map<String, String> expectMap, boolean sudo,
                           String sudoPassword, boolean stopOnError, boolean listActiveDetachedTasks,
                           String readDetachedTask, long readOffset, String killDetachedTask) {

    public static final String DEFAULT_INTERPRETER = "bash";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** NetPulse's task id form: the first 12 characters of a UUID. */
    static final Pattern TASK_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{3}");

    public LinuxOptions {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        expectMap = Collections.unmodifiableMap(new LinkedHashMap<>(expectMap));
    }

    /** Nothing set: a plain command with the login's environment. */
    public static LinuxOptions defaults() {
        return from(Map.of());
    }

    /**
     * Reads the paramiko keys of {@code driver_args}.
     *
     * @throws InvalidArgumentException naming the key and what to fix
     */
    public static LinuxOptions from(Map<String, Object> args) {
        Map<String, Object> read = args == null ? Map.of() : args;
        Object logs = read.get("read_detached_task_logs");
        String readTask = null;
        long offset = 0;
        if (logs instanceof Map<?, ?> query) {
            readTask = taskId("read_detached_task_logs.task_id", query.get("task_id"));
            offset = offset(query.get("offset"));
        } else if (logs != null) {
            throw new InvalidArgumentException("driver_args.read_detached_task_logs must be an object "
                    + "{\"task_id\": \"<id>\", \"offset\": <bytes>}, got '" + logs + "'");
        }
        Object kill = read.get("kill_detached_task");
        String interpreter = string(read, "script_interpreter");
        if (interpreter != null && (interpreter.isBlank() || interpreter.contains("\n"))) {
            throw new InvalidArgumentException("driver_args.script_interpreter must name a program such as bash, sh "
                    + "or python3, got '" + interpreter + "'");
        }
        String script = string(read, "script_content");
        String directory = string(read, "working_directory");
        if (directory != null && directory.isBlank()) {
            directory = null;
        }
        return new LinuxOptions(ConnectionSpec.seconds("driver_args.timeout", read.get("timeout"), null),
                flag(read, "get_pty", false), environment(read),
                directory, script == null || script.isEmpty() ? null : script,
                interpreter == null ? DEFAULT_INTERPRETER : interpreter.strip(), expectMap(read),
                flag(read, "sudo", false), string(read, "sudo_password"), flag(read, "stop_on_error", true),
                flag(read, "list_active_detached_tasks", false), readTask, offset,
                kill == null ? null : taskId("kill_detached_task", kill));
    }

    /** Whether the job asks for the management of detached tasks rather than for commands. */
    public boolean managesDetachedTasks() {
        return listActiveDetachedTasks || readDetachedTask != null || killDetachedTask != null;
    }

    @Override
    public String toString() { // never shows the sudo password
        return "LinuxOptions[timeout=" + timeout + ", get_pty=" + getPty + ", environment=" + environment.keySet()
                + ", working_directory=" + workingDirectory + ", script=" + (scriptContent != null) + ", sudo=" + sudo
                + "]";
    }

    private static boolean flag(Map<String, Object> args, String key, boolean fallback) {
        Object value = args.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new InvalidArgumentException("driver_args." + key + " must be true or false, got '" + value + "'");
    }

    private static String string(Map<String, Object> args, String key) {
        Object value = args.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InvalidArgumentException("driver_args." + key + " must be a string"
                + (key.equals("sudo_password") ? "" : ", got '" + value + "'")); // a password is never shown
    }

    private static Map<String, String> environment(Map<String, Object> args) {
        Object value = args.get("environment");
        Map<String, String> environment = new LinkedHashMap<>();
        if (value == null) {
            return environment;
        }
        if (!(value instanceof Map<?, ?> entries)) {
            throw new InvalidArgumentException("driver_args.environment must be an object of variable name to value, "
                    + "e.g. {\"LANG\": \"C\"}, got '" + value + "'");
        }
        entries.forEach((name, text) -> {
            if (!ENV_NAME.matcher(String.valueOf(name)).matches()) {
                throw new InvalidArgumentException("driver_args.environment: '" + name + "' is not a variable name "
                        + "(letters, digits and _, not starting with a digit)");
            }
            environment.put(name.toString(), text == null ? "" : text.toString());
        });
        return environment;
    }

    private static Map<String, String> expectMap(Map<String, Object> args) {
        Object value = args.get("expect_map");
        Map<String, String> answers = new LinkedHashMap<>();
        if (value == null) {
            return answers;
        }
        if (!(value instanceof Map<?, ?> entries)) {
            throw new InvalidArgumentException("driver_args.expect_map must be an object of prompt text to answer, "
                    + "e.g. {\"Continue? [y/N]\": \"y\"}, got '" + value + "'");
        }
        entries.forEach((prompt, answer) -> {
            if (prompt == null || prompt.toString().isEmpty()) {
                throw new InvalidArgumentException("driver_args.expect_map: a prompt must not be empty");
            }
            answers.put(prompt.toString(), answer == null ? "" : answer.toString());
        });
        return answers;
    }

    private static String taskId(String key, Object value) {
        if (value == null || !TASK_ID.matcher(value.toString()).matches()) {
            throw new InvalidArgumentException("driver_args." + key + " must be a detached task id such as "
                    + "3f2a9c1e-7b4, got '" + value + "'");
        }
        return value.toString();
    }

    private static long offset(Object value) {
        if (value == null) {
            return 0;
        }
        try {
            long offset = value instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue()
                    : Long.parseLong(value.toString().trim());
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("driver_args.read_detached_task_logs.offset must be a whole number of "
                    + "bytes, 0 or more, got '" + value + "'");
        }
    }
}
