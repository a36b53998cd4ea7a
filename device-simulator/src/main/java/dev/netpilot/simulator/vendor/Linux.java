package dev.netpilot.simulator.vendor;

import dev.netpilot.simulator.CliSession;
import dev.netpilot.simulator.DeviceModel;
import dev.netpilot.simulator.ExecProcess;
import dev.netpilot.simulator.Pager;
import dev.netpilot.simulator.Personality;
import dev.netpilot.simulator.SessionContext;
import dev.netpilot.simulator.SimulatorConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A Debian 12 server's bash over SSH: {@code user@host:~$} and {@code root@host:/home/user#} prompts with the
 * bracketed-paste toggles a real bash sends, {@code sudo -s} asking for the user's password, exit codes through
 * {@code echo $?}, and a small in-memory file system ({@code /etc} needs root to write). No pager. Exec requests get
 * real exit codes, stderr apart from stdout, and stdin ({@code sudo -S}, {@code read}, scripts on stdin).
 */
public final class Linux implements Personality {

    /** Bash turns bracketed paste on before each prompt and off when a line is entered. */
    private static final String PASTE_ON = "\u001b[?2004h";
    private static final String PASTE_OFF = "\u001b[?2004l\r";
    private static final java.util.regex.Pattern PYTHON_PRINT =
            java.util.regex.Pattern.compile("print\\((['\"])(.*)\\1\\)");
    private static final java.util.regex.Pattern PYTHON_EXIT =
            java.util.regex.Pattern.compile("(?:sys\\.)?exit\\((\\d+)\\)|raise SystemExit\\((\\d+)\\)");

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

    /**
     * One login's bash. An interactive shell reads lines from the tty; an exec request runs its command line as
     * {@code bash -c} does: steps joined by {@code ;}, {@code &&}, {@code ||} and newlines, with {@code $VAR}
     * expansion, redirections, stdin for {@code sudo -S}, {@code read} and scripts fed to {@code bash}, {@code sh}
     * or {@code python3}, stdout and stderr apart, and the exit code of the last step.
     */
    static final class Session extends LineSession {
        private final Device device;
        private final String user;
        private final String home;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean root;
        private String cwd;
        private int status;
        /** The running exec request, or null in an interactive shell. */
        private Exec exec;

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
            Io io = new Io(new StringBuilder(), new StringBuilder());
            runSteps(steps(line), io);
            out.append(io.err()).append(io.out()); // a tty shows both as they come
            if (out.length() > mark || status != 0) {
                out.insert(mark, PASTE_OFF);
            }
        }

        @Override
        public String exec(String command) {
            out.setLength(0);
            Io io = new Io(new StringBuilder(), new StringBuilder());
            runSteps(steps(command), io);
            return out.append(io.out()).append(io.err()).toString();
        }

        @Override
        public ExecProcess execProcess(String command, boolean pty) {
            exec = new Exec(steps(command), pty);
            return exec;
        }

        /** Where one step prints: its stdout and stderr. */
        private record Io(StringBuilder out, StringBuilder err) {
        }

        /** A piece of a command line and how it joins the previous one ({@code ;}, {@code &&} or {@code ||}). */
        private record Step(String joiner, String text) {
        }

        /** What a step needs from stdin before it can run, and the prompt it shows while waiting. */
        private record Need(int lines, boolean all, String prompt) {
            static final Need NOTHING = new Need(0, false, null);

            Need plus(Need other) {
                return new Need(lines + other.lines, all || other.all, prompt != null ? prompt : other.prompt);
            }
        }

        /** The process of an exec request: runs its steps, waiting for input where a step needs it. */
        private final class Exec implements ExecProcess {
            private final List<Step> steps;
            private final boolean pty;
            private final StringBuilder input = new StringBuilder();
            private final Io io = new Io(new StringBuilder(), new StringBuilder());
            private boolean endOfInput;
            private boolean prompted;
            private boolean exited;
            private int next;

            Exec(List<Step> steps, boolean pty) {
                this.steps = steps;
                this.pty = pty;
            }

            @Override
            public Output start() {
                return advance();
            }

            @Override
            public Output input(String text) {
                input.append(text);
                if (pty) {
                    io.out().append(text); // a terminal echoes what is typed
                }
                return advance();
            }

            @Override
            public Output endOfInput() {
                endOfInput = true;
                return advance();
            }

