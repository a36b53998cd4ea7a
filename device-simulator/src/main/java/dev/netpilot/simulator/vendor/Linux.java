package dev.netpilot.simulator.vendor;

import dev.netpilot.simulator.CliSession;
import dev.netpilot.simulator.DeviceModel;
import dev.netpilot.simulator.Pager;
import dev.netpilot.simulator.Personality;
import dev.netpilot.simulator.SessionContext;
import dev.netpilot.simulator.SimulatorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A Debian 12 server's bash over SSH: {@code user@host:~$} and {@code root@host:/home/user#} prompts with the
 * bracketed-paste toggles a real bash sends, {@code sudo -s} asking for the user's password, exit codes through
 * {@code echo $?}, and a small in-memory file system ({@code /etc} needs root to write). No pager.
 */
public final class Linux implements Personality {

    /** Bash turns bracketed paste on before each prompt and off when a line is entered. */
    private static final String PASTE_ON = "\u001b[?2004h";
    private static final String PASTE_OFF = "\u001b[?2004l\r";

    @Override
    public String platform() {
        return "linux";
    }

    @Override
    public String sshServerVersion() {
        return "OpenSSH_9.2p1";
    }

    @Override
    public DeviceModel newDevice(int index, SimulatorConfig config) {
        return new Device(index, config);
    }

    static final class Device implements DeviceModel {
        final SimulatorConfig config;
        final String hostname;
        /** Path -> content; directories exist implicitly as prefixes. */
        final Map<String, String> files = new TreeMap<>();

        Device(int index, SimulatorConfig config) {
            this.config = config;
            this.hostname = config.hostname(index);
            files.put("/etc/hostname", hostname + "\n");
            files.put("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                    + "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n"
                    + "HOME_URL=\"https://www.debian.org/\"\n");
            files.put("/home/" + config.username() + "/notes.txt", "simulated server\n");
        }

        @Override
        public String hostname() {
            return hostname;
        }

        /** The files under /etc, each after a {@code ==> path <==} line, as {@code tail} prints several files. */
        @Override
        public synchronized String runningConfig() {
            return files.entrySet().stream().filter(e -> e.getKey().startsWith("/etc/"))
                    .map(e -> "==> " + e.getKey() + " <==\n" + e.getValue()).collect(Collectors.joining());
        }

        @Override
        public CliSession openSession(SessionContext context) {
            return new Session(this, context);
        }
    }

    static final class Session extends LineSession {
        private final Device device;
        private final String user;
        private final String home;
        private boolean root;
        private String cwd;
        private int status;

        Session(Device device, SessionContext context) {
            super(context, false);
            this.device = device;
            this.user = context.username();
            this.home = "/home/" + user;
            this.cwd = home;
            pageLength = 0;
        }

        @Override
        public Pager pager() {
            return Pager.CISCO; // never used: a shell does not page
        }

        @Override
        void banner() {
            out.append("Linux ").append(device.hostname).append(" 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian "
                    + "6.1.76-1 (2024-02-01) x86_64\n\nThe programs included with the Debian GNU/Linux system are "
                    + "free software.\n");
        }

        @Override
        String prompt() {
            String where = cwd.equals(home) && !root ? "~" : cwd;
            return PASTE_ON + (root ? "root" : user) + "@" + device.hostname + ":" + where + (root ? "# " : "$ ");
        }

        @Override
        void command(String line) {
            int mark = out.length();
            status = run(line);
            if (out.length() > mark || status != 0) {
                out.insert(mark, PASTE_OFF);
            }
        }

        @Override
        public String exec(String command) {
            out.setLength(0);
            status = run(command.strip());
            return out.toString();
        }

        /** Runs one command line and returns its exit code. */
        private int run(String line) {
            List<String> args = split(line.replace("$?", Integer.toString(status)).replace("$USER", root ? "root" : user)
                    .replace("$HOME", root ? "/root" : home));
            String redirect = null;
            boolean append = false;
            int arrow = args.indexOf(">") >= 0 ? args.indexOf(">") : args.indexOf(">>");
            if (arrow >= 0 && arrow + 1 < args.size()) {
                append = args.get(arrow).equals(">>");
                redirect = path(args.get(arrow + 1));
                args = args.subList(0, arrow);
            }
            if (args.isEmpty()) {
                return 0;
            }
            StringBuilder output = new StringBuilder();
            int code = switch (args.get(0)) {
                case "uname" -> {
                    output.append(args.contains("-a") ? "Linux " + device.hostname + " 6.1.0-18-amd64 #1 SMP "
                            + "PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux\n" : "Linux\n");
                    yield 0;
                }
                case "whoami" -> {
                    output.append(root ? "root" : user).append('\n');
                    yield 0;
                }
                case "id" -> {
                    output.append(root ? "uid=0(root) gid=0(root) groups=0(root)\n"
                            : "uid=1000(" + user + ") gid=1000(" + user + ") groups=1000(" + user + "),27(sudo)\n");
                    yield 0;
                }
                case "hostname" -> {
                    output.append(device.hostname).append('\n');
                    yield 0;
                }
                case "pwd" -> {
                    output.append(cwd).append('\n');
                    yield 0;
                }
                case "echo" -> {
                    output.append(String.join(" ", args.subList(1, args.size()))).append('\n');
                    yield 0;
                }
                case "true" -> 0;
                case "false" -> 1;
                case "cat" -> cat(args.subList(1, args.size()), output);
                case "ls" -> ls(args.size() > 1 ? args.get(1) : cwd, output);
                case "cd" -> cd(args.size() > 1 ? args.get(1) : home);
                case "rm" -> rm(args.subList(1, args.size()));
                case "sudo" -> sudo(args);
                case "exit", "logout" -> {
                    if (root) {
                        root = false;
                        output.append("exit\n");
                    } else {
                        out.append("logout\n");
                        hangUp = true;
                    }
                    yield 0;
                }
                default -> {
                    out.append("-bash: ").append(args.get(0)).append(": command not found\n");
                    yield 127;
                }
            };
            if (redirect == null) {
                out.append(output);
                return code;
            }
            return write(redirect, output.toString(), append) ? code : 1;
        }

