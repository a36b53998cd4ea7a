package dev.netpilot.plugin;

/** A plugin kind for the tests. */
public interface Greeter {
    String name();

    String greet(String who);
}
