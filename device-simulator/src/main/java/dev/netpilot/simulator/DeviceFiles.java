package dev.netpilot.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;

/**
 * The files of the simulated devices, as their SFTP servers see them: one directory per device under a temporary
 * directory of the simulator, each the {@code /} of its device (with {@code /tmp} and the user's home), deleted
 * when the simulator stops. The CLI personalities keep their own in-memory state and do not see these files.
 */
final class DeviceFiles extends VirtualFileSystemFactory {

    private final Path base;
    private final String username;

    private DeviceFiles(Path base, String username) {
        super(base);
        this.base = base;
        this.username = username;
    }

    static DeviceFiles create(SimulatorConfig config) throws IOException {
        return new DeviceFiles(Files.createTempDirectory("netpilot-sim-files-"), config.username());
    }

    /** The {@code /} of a device, created with {@code /tmp} and {@code /home/<user>} on first use. */
    Path root(SimulatedDevice device) {
        Path root = base.resolve(device.hostname() + "-" + device.port());
        try {
            Files.createDirectories(root.resolve("tmp"));
            Files.createDirectories(root.resolve("home").resolve(username));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the files of " + device, e);
        }
        return root;
    }

    @Override
    public Path getUserHomeDir(SessionContext session) throws IOException {
        SimulatedDevice device = session.getAttribute(DeviceSimulator.DEVICE);
        if (device == null) {
            throw new IOException("no device for this session");
        }
        return root(device);
    }

    void delete() {
        try (Stream<Path> walk = Files.walk(base)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
