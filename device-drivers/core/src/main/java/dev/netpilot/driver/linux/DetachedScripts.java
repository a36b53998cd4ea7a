package dev.netpilot.driver.linux;

/**
 * The shell scripts behind detached tasks, NetPulse's remote layout: everything of task {@code <id>} lives in
 * {@code /tmp/np-detached-<user>/} (mode 700) as {@code np_<id>.log} (output), {@code .pid}, {@code .pid.meta}
 * (line 1 the id, line 2 the command), {@code .pid.age} (start epoch, then the end epoch), {@code .pid.exit} (the exit
 * code), {@code .sh} (a script) and {@code .run} (the runner). The runner is started with {@code nohup setsid}, so
 * the task outlives the SSH session, in its own process group (which {@link #kill} signals). A watcher inside the
 * task trims the log ({@link Rotation#DEFAULT}: once a minute, past 1 GiB, to its last 700 MiB).
 */
final class DetachedScripts {

    /**
     * How the watcher trims a task's log: every {@code everySeconds}, a log longer than {@code atBytes} is cut to
     * its last {@code keepBytes} (output written during the cut itself may be lost).
     */
    record Rotation(long atBytes, long keepBytes, int everySeconds) {
        static final Rotation DEFAULT = new Rotation(1024L * 1024 * 1024, 700L * 1024 * 1024, 60);
    }

    private DetachedScripts() {
    }

    static String directory(String username) {
        return "/tmp/np-detached-" + (username == null ? "" : username);
    }

    /** The path of the task's files without suffix ({@code .../np_<id>}). */
    static String base(String username, String taskId) {
        return directory(username) + "/np_" + taskId;
    }

    /**
     * Writes the task's files and starts it. Stdin carries the sudo password line (when {@code passwordOnStdin}),
     * then the script (when {@code script}). Prints {@code NP_LAUNCH <pid> running}, or, when the task ended within
     * half a second, {@code NP_LAUNCH <pid> done <exit code>} followed by its output.
     *
     * @param run         what the task runs, as shell text (already wrapped in sudo when asked)
     * @param description the command as the task's metadata shows it (one line)
     */
    static String launch(String username, String taskId, String run, String description, boolean passwordOnStdin,
                         boolean script) {
        String base = ShellLine.quote(base(username, taskId));
        String end = "NP_RUNNER_" + taskId.replace("-", "_");
        StringBuilder s = new StringBuilder();
        s.append("d=").append(ShellLine.quote(directory(username))).append("; b=").append(base).append('\n');
        s.append("mkdir -p \"$d\" && chmod 700 \"$d\" || exit 1\n");
        if (passwordOnStdin) {
            s.append("IFS= read -r NP_PW\n");
        }
        if (script) {
            s.append("cat > \"$b.sh\"\n");
        }
        s.append("printf '%s\\n%s\\n' ").append(ShellLine.quote(taskId)).append(' ')
                .append(ShellLine.quote(description)).append(" > \"$b.pid.meta\"\n");
        s.append("date +%s > \"$b.pid.age\"; rm -f \"$b.pid.exit\" \"$b.log\"\n");
        s.append("cat > \"$b.run\" <<'").append(end).append("'\n");
        s.append(runner(base(username, taskId), run, Rotation.DEFAULT));
        s.append(end).append('\n');
        if (passwordOnStdin) {
            s.append("printf '%s\\n' \"$NP_PW\" | nohup setsid bash \"$b.run\" >> \"$b.log\" 2>&1 &\n");
        } else {
            s.append("nohup setsid bash \"$b.run\" < /dev/null >> \"$b.log\" 2>&1 &\n");
        }
        s.append("pid=$!; echo \"$pid\" > \"$b.pid\"\n");
        s.append("i=0; while [ $i -lt 5 ] && [ ! -f \"$b.pid.exit\" ]; do sleep 0.1; i=$((i+1)); done\n");
        s.append("if [ -f \"$b.pid.exit\" ]; then echo \"NP_LAUNCH $pid done $(cat \"$b.pid.exit\")\"; "
                + "cat \"$b.log\" 2>/dev/null; else echo \"NP_LAUNCH $pid running\"; fi\n");
        return s.toString();
    }