            private Output advance() {
                while (next < steps.size() && !exited) {
                    Step step = steps.get(next);
                    if (skipped(step)) {
                        next++;
                        continue;
                    }
                    Need need = need(shellWords(step.text()));
                    if (!endOfInput && (need.all() || completeLines() < need.lines())) {
                        if (!prompted && need.prompt() != null) {
                            io.err().append(need.prompt());
                            prompted = true;
                        }
                        return drain(null);
                    }
                    prompted = false;
                    next++;
                    runStep(step, io);
                }
                return drain(status);
            }

            private Output drain(Integer exitCode) {
                Output output = new Output(io.out().toString(), io.err().toString(), exitCode);
                io.out().setLength(0);
                io.err().setLength(0);
                return output;
            }

            private int completeLines() {
                int lines = 0;
                for (int i = 0; i < input.length(); i++) {
                    if (input.charAt(i) == '\n') {
                        lines++;
                    }
                }
                return lines;
            }

            /** The next input line without its end, or null when there is none (and none will come). */
            String takeLine() {
                int end = input.indexOf("\n");
                if (end < 0 && input.isEmpty()) {
                    return null;
                }
                String line = end < 0 ? input.toString() : input.substring(0, end);
                input.delete(0, end < 0 ? input.length() : end + 1);
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            }

            String takeAll() {
                String all = input.toString();
                input.setLength(0);
                return all;
            }
        }

        /** What a command needs from stdin: sudo -S a password line, read a line, an interpreter everything. */
        private Need need(List<String> args) {
            List<String> words = withoutRedirections(args);
            if (words.isEmpty()) {
                return Need.NOTHING;
            }
            switch (words.get(0)) {
                case "sudo" -> {
                    Sudo sudo = Sudo.parse(words);
                    Need inner = sudo.command().isEmpty() ? Need.NOTHING : need(sudo.command());
                    return sudo.stdinPassword() && !root ? new Need(1, false, null).plus(inner) : inner;
                }
                case "read" -> {
                    int p = words.indexOf("-p");
                    String prompt = p >= 0 && p + 1 < words.size() && exec != null && exec.pty ? words.get(p + 1) : null;
                    return new Need(1, false, prompt);
                }
                case "bash", "sh" -> {
                    if (words.size() > 2 && words.get(1).equals("-c")) {
                        Need total = Need.NOTHING;
                        for (Step step : steps(words.get(2))) {
                            total = total.plus(need(shellWords(step.text())));
                        }
                        return total;
                    }
                    return words.size() == 1 ? new Need(0, true, null) : Need.NOTHING;
                }
                case "python3", "python" -> {
                    return words.size() == 1 ? new Need(0, true, null) : Need.NOTHING;
                }
                default -> {
                    return Need.NOTHING;
                }
            }
        }

        private void runSteps(List<Step> steps, Io io) {
            for (Step step : steps) {
                if (!skipped(step)) {
                    runStep(step, io);
                }
                if (hangUp || exec != null && exec.exited) {
                    return;
                }
            }
        }

        private boolean skipped(Step step) {
            return step.joiner().equals("&&") && status != 0 || step.joiner().equals("||") && status == 0;
        }

        private void runStep(Step step, Io io) {
            context.countCommand().run();
            status = run(shellWords(step.text()), io);
        }

