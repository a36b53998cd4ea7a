package dev.netpilot.plugin;

/** The built-in greeter, found on the class path like any plugin. */
public class BuiltInGreeter implements Greeter {
    @Override
    public String name() {
        return "builtin";
    }

    @Override
    public String greet(String who) {
        return "hi " + who;
    }
}
