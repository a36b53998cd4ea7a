package dev.netpilot.simulator;

import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.command.AsyncCommand;

/** What MINA hands an asynchronous command of a simulated device before starting it: its streams and exit callback. */
abstract class AsyncChannelCommand implements AsyncCommand {

    protected IoInputStream in;
    protected IoOutputStream out;
    protected IoOutputStream err;
    protected ExitCallback exit;

    @Override
    public void setIoInputStream(IoInputStream in) {
        this.in = in;
    }

    @Override
    public void setIoOutputStream(IoOutputStream out) {
        this.out = out;
    }

    @Override
    public void setIoErrorStream(IoOutputStream err) {
        this.err = err;
    }

    // the blocking streams of Command: MINA hands async commands the Io streams above instead
    @Override
    public void setInputStream(InputStream in) {
    }

    @Override
    public void setOutputStream(OutputStream out) {
    }

    @Override
    public void setErrorStream(OutputStream err) {
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }
}