    /**
     * The task's own script: the log watcher, the work, then its exit code and end time. The work runs in a
     * subshell, so that a command ending with {@code exit N} still leaves its code behind.
     */
    static String runner(String base, String run, Rotation rotation) {
        return "b=" + ShellLine.quote(base) + "\n"
                + "( while kill -0 $$ 2>/dev/null; do sleep " + rotation.everySeconds() + "; "
                + "s=$(wc -c < \"$b.log\" 2>/dev/null || echo 0); "
                + "if [ \"$s\" -gt " + rotation.atBytes() + " ]; then "
                + "tail -c " + rotation.keepBytes() + " \"$b.log\" > \"$b.log.rot\" && "
                + "cat \"$b.log.rot\" > \"$b.log\"; rm -f \"$b.log.rot\"; fi; done ) < /dev/null > /dev/null 2>&1 &\n"
                + "(\n" + run + "\n)\n"
                + "code=$?\n"
                + "echo \"$code\" > \"$b.pid.exit\"; date +%s >> \"$b.pid.age\"\n"
                + "exit \"$code\"\n";
    }

    /**
     * Prints {@code NP_TASK <yes|no running> <pid|-> <log size|-1> <exit code|->}, then the log from {@code offset}
     * (from 0 when the log is now shorter: it was rotated) up to the size printed.
     */
    static String query(String username, String taskId, long offset) {
        return "b=" + ShellLine.quote(base(username, taskId)) + "\n"
                + running(taskId)
                + "size=$(wc -c < \"$b.log\" 2>/dev/null || echo -1); code=$(cat \"$b.pid.exit\" 2>/dev/null)\n"
                + "echo \"NP_TASK $run ${pid:--} $size ${code:--}\"\n"
                + "off=" + offset + "; if [ \"$off\" -gt \"$size\" ]; then off=0; fi\n"
                + "if [ \"$size\" -gt \"$off\" ]; then tail -c +$((off+1)) \"$b.log\" | head -c $((size-off)); fi\n";
    }

    /**
     * Stops the task's process group (TERM, then KILL after 0.2 s) and deletes its files. Prints
     * {@code NP_KILLED <yes|no>} (whether it was running) or {@code NP_NOT_FOUND} when no file of the task exists.
     */
    static String kill(String username, String taskId) {
        return "b=" + ShellLine.quote(base(username, taskId)) + "\n"
                + "if [ ! -e \"$b.pid\" ] && [ ! -e \"$b.log\" ]; then echo NP_NOT_FOUND; exit 0; fi\n"
                + running(taskId)
                + "if [ \"$run\" = yes ]; then kill -TERM -- -\"$pid\" 2>/dev/null; sleep 0.2; "
                + "kill -KILL -- -\"$pid\" 2>/dev/null; fi\n"
                + "rm -f \"$b.log\" \"$b.log.rot\" \"$b.pid\" \"$b.pid.meta\" \"$b.pid.age\" \"$b.pid.exit\" \"$b.sh\" "
                + "\"$b.run\"\n"
                + "echo \"NP_KILLED $run\"\n";
    }

    /** Prints {@code NP_ACTIVE\t<id>\t<pid>\t<command>} for every running task of the user. */
    static String listActive(String username) {
        return "for p in " + ShellLine.quote(directory(username)) + "/np_*.pid; do [ -f \"$p\" ] || continue\n"
                + "id=$(basename \"$p\" .pid); id=${id#np_}; pid=$(cat \"$p\" 2>/dev/null)\n"
                + "if [ -n \"$pid\" ] && ps -p \"$pid\" -o args= 2>/dev/null | grep -q \"np_$id\"; then\n"
                + "printf 'NP_ACTIVE\\t%s\\t%s\\t%s\\n' \"$id\" \"$pid\" \"$(sed -n 2p \"$p.meta\" 2>/dev/null)\"; fi\n"
                + "done; true\n";
    }

    /** Deletes the files of tasks that ended more than a day ago (their age file has an end time). */
    static String collectGarbage(String username) {
        return "now=$(date +%s); for a in " + ShellLine.quote(directory(username)) + "/np_*.pid.age; do "
                + "[ -f \"$a\" ] || continue; e=$(sed -n 2p \"$a\"); "
                + "if [ -n \"$e\" ] && [ $((now - e)) -gt 86400 ]; then b=${a%.pid.age}; "
                + "rm -f \"$b.log\" \"$b.pid\" \"$b.pid.meta\" \"$b.pid.age\" \"$b.pid.exit\" \"$b.sh\" \"$b.run\"; fi; "
                + "done; true";
    }

    /** Sets {@code pid} and {@code run} (yes when the pid file's process is this task's runner). */
    private static String running(String taskId) {
        return "pid=$(cat \"$b.pid\" 2>/dev/null); run=no\n"
                + "if [ -n \"$pid\" ] && ps -p \"$pid\" -o args= 2>/dev/null | grep -q " + ShellLine.quote("np_" + taskId)
                + "; then run=yes; fi\n";
    }
}
