package dev.netpilot.driver;

import dev.netpilot.driver.DriverException.InvalidArgumentException;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The drivers found on the class path through {@link ServiceLoader}, by wire name. */
public final class DeviceDrivers {

    private final Map<String, DeviceDriver> byName = new TreeMap<>();

    public DeviceDrivers() {
        for (DeviceDriver driver : ServiceLoader.load(DeviceDriver.class)) {
            byName.put(driver.name(), driver);
        }
    }

    public DeviceDriver byName(String name) {
        DeviceDriver driver = byName.get(name);
        if (driver == null) {
            throw new InvalidArgumentException("driver '" + name + "' is not available on this executor; available: "
                    + byName.keySet());
        }
        return driver;
    }
}
