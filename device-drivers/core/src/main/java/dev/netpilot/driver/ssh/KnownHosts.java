package dev.netpilot.driver.ssh;

import java.util.concurrent.CompletionStage;

/**
 * The table of host keys seen per {@code host:port}, shared by every connection of the process (and, in the
 * executor, by every executor through Redis). Keys are OpenSSH public-key lines ({@code ssh-ed25519 AAAA...}).
 * Lookups happen before connecting and stores after the key exchange: never on an SSH I/O thread's critical path.
 */
public interface KnownHosts {

    /** The key on file for {@code address} ({@code host:port}), or null when the host is not known. */
    CompletionStage<String> lookup(String address);

    /** Stores {@code publicKey} for {@code address} unless a key is already on file; returns the key on file after. */
    CompletionStage<String> storeIfAbsent(String address, String publicKey);

    /** Forgets the key of {@code address} (a device that was re-keyed on purpose); true when one was on file. */
    CompletionStage<Boolean> forget(String address);
}