        /** Runs one command with its redirections and returns its exit code. */
        private int run(List<String> args, Io io) {
            Io own = new Io(new StringBuilder(), new StringBuilder());
            int code = 0;
            List<String> words = withoutRedirections(args);
            if (!words.isEmpty()) {
                code = builtin(words, own);
            }
            String file = null;
            boolean append = false;
            boolean outToErr = false;
            boolean errToOut = false;
            boolean errDropped = false;
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case ">", "1>", ">>" -> {
                        if (i + 1 < args.size()) {
                            append = args.get(i).equals(">>");
                            file = path(args.get(i + 1));
                        }
                    }
                    case ">&2", "1>&2" -> outToErr = true;
                    case "2>&1" -> errToOut = true;
                    case "2>/dev/null" -> errDropped = true;
                    default -> {
                    }
                }
            }
            if (!errDropped) {
                (errToOut ? own.out() : io.err()).append(own.err());
            }
            if (file != null && !file.equals("/dev/null")) {
                if (!write(file, own.out().toString(), append, io)) {
                    return 1;
                }
            } else if (file == null) {
                (outToErr ? io.err() : io.out()).append(own.out());
            }
            return code;
        }

        private static List<String> withoutRedirections(List<String> args) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String word = args.get(i);
                if (word.equals(">") || word.equals("1>") || word.equals(">>")) {
                    i++;
                } else if (!word.equals(">&2") && !word.equals("1>&2") && !word.equals("2>&1")
                        && !word.equals("2>/dev/null")) {
                    words.add(word);
                }
            }
            return words;
        }

        private int builtin(List<String> args, Io io) {
            StringBuilder output = io.out();
            switch (args.get(0)) {
                case "uname" -> output.append(args.contains("-a") ? "Linux " + device.hostname + " 6.1.0-18-amd64 #1 "
                        + "SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux\n" : "Linux\n");
                case "whoami" -> output.append(root ? "root" : user).append('\n');
                case "id" -> output.append(root ? "uid=0(root) gid=0(root) groups=0(root)\n"
                        : "uid=1000(" + user + ") gid=1000(" + user + ") groups=1000(" + user + "),27(sudo)\n");
                case "hostname" -> output.append(device.hostname).append('\n');
                case "pwd" -> output.append(cwd).append('\n');
                case "echo" -> output.append(String.join(" ", args.subList(1, args.size()))).append('\n');
                case "true", ":", "{", "}" -> {
                    return 0;
                }
                case "false" -> {
                    return 1;
                }
                case "export" -> {
                    for (String assignment : args.subList(1, args.size())) {
                        int equals = assignment.indexOf('=');
                        if (equals > 0) {
                            environment.put(assignment.substring(0, equals), assignment.substring(equals + 1));
                        }
                    }
                    return 0;
                }
                case "env", "printenv" -> {
                    Map<String, String> all = new LinkedHashMap<>(environment);
                    all.putAll(Map.of("USER", root ? "root" : user, "HOME", root ? "/root" : home, "PWD", cwd));
                    if (args.size() > 1) {
                        String value = all.get(args.get(1));
                        if (value == null) {
                            return 1;
                        }
                        output.append(value).append('\n');
                    } else {
                        new java.util.TreeMap<>(all).forEach((k, v) -> output.append(k).append('=').append(v)
                                .append('\n'));
                    }
                }
                case "cat" -> {
                    return cat(args.subList(1, args.size()), io);
                }
                case "ls" -> {
                    return ls(args.size() > 1 ? args.get(1) : cwd, io);
                }
                case "cd" -> {
                    return cd(args.size() > 1 ? args.get(1) : home, io);
                }
                case "rm" -> {
                    return rm(args.subList(1, args.size()), io);
                }
                case "sudo" -> {
                    return sudo(args, io);
                }
                case "read" -> {
                    return read(args);
                }
                case "bash", "sh" -> {
                    return shell(args, io);
                }
                case "python3", "python" -> {
                    return python(args, io);
                }
                case "exit", "logout" -> {
                    return exit(args, io);
                }
                default -> {
                    // a login shell names itself -bash, bash -c plain bash
                    io.err().append(exec == null ? "-bash: " : "bash: ").append(args.get(0))
                            .append(": command not found\n");
                    return 127;
                }
            }
            return 0;
        }

        private int exit(List<String> args, Io io) {
            int code = args.size() > 1 ? parseCode(args.get(1)) : status;
            if (exec != null) {
                exec.exited = true;
                return code;
            }
            if (root) {
                root = false;
                io.out().append("exit\n");
            } else {
                out.append("logout\n");
                hangUp = true;
            }
            return 0;
        }

        /** sudo's options and the command it runs. */
        private record Sudo(boolean stdinPassword, boolean nonInteractive, boolean shell, List<String> command) {
            static Sudo parse(List<String> args) {
                boolean stdin = false;
                boolean never = false;
                boolean shell = false;
                int i = 1;
                for (; i < args.size() && args.get(i).startsWith("-"); i++) {
                    String option = args.get(i);
                    if (option.equals("--")) {
                        i++;
                        break;
                    }
                    if (option.equals("-p") || option.equals("-u")) {
                        i++; // takes a value
                        continue;
                    }
                    stdin |= option.contains("S");
                    never |= option.contains("n");
                    shell |= option.contains("s");
                }
                return new Sudo(stdin, never, shell, i < args.size() ? args.subList(i, args.size()) : List.of());
            }
        }

        /**
         * {@code sudo -s} on a tty asks for the password on the next line; {@code sudo -S cmd} reads it from stdin
         * (prompt on stderr), {@code sudo -n cmd} refuses when a password would be needed. The command runs as root.
         */
        private int sudo(List<String> args, Io io) {
            Sudo sudo = Sudo.parse(args);
            if (exec == null) {
                if (!sudo.shell() || !sudo.command().isEmpty()) {
                    io.out().append("usage: sudo -s (the only form this simulator knows on a terminal)\n");
                    return 1;
                }
                if (!root) {
                    askPassword(1);
                }
                return 0;
            }
            if (sudo.command().isEmpty()) {
                io.err().append("usage: sudo -h | -K | -k | -V\n");
                return 1;
            }
            if (!root) {
                if (!sudo.stdinPassword()) {
                    io.err().append("sudo: a password is required\n");
                    return 1;
                }
                String prompt = "[sudo] password for " + user + ": ";
                io.err().append(prompt);
                String password = exec.takeLine();
                if (password == null) {
                    io.err().append("\nsudo: no password was provided\n");
                    return 1;
                }
                if (!password.equals(device.config.password())) {
                    io.err().append("Sorry, try again.\n").append(prompt).append("\nsudo: no password was provided\n"
                            + "sudo: 1 incorrect password attempt\n");
                    return 1;
                }
            }
            boolean wasRoot = root;
            root = true;
            try {
                return run(sudo.command(), io);
            } finally {
                root = wasRoot;
            }
        }

        private int read(List<String> args) {
            if (exec == null) {
                return 1; // no stdin on a terminal line
            }
            String line = exec.takeLine();
            List<String> names = new ArrayList<>();
            for (int i = 1; i < args.size(); i++) {
                if (args.get(i).equals("-p")) {
                    i++;
                } else if (!args.get(i).startsWith("-")) {
                    names.add(args.get(i));
                }
            }
            environment.put(names.isEmpty() ? "REPLY" : names.get(0), line == null ? "" : line);
            return line == null ? 1 : 0;
        }

        /** {@code bash -c 'script'}, or {@code bash} reading its script from stdin; a subshell: cd and export stay in. */
        private int shell(List<String> args, Io io) {
            String script;
            if (args.size() > 2 && args.get(1).equals("-c")) {
                script = args.get(2);
            } else if (args.size() == 1 && exec != null) {
                script = exec.takeAll();
            } else {
                io.err().append(args.get(0)).append(": ").append(args.size() > 1 ? args.get(1) : "")
                        .append(": No such file or directory\n");
                return 127;
            }
            String savedCwd = cwd;
            Map<String, String> savedEnvironment = new LinkedHashMap<>(environment);
            runSteps(steps(script), io);
            cwd = savedCwd;
            environment.clear();
            environment.putAll(savedEnvironment);
            if (exec != null && exec.exited) {
                exec.exited = false; // 'exit' ends the inner shell only
            }
            return status;
        }

        /** Enough Python for scripts in tests: {@code print("...")}, {@code import}, {@code sys.exit(n)}. */
        private int python(List<String> args, Io io) {
            if (args.size() > 1 || exec == null) {
                io.err().append("python3: can't open file '").append(args.size() > 1 ? args.get(1) : "")
                        .append("': [Errno 2] No such file or directory\n");
                return 2;
            }
            int number = 0;
            for (String raw : exec.takeAll().split("\n")) {
                number++;
                String line = raw.strip();
                java.util.regex.Matcher print = PYTHON_PRINT.matcher(line);
                java.util.regex.Matcher exit = PYTHON_EXIT.matcher(line);
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("import ")) {
                    continue;
                } else if (print.matches()) {
                    io.out().append(print.group(2)).append('\n');
                } else if (exit.matches()) {
                    return Integer.parseInt(exit.group(1) != null ? exit.group(1) : exit.group(2));
                } else {
                    io.err().append("Traceback (most recent call last):\n  File \"<stdin>\", line ").append(number)
                            .append(", in <module>\nNameError: name '").append(line.split("[^A-Za-z0-9_]")[0])
                            .append("' is not defined\n");
                    return 1;
                }
            }
            return 0;
        }

        private int cat(List<String> names, Io io) {
            int code = 0;
            for (String name : names) {
                String content;
                synchronized (device) {
                    content = device.files.get(path(name));
                }
                if (content == null) {
                    io.err().append("cat: ").append(name).append(": No such file or directory\n");
                    code = 1;
                } else {
                    io.out().append(content);
                }
            }
            return code;
        }

        private int ls(String name, Io io) {
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
                    io.err().append("ls: cannot access '").append(name).append("': No such file or directory\n");
                    return 2;
                }
            }
            io.out().append(entries.isEmpty() ? name + "\n" : String.join("  ", entries) + "\n");
            return 0;
        }

        private int cd(String name, Io io) {
            String dir = path(name);
            synchronized (device) {
                if (!dir.equals("/") && device.files.keySet().stream().noneMatch(f -> f.startsWith(dir + "/"))) {
                    io.err().append(exec == null ? "-bash" : "bash").append(": cd: ").append(name)
                            .append(": No such file or directory\n");
                    return 1;
                }
            }
            cwd = dir;
            return 0;
        }

        private int rm(List<String> names, Io io) {
            int code = 0;
            for (String name : names) {
                if (name.startsWith("-")) {
                    continue;
                }
                String file = path(name);
                synchronized (device) {
                    if (!device.files.containsKey(file)) {
                        io.err().append("rm: cannot remove '").append(name).append("': No such file or directory\n");
                        code = 1;
                    } else if (!writable(file)) {
                        io.err().append("rm: cannot remove '").append(name).append("': Permission denied\n");
                        code = 1;
                    } else {
                        device.files.remove(file);
                    }
                }
            }
            return code;
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

        private boolean write(String file, String text, boolean append, Io io) {
            synchronized (device) {
                if (!writable(file)) {
                    io.err().append(exec == null ? "-bash" : "bash").append(": ").append(file)
                            .append(": Permission denied\n");
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

        private static int parseCode(String text) {
            try {
                return Integer.parseInt(text) & 0xff;
            } catch (NumberFormatException e) {
                return 2;
            }
        }

        /** A command line cut at {@code ;}, {@code &&}, {@code ||} and newlines outside quotes. */
        private static List<Step> steps(String line) {
            List<Step> steps = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            String joiner = ";";
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    text.append(c);
                    if (c == quote) {
                        quote = 0;
                    }
                    continue;
                }
                String cut = c == ';' || c == '\n' ? ";" : line.startsWith("&&", i) ? "&&"
                        : line.startsWith("||", i) ? "||" : null;
                if (cut == null) {
                    if (c == '\'' || c == '"') {
                        quote = c;
                    }
                    text.append(c);
                    continue;
                }
                if (!text.toString().isBlank()) {
                    steps.add(new Step(joiner, text.toString().strip()));
                }
                text.setLength(0);
                joiner = cut;
                i += cut.length() - 1;
            }
            if (!text.toString().isBlank()) {
                steps.add(new Step(joiner, text.toString().strip()));
            }
            return steps;
        }

        /** The words of a step: blanks split, quotes removed, {@code $VAR} expanded outside single quotes. */
        private List<String> shellWords(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            char quote = 0;
            boolean inWord = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote == '\'') {
                    if (c == '\'') {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '$' && i + 1 < line.length()) {
                    i = expand(line, i, word) - 1;
                    inWord = true;
                } else if (quote == '"') {
                    if (c == '"') {
                        quote = 0;
                    } else if (c == '\\' && i + 1 < line.length() && "\"\\$".indexOf(line.charAt(i + 1)) >= 0) {
                        word.append(line.charAt(++i));
                    } else {
                        word.append(c);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    inWord = true;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
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

        /** Appends the value of the variable at {@code line[dollar]}; returns where the text after it starts. */
        private int expand(String line, int dollar, StringBuilder word) {
            int start = dollar + 1;
            char first = line.charAt(start);
            if (first == '?' || first == '$') {
                word.append(first == '?' ? Integer.toString(status) : "4242");
                return start + 1;
            }
            boolean braced = first == '{';
            int from = braced ? start + 1 : start;
            int end = from;
            while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
                end++;
            }
            if (end == from) {
                word.append('$');
                return start;
            }
            String name = line.substring(from, end);
            String value = switch (name) {
                case "USER" -> root ? "root" : user;
                case "HOME" -> root ? "/root" : home;
                case "PWD" -> cwd;
                default -> environment.getOrDefault(name, "");
            };
            word.append(value);
            return braced && end < line.length() && line.charAt(end) == '}' ? end + 1 : end;
        }
    }
}
