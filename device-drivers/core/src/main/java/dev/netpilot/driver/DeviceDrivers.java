package dev.netpilot.driver;

import dev.netpilot.driver.DriverException.InvalidArgumentException;
import dev.netpilot.plugin.PluginLoader;
import dev.netpilot.plugin.Plugins;
import dev.netpilot.plugin.UnknownPluginException;

import java.util.Set;

/** The drivers by wire name: the built-ins and the plugins, all found through {@link PluginLoader}. */
public final class DeviceDrivers {

    private final Plugins<DeviceDriver> plugins;

    public DeviceDrivers(PluginLoader loader) {
        this.plugins = loader.plugins(DeviceDriver.class, "driver", DeviceDriver::name);
    }

    /** @throws InvalidArgumentException naming the drivers this process has */
    public DeviceDriver byName(String name) {
        try {
            return plugins.get(name);
        } catch (UnknownPluginException e) {
            throw new InvalidArgumentException("driver '" + name + "' is not available on this executor; available: "
                    + String.join(", ", plugins.names()));
        }
    }

    /** Every driver name, sorted. */
    public Set<String> names() {
        return plugins.names();
    }
}
