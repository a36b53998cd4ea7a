package dev.netpilot.simulator.ios;

import dev.netpilot.simulator.DeviceModel;
import dev.netpilot.simulator.Personality;
import dev.netpilot.simulator.SimulatorConfig;

/**
 * The {@code cisco_ios} personality: an IOSv 15.9 router as seen over SSH, written from how IOS
 * behaves (prompts, modes, abbreviations, error texts, the --More-- pager), not from any client's code.
 */
public final class CiscoIos implements Personality {

    @Override
    public String platform() {
        return "cisco_ios";
    }

    @Override
    public String sshServerVersion() {
        return "Cisco-1.25";
    }

    @Override
    public DeviceModel newDevice(int index, SimulatorConfig config) {
        return new IosDevice(index, config);
    }
}