        private int cat(List<String> names, StringBuilder output) {
            int code = 0;
            for (String name : names) {
                String content;
                synchronized (device) {
                    content = device.files.get(path(name));
                }
                if (content == null) {
                    out.append("cat: ").append(name).append(": No such file or directory\n");
                    code = 1;
                } else {
                    output.append(content);
                }
            }
            return code;
        }

        private int ls(String name, StringBuilder output) {
            String dir = path(name);
            String prefix = dir.endsWith("/") ? dir : dir + "/";
            List<String> entries = new ArrayList<>();
            synchronized (device) {
                for (String file : device.files.keySet()) {
                    if (file.startsWith(prefix)) {
                        String entry = file.substring(prefix.length()).split("/")[0];
                        if (!entries.contains(entry)) {
                            entries.add(entry);
                        }
                    }
                }
                if (entries.isEmpty() && !device.files.containsKey(dir)) {
                    out.append("ls: cannot access '").append(name).append("': No such file or directory\n");
                    return 2;
                }
            }
            output.append(entries.isEmpty() ? name + "\n" : String.join("  ", entries) + "\n");
            return 0;
        }

        private int cd(String name) {
            String dir = path(name);
            synchronized (device) {
                if (!dir.equals("/") && device.files.keySet().stream().noneMatch(f -> f.startsWith(dir + "/"))) {
                    out.append("-bash: cd: ").append(name).append(": No such file or directory\n");
                    return 1;
                }
            }
            cwd = dir;
            return 0;
        }

        private int rm(List<String> names) {
            int code = 0;
            for (String name : names) {
                String file = path(name);
                synchronized (device) {
                    if (!device.files.containsKey(file)) {
                        out.append("rm: cannot remove '").append(name).append("': No such file or directory\n");
                        code = 1;
                    } else if (!writable(file)) {
                        out.append("rm: cannot remove '").append(name).append("': Permission denied\n");
                        code = 1;
                    } else {
                        device.files.remove(file);
                    }
                }
            }
            return code;
        }

        /** {@code sudo -s}: a root shell after the user's password; three wrong answers give up. */
        private int sudo(List<String> args) {
            if (!args.equals(List.of("sudo", "-s"))) {
                out.append("usage: sudo -s (the only form this simulator knows)\n");
                return 1;
            }
            if (!root) {
                askPassword(1);
            }
            return 0;
        }

        private void askPassword(int attempt) {
            ask("[sudo] password for " + user + ": ", false, password -> {
                out.append(PASTE_OFF);
                if (password.equals(device.config.password())) {
                    root = true;
                } else if (attempt < 3) {
                    out.append("Sorry, try again.\n");
                    askPassword(attempt + 1);
                } else {
                    out.append("sudo: 3 incorrect password attempts\n");
                    status = 1;
                }
            });
        }

        private boolean write(String file, String text, boolean append) {
            synchronized (device) {
                if (!writable(file)) {
                    out.append("-bash: ").append(file).append(": Permission denied\n");
                    return false;
                }
                device.files.merge(file, text, (old, added) -> append ? old + added : added);
            }
            return true;
        }

        private boolean writable(String file) {
            return root || file.startsWith(home + "/") || file.startsWith("/tmp/");
        }

        private String path(String name) {
            String path = name.startsWith("/") ? name : name.equals("~") ? home
                    : name.startsWith("~/") ? home + name.substring(1) : (cwd.equals("/") ? "" : cwd) + "/" + name;
            return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }

        /** Words split on blanks, with '...' and "..." quoting. */
        private static List<String> split(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            char quote = 0;
            boolean inWord = false;
            for (char c : line.toCharArray()) {
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    inWord = true;
                } else if (Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                words.add(word.toString());
            }
            return words;
        }
    }
}
