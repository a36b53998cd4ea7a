package dev.netpilot.local;

import dev.netpilot.simulator.SimulatedDevice;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run.sh [--demo] [--devices N] [--base-port P]}: runs the product on this machine until Ctrl-C.
 * Environment: {@code NP_REDIS_URL} (use that Redis instead of an embedded one), {@code NP_API_KEY},
 * {@code NP_API_PORT} (9000), {@code NP_EXECUTOR_PORT} (9100).
 */
public final class LocalRun {

    private static final String USAGE = """
            usage: ./run.sh [--demo] [--devices N] [--base-port P] [--platform NAME[,NAME...]]
              --demo         also start simulated devices (login admin/admin, enable secret 'secret')
              --devices N    how many simulated devices in demo mode (default 10)
              --base-port P  port of the first simulated device (default 10022)
              --platform P   the simulated platform (default cisco_ios); several, comma-separated, are cycled
                             over the devices: cisco_ios, cisco_nxos, cisco_xr, arista_eos, juniper_junos,
                             huawei, huawei_vrpv8, hp_comware, linux
            environment: NP_REDIS_URL, NP_API_KEY, NP_API_PORT (9000), NP_EXECUTOR_PORT (9100)""";

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        boolean demo = false;
        int devices = 10;
        int basePort = 10022;
        String platform = "cisco_ios";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--devices" -> devices = intArg(args, ++i, "--devices");
                case "--base-port" -> basePort = intArg(args, ++i, "--base-port");
                case "--platform" -> platform = stringArg(args, ++i, "--platform");
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown option " + args[i]);
            }
        }
        String apiKey = env("NP_API_KEY", "np-local-key");
        LocalStack.Options options = new LocalStack.Options(LocalStack.home(), System.getenv("NP_REDIS_URL"), 6379,
                Integer.parseInt(env("NP_API_PORT", "9000")), Integer.parseInt(env("NP_EXECUTOR_PORT", "9100")),
                apiKey, demo ? devices : 0, basePort, platform, 1, Map.of(), System.out);
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (RuntimeException e) {
            System.err.println("NetPilot did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping NetPilot...");
            stack.close();
            stopped.countDown();
        }));
        printSummary(stack, apiKey, platform);
        stopped.await();
    }

    private static void printSummary(LocalStack stack, String apiKey, String platforms) {
        System.out.println();
        System.out.println("NetPilot is running (Ctrl-C stops everything):");
        System.out.println("  API        " + stack.apiUrl() + "   (API key: " + apiKey + ", header X-API-KEY)");
        System.out.println("  OpenAPI    " + stack.apiUrl() + "/q/swagger-ui");
        System.out.println("  Redis      " + stack.redisUrl());
        if (stack.simulator() != null) {
            SimulatedDevice first = stack.simulator().device(0);
            int count = stack.simulator().devices().size();
            SimulatedDevice last = stack.simulator().device(count - 1);
            System.out.println("  Simulator  " + count + " devices (" + platforms + ") on 127.0.0.1:" + first.port() + "-"
                    + last.port() + " (username admin, password admin, enable secret 'secret')");
            stack.simulator().devices().stream().filter(d -> d.eapiUrl() != null).findFirst().ifPresent(eos ->
                    System.out.println("  eAPI       arista_eos devices also answer pyeapi jobs, e.g. " + eos.hostname()
                            + " at " + eos.eapiUrl() + " (self-signed certificate: tls_verify false)"));
            System.out.println();
            System.out.println("Try it:");
            System.out.println("  curl -s -X POST " + stack.apiUrl() + "/device/exec -H 'X-API-KEY: " + apiKey + "' \\");
            System.out.println("       -H 'Content-Type: application/json' -d '{\"driver\": \"netmiko\", "
                    + "\"connection_args\": {\"device_type\": \"" + first.platform() + "\", \"host\": \"127.0.0.1\", \"port\": "
                    + first.port() + ", \"username\": \"admin\", \"password\": \"admin\"}, \"command\": \"show version\"}'");
            System.out.println("  curl -s '" + stack.apiUrl() + "/jobs/<id>?wait=10' -H 'X-API-KEY: " + apiKey + "'");
        }
        System.out.println();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String stringArg(String[] args, int index, String option) {
        if (index >= args.length) {
            fail(option + " needs a value");
        }
        return args[index];
    }

    private static int intArg(String[] args, int index, String option) {
        if (index >= args.length) {
            fail(option + " needs a number");
        }
        try {
            return Integer.parseInt(args[index]);
        } catch (NumberFormatException e) {
            fail(option + " needs a number, got '" + args[index] + "'");
            return 0;
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
