package dev.netpilot.local;

import dev.netpilot.simulator.DeviceSimulator;
import dev.netpilot.simulator.SimulatorConfig;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole product on one box: Redis (embedded unless given), the api-service, one executor and, in demo mode,
 * the device simulator, all listening on 127.0.0.1 only. {@code ./run.sh} and the end-to-end tests start it the
 * same way.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    /**
     * @param home         the repository root (where the services' jars are built)
     * @param redisUrl     an existing Redis to use, or null to start an embedded one
     * @param redisPort    the embedded Redis port (0: any free port)
     * @param apiPort      the API port (0: any free port)
     * @param executorPort the executor's health port (0: any free port)
     * @param demoDevices  simulated devices to start (0: none)
     * @param demoBasePort the first simulated device's port (0: any free ports)
     * @param demoPlatform the simulated devices' platform, or several separated by commas (cycled over devices)
     * @param executors    how many executor processes (the first gets {@code executorPort}, the others free ports)
     * @param executorSettings extra {@code -D} settings for every executor (for example {@code np.executor.capacity})
     */
    public record Options(Path home, String redisUrl, int redisPort, int apiPort, int executorPort, String apiKey,
                          int demoDevices, int demoBasePort, String demoPlatform, int executors,
                          Map<String, String> executorSettings, PrintStream out) {

        /** Cisco IOS devices and one executor with its default settings. */
        public Options(Path home, String redisUrl, int redisPort, int apiPort, int executorPort, String apiKey,
                       int demoDevices, int demoBasePort, PrintStream out) {
            this(home, redisUrl, redisPort, apiPort, executorPort, apiKey, demoDevices, demoBasePort, "cisco_ios", 1,
                    Map.of(), out);
        }
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private String redisUrl;
    private String apiUrl;
    private DeviceSimulator simulator;
    private Options options;
    private final List<ServiceProcess> executors = new ArrayList<>();
    private final List<String> executorUrls = new ArrayList<>();

    private LocalStack() {
    }

    public static LocalStack start(Options options) throws IOException {
        LocalStack stack = new LocalStack();
        try {
            stack.startAll(options);
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Options options) throws IOException {
        this.options = options;
        if (options.redisUrl() != null) {
            redisUrl = options.redisUrl();
        } else {
            int port = options.redisPort() == 0 ? freePort() : options.redisPort();
            RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
            started.add(redis::stop);
            redisUrl = "redis://127.0.0.1:" + port;
        }
        if (options.demoDevices() > 0) {
            simulator = DeviceSimulator.start(SimulatorConfig.builder().devices(options.demoDevices())
                    .basePort(options.demoBasePort()).platform(options.demoPlatform()).build());
            started.add(simulator);
        }
        int apiPort = options.apiPort() == 0 ? freePort() : options.apiPort();
        Map<String, String> api = new LinkedHashMap<>();
        api.put("quarkus.http.host", "127.0.0.1");
        api.put("quarkus.http.port", String.valueOf(apiPort));
        api.put("quarkus.redis.hosts", redisUrl);
        api.put("np.api.key", options.apiKey());
        ServiceProcess apiProcess = ServiceProcess.start("api", jar(options.home(), "api-service"), api, options.out());
        started.add(apiProcess);
        apiUrl = "http://127.0.0.1:" + apiPort;

        for (int i = 0; i < options.executors(); i++) {
            startExecutor(i == 0 && options.executorPort() != 0 ? options.executorPort() : 0);
        }
        apiProcess.awaitHealthy(apiUrl + "/q/health/ready", STARTUP);
    }

    /** Starts one more executor process and waits until it is ready; returns its index. */
    public int startExecutor(int port) throws IOException {
        int executorPort = port == 0 ? freePort() : port;
        int index = executors.size();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", String.valueOf(executorPort));
        properties.put("quarkus.redis.hosts", redisUrl);
        properties.put("np.executor.name", "executor-" + (index + 1) + "-" + executorPort);  // see executorIndex
        properties.putAll(options.executorSettings());
        ServiceProcess executor = ServiceProcess.start(index == 0 ? "executor" : "executor-" + (index + 1),
                jar(options.home(), "executor-service"), properties, options.out());
        started.add(executor);
        executors.add(executor);
        executorUrls.add("http://127.0.0.1:" + executorPort);
        executor.awaitHealthy(executorUrls.get(index) + "/q/health/ready", STARTUP);
        return index;
    }

    /** The index of the executor with this worker name ({@code executor-<index + 1>-<port>}). */
    public static int executorIndex(String workerName) {
        return Integer.parseInt(workerName.split("-")[1]) - 1;
    }

    /** Kills an executor process at once (SIGKILL): no drain, no goodbye, as a crash would. */
    public void killExecutor(int index) {
        executors.get(index).kill();
    }

    /** The base URL of an executor's HTTP port (health and metrics). */
    public String executorUrl(int index) {
        return executorUrls.get(index);
    }

    public String apiUrl() {
        return apiUrl;
    }

    public String redisUrl() {
        return redisUrl;
    }

    /** The simulator of demo mode, or null. */
    public DeviceSimulator simulator() {
        return simulator;
    }

    /** Stops everything this stack started, newest first. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not stop a component cleanly: " + e);
            }
        }
        started.clear();
    }

    /** The runnable jar of a service module, under {@code home}. */
    static Path jar(Path home, String module) {
        return home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The repository root: {@code netpilot.home}, else the nearest folder up from here that holds {@code mvnw}. */
    public static Path home() {
        String configured = System.getProperty("netpilot.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("api-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the NetPilot folder; set -Dnetpilot.home");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
