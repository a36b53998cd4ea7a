package dev.netpilot.driver.ssh;

import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.AbstractIoServiceFactory;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2Connector;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MINA SSHD's NIO2 transport on a fixed thread pool channel group. MINA's own group wraps an executor, so the JDK
 * polls the sockets on an internal thread and hands every completed read to a pool thread: one thread wake-up more
 * per packet received. In a fixed pool group the threads that poll run the handlers themselves.
 */
final class DirectNio2 extends Nio2ServiceFactoryFactory {

    @Override
    public IoServiceFactory create(FactoryManager manager) {
        return new Factory(manager);
    }

    private static final class Factory extends Nio2ServiceFactory {

        private final AsynchronousChannelGroup group;
        private final ExecutorService resuming;

        Factory(FactoryManager manager) {
            super(manager, null, null);
            try {
                group = AsynchronousChannelGroup.withFixedThreadPool(AbstractIoServiceFactory.getNioWorkers(manager),
                        threads("netpilot-ssh-io-"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the SSH I/O threads", e);
            }
            resuming = Executors.newSingleThreadExecutor(threads("netpilot-ssh-resume-"));
        }

        @Override
        public IoConnector createConnector(IoHandler handler) {
            return autowireCreatedService(new Nio2Connector(this, getFactoryManager(), handler, group, resuming));
        }

        @Override
        protected void doCloseImmediately() {
            try {
                group.shutdownNow();
            } catch (IOException e) {
                // already closing: nothing more to release
            }
            resuming.shutdownNow();
            super.doCloseImmediately();
        }

        private static ThreadFactory threads(String prefix) {
            AtomicInteger count = new AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
