package dev.netpilot.simulator.ios;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text of IOS show commands, laid out column for column like an IOSv router prints them. */
final class IosShow {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS 'UTC' EEE MMM d yyyy", Locale.ENGLISH);
    private static final String INTERFACE_ROW = "%-26s %-15s %-3s %-6s %-21s %s\n";

    private IosShow() {
    }

    static String version(IosDevice device) {
        long gigabit = device.running.interfaces().stream().filter(i -> i.name().startsWith("GigabitEthernet")).count();
        return """
                Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.9(3)M4, RELEASE SOFTWARE (fc3)
                Technical Support: http://www.cisco.com/techsupport
                Copyright (c) 1986-2021 by Cisco Systems, Inc.
                Compiled Thu 28-Oct-21 10:33 by prod_rel_team


                ROM: Bootstrap program is IOSv

                %s uptime is %s
                System returned to ROM by reload
                System image file is "flash0:/vios-adventerprisek9-m"
                Last reload reason: Unknown reason



                This product contains cryptographic features and is subject to United
                States and local country laws governing import, export, transfer and
                use. Delivery of Cisco cryptographic products does not imply
                third-party authority to import, export, distribute or use encryption.
                Importers, exporters, distributors and users are responsible for
                compliance with U.S. and local country laws. By using this product you
                agree to comply with applicable laws and regulations. If you are unable
                to comply with U.S. and local laws, return this product immediately.

                A summary of U.S. laws governing Cisco cryptographic products may be found at:
                http://www.cisco.com/wwl/export/crypto/tool/stqrg.html

                If you require further assistance please contact us by sending email to
                export@cisco.com.

                Cisco IOSv (revision 1.0) with 460137K/62464K bytes of memory.
                Processor board ID %s
                %d Gigabit Ethernet interfaces
                DRAM configuration is 72 bits wide with parity disabled.
                256K bytes of non-volatile configuration memory.
                2097152K bytes of ATA System CompactFlash 0 (Read/Write)
                0K bytes of ATA CompactFlash 1 (Read/Write)
                0K bytes of ATA CompactFlash 2 (Read/Write)
                0K bytes of ATA CompactFlash 3 (Read/Write)



                Configuration register is 0x2102

                """.formatted(device.hostname(), uptime(Duration.between(device.bootTime, Instant.now())),
                device.serialNumber, gigabit);
    }

    /** "1 week, 3 days, 16 hours, 11 minutes": units that are not zero, and always the minutes. */
    static String uptime(Duration up) {
        long minutes = up.toMinutes();
        long[] amounts = {minutes / 525_600, minutes / 10_080 % 52, minutes / 1_440 % 7, minutes / 60 % 24};
        String[] units = {"year", "week", "day", "hour"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0) {
                parts.add(plural(amounts[i], units[i]));
            }
        }
        parts.add(plural(minutes % 60, "minute"));
        return String.join(", ", parts);
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** The leading '*' says the clock is not NTP-synchronised, as on a lab router. */
    static String clock() {
        return "*" + CLOCK.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\n";
    }

    static String ipInterfaceBrief(IosDevice device) {
        StringBuilder b = new StringBuilder(String.format(INTERFACE_ROW,
                "Interface", "IP-Address", "OK?", "Method", "Status", "Protocol"));
        for (RunningConfig.Interface i : device.running.interfaces()) {
            b.append(String.format(INTERFACE_ROW, i.name(), i.address(), "YES", i.edited() ? "manual" : "NVRAM",
                    i.shutdown() ? "administratively down" : "up", i.shutdown() ? "down" : "up"));
        }
        return b.toString();
    }

    /** Line numbers as on IOSv: con 0 is line 0, aux 0 line 1, vty n line n+2; '*' marks the asking session. */
    static String users(IosDevice device, IosSession asking) {
        StringBuilder b = new StringBuilder("    Line       User       Host(s)              Idle       Location\n");
        long now = System.currentTimeMillis();
        for (IosSession s : device.sessions()) {
            long idle = s == asking ? 0 : (now - s.lastInputMillis) / 1000;
            b.append(String.format("%s%3d %-9s %-10s %-20s %-10s %s\n", s == asking ? "*" : " ", s.vty + 2,
                    "vty " + s.vty, s.context.username(), "idle",
                    String.format("%02d:%02d:%02d", idle / 3600, idle / 60 % 60, idle % 60), s.context.peer()));
        }
        return b.append("\n  Interface    User               Mode         Idle     Peer Address\n\n").toString();
    }
}
