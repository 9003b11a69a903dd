package io.noseid.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of one server (MariaDB, Redis, RabbitMQ, ...) that can pretend the server failed.
 * <ul>
 *   <li>{@link Mode#FORWARD}: bytes flow both ways unchanged.</li>
 *   <li>{@link Mode#DOWN}: what a client sees when the server is stopped: every open connection is closed in both
 *   directions, and every new connection is closed (reset) as soon as it is accepted.</li>
 *   <li>{@link Mode#STALL}: a server that hangs: connections stay open and new ones are accepted, but nothing is
 *   forwarded in either direction. What was sent meanwhile is held and delivered in order once the mode is FORWARD
 *   again, as a hung server that recovers would read it from its socket buffer. A connection whose peer goes away
 *   while stalled is reset on the other side and its held bytes are dropped, as a kernel discards unread data on a
 *   reset: the server never sees what it never read.</li>
 * </ul>
 * Only loopback: it listens on 127.0.0.1 and is meant for targets on 127.0.0.1.
 */
public final class FaultProxy implements AutoCloseable {

    public enum Mode { FORWARD, DOWN, STALL }

    /** Bytes held per direction while stalled before the proxy stops reading (the sender then blocks). */
    private static final int MAX_HELD_BYTES = 8 << 20;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final String name;
    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong forwardedBytes = new AtomicLong();
    /** Guards {@link #mode} and every link's held bytes; notified on each change. */
    private final Object lock = new Object();
    private Mode mode = Mode.FORWARD;
    private volatile boolean closed;

    private FaultProxy(String name, String targetHost, int targetPort) throws IOException {
        this.name = name;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    }

    /** Listens on a free loopback port and forwards to {@code targetHost:targetPort}. */
    public static FaultProxy start(String name, String targetHost, int targetPort) {
        try {
            FaultProxy proxy = new FaultProxy(name, targetHost, targetPort);
            Thread.ofPlatform().daemon().name("fault-proxy-" + name + "-accept").start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("fault proxy " + name + " could not listen", e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return server.getLocalPort();
    }

    public Mode mode() {
        synchronized (lock) {
            return mode;
        }
    }

    /** Switches the mode; DOWN closes every open connection before it returns. */
    public void mode(Mode next) {
        synchronized (lock) {
            mode = next;
            lock.notifyAll();
        }
        if (next == Mode.DOWN) {
            for (Link link : links) {
                link.close(false);
            }
        }
    }

    public void forward() {
        mode(Mode.FORWARD);
    }

    public void down() {
        mode(Mode.DOWN);
    }

    public void stall() {
        mode(Mode.STALL);
    }

    /** Connections accepted and forwarded so far (not counting the ones closed because the mode was DOWN). */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Connections closed at once because the mode was DOWN. */
    public long refusedConnections() {
        return refused.get();
    }

    public int openConnections() {
        return links.size();
    }

    /** Bytes delivered, both directions together. */
    public long forwardedBytes() {
        return forwardedBytes.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Link link : links) {
            link.close(false);
        }
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[" + name + " 127.0.0.1:" + port() + " -> " + targetHost + ":" + targetPort + ", "
                + mode() + ", open " + openConnections() + "]";
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (mode() == Mode.DOWN) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            Thread.ofVirtual().name("fault-proxy-" + name + "-connect").start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(targetHost, targetPort), CONNECT_TIMEOUT_MILLIS);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException e) {
            reset(client);
            closeQuietly(upstream);
            return;
        }
        Link link = new Link(client, upstream);
        links.add(link);
        // A mode change to DOWN may have run between the check in acceptLoop and links.add: check again.
        if (mode() == Mode.DOWN || closed) {
            link.close(false);
            return;
        }
        accepted.incrementAndGet();
        link.start();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // closed anyway
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    /** One client connection and its upstream connection. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final Direction toServer;
        private final Direction toClient;
        private volatile boolean open = true;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
            this.toServer = new Direction("c2s", client, upstream);
            this.toClient = new Direction("s2c", upstream, client);
        }

        void start() {
            toServer.start();
            toClient.start();
        }

        /** @param abort reset both sockets instead of closing them in order */
        void close(boolean abort) {
            synchronized (lock) {
                if (!open) {
                    return;
                }
                open = false;
                lock.notifyAll();
            }
            links.remove(this);
            if (abort) {
                reset(client);
                reset(upstream);
            } else {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }

        /** Bytes from one socket to the other: a reader that never stops reading, a writer that obeys the mode. */
        private final class Direction {
            private final String label;
            private final Socket from;
            private final Socket to;
            private final ArrayDeque<byte[]> held = new ArrayDeque<>();
            private int heldBytes;
            private boolean ended;

            Direction(String label, Socket from, Socket to) {
                this.label = label;
                this.from = from;
                this.to = to;
            }

            void start() {
                Thread.ofVirtual().name("fault-proxy-" + name + "-" + label + "-read").start(this::read);
                Thread.ofVirtual().name("fault-proxy-" + name + "-" + label + "-write").start(this::write);
            }

            private void read() {
                byte[] buffer = new byte[16 * 1024];
                try {
                    InputStream in = from.getInputStream();
                    while (true) {
                        int n = in.read(buffer);
                        synchronized (lock) {
                            if (n < 0) {
                                ended = true;
                                lock.notifyAll();
                                if (mode == Mode.STALL) {
                                    break;
                                }
                                return;
                            }
                            while (open && heldBytes >= MAX_HELD_BYTES) {
                                lock.wait();
                            }
                            if (!open) {
                                return;
                            }
                            held.addLast(Arrays.copyOf(buffer, n));
                            heldBytes += n;
                            lock.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the peer went away (or the link was closed); handled below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // The sender is gone: while stalled its bytes were never "read" by the other side, so drop them and
                // reset; while forwarding, the writer delivers what is held and then closes.
                boolean stalled;
                synchronized (lock) {
                    ended = true;
                    stalled = mode == Mode.STALL;
                    lock.notifyAll();
                }
                if (stalled) {
                    close(true);
                }
            }

            private void write() {
                try {
                    OutputStream out = to.getOutputStream();
                    while (true) {
                        byte[] chunk;
                        synchronized (lock) {
                            while (open && (mode != Mode.FORWARD || held.isEmpty()) && !(ended && held.isEmpty()
                                    && mode == Mode.FORWARD)) {
                                lock.wait();
                            }
                            if (!open) {
                                return;
                            }
                            if (held.isEmpty()) {
                                // ended, everything delivered: close the whole link, as the far end would
                                break;
                            }
                            chunk = held.removeFirst();
                            heldBytes -= chunk.length;
                            lock.notifyAll();
                        }
                        out.write(chunk);
                        out.flush();
                        forwardedBytes.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // the receiver went away
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                close(false);
            }
        }
    }
}
