package dev.netpilot.driver.ssh;

import org.apache.sshd.client.session.ClientSession;

/**
 * A device session that runs over an SSH login, for the work that needs the login itself rather than the CLI:
 * SFTP file transfers, exec channels next to the shell.
 */
public interface SshBacked {

    /** The logged-in SSH session; callers open their own channels and never close it. */
    ClientSession ssh();
}
