package dev.netpilot.simulator;

import dev.netpilot.simulator.ios.CiscoIos;
import dev.netpilot.simulator.vendor.CiscoStyle;
import dev.netpilot.simulator.vendor.Junos;
import dev.netpilot.simulator.vendor.Linux;
import dev.netpilot.simulator.vendor.Vrp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The known personalities by platform name; adding a vendor is adding its entry here. */
final class Personalities {

    private static final Map<String, Personality> ALL = new TreeMap<>();

    static {
        for (Personality p : List.of(new CiscoIos(), CiscoStyle.nxos(), CiscoStyle.xr(), CiscoStyle.eos(), new Junos(),
                Vrp.huawei(), Vrp.vrpv8(), Vrp.comware(), new Linux())) {
            ALL.put(p.platform(), p);
        }
    }

    private Personalities() {
    }

    /** @throws IllegalArgumentException listing the supported platforms when {@code platform} is not one */
    static Personality of(String platform) {
        Personality p = ALL.get(platform);
        if (p == null) {
            throw new IllegalArgumentException(
                    "unknown platform '" + platform + "', supported: " + String.join(", ", ALL.keySet()));
        }
        return p;
    }
}
