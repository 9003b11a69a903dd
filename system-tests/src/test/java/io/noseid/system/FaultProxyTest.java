package io.noseid.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault proxy against a loopback echo server. */
class FaultProxyTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private EchoServer echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        proxy = FaultProxy.start("echo", "127.0.0.1", echo.port());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBothWaysUnchanged() throws IOException {
        try (Socket socket = connect()) {
            byte[] payload = new byte[200_000];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 31);
            }
            socket.getOutputStream().write(payload);
            assertArrayEquals(payload, socket.getInputStream().readNBytes(payload.length));
            assertEquals(1, proxy.acceptedConnections());
            assertEquals(2L * payload.length, proxy.forwardedBytes());
        }
    }

    @Test
    void downClosesOpenConnectionsBothWaysAndClosesNewOnesUntilForwardAgain() throws IOException {
        try (Socket socket = connect()) {
            roundTrip(socket, "before");
            proxy.down();
            assertEndsWithoutData(socket);
            await("the server side was closed too").atMost(BOUND).until(() -> echo.closedConnections.get() == 1);
            assertEquals(0, proxy.openConnections());
        }
        try (Socket refused = connect()) {
            refused.getOutputStream().write("anyone?".getBytes(StandardCharsets.US_ASCII));
            assertEndsWithoutData(refused);
        } catch (IOException e) {
            // a reset before the write is what a stopped server gives too
        }
        assertEquals(1, echo.acceptedConnections.get(), "nothing reached the server while it was down");
        assertTrue(proxy.refusedConnections() >= 1);

        proxy.forward();
        try (Socket socket = connect()) {
            roundTrip(socket, "after");
        }
    }

    @Test
    void stallKeepsConnectionsOpenForwardsNothingAndDeliversInOrderAfterwards() throws IOException {
        try (Socket socket = connect()) {
            roundTrip(socket, "warm");
            long receivedBefore = echo.receivedBytes.get();
            proxy.stall();
            socket.getOutputStream().write("one ".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write("two".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(700);
            assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read(),
                    "nothing comes back from a stalled server");
            assertEquals(receivedBefore, echo.receivedBytes.get(), "nothing reached the server");
            assertEquals(1, proxy.openConnections(), "the connection stays open");

            try (Socket late = connect()) {
                late.getOutputStream().write("late".getBytes(StandardCharsets.US_ASCII));
                late.setSoTimeout(300);
                assertThrows(SocketTimeoutException.class, () -> late.getInputStream().read(),
                        "a new connection is accepted but answered by no one");

                proxy.forward();
                socket.setSoTimeout((int) BOUND.toMillis());
                assertEquals("one two", new String(socket.getInputStream().readNBytes(7), StandardCharsets.US_ASCII));
                late.setSoTimeout((int) BOUND.toMillis());
                assertEquals("late", new String(late.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
            }
            roundTrip(socket, "still fine");
        }
    }

    @Test
    void aClientThatGoesAwayWhileStalledIsResetOnTheServerSideAndItsBytesNeverArrive() throws IOException {
        Socket socket = connect();
        roundTrip(socket, "warm");
        long receivedBefore = echo.receivedBytes.get();
        proxy.stall();
        socket.getOutputStream().write("never delivered".getBytes(StandardCharsets.US_ASCII));
        socket.setSoLinger(true, 0);
        socket.close();
        await("the server side was closed").atMost(BOUND).until(() -> echo.closedConnections.get() == 1);
        assertEquals(0, proxy.openConnections());
        proxy.forward();
        assertEquals(receivedBefore, echo.receivedBytes.get(), "the held bytes were dropped");
    }

    @Test
    void stallThenDownClosesEverything() throws IOException {
        try (Socket socket = connect()) {
            roundTrip(socket, "warm");
            proxy.stall();
            socket.getOutputStream().write("held".getBytes(StandardCharsets.US_ASCII));
            proxy.down();
            assertEndsWithoutData(socket);
            await("the server side was closed").atMost(BOUND).until(() -> echo.closedConnections.get() == 1);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout((int) BOUND.toMillis());
        return socket;
    }

    private static void roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(bytes);
        assertArrayEquals(bytes, socket.getInputStream().readNBytes(bytes.length));
    }

    /** The connection ends (EOF or reset) within the bound, without a byte arriving first. */
    private static void assertEndsWithoutData(Socket socket) throws IOException {
        socket.setSoTimeout((int) BOUND.toMillis());
        try {
            assertEquals(-1, socket.getInputStream().read());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection was still open after " + BOUND, e);
        } catch (IOException e) {
            // reset: closed as well
        }
    }

    /** Echoes every byte back; counts connections and bytes. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
        final AtomicInteger acceptedConnections = new AtomicInteger();
        final AtomicInteger closedConnections = new AtomicInteger();
        final AtomicLong receivedBytes = new AtomicLong();

        EchoServer() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        acceptedConnections.incrementAndGet();
                        sockets.add(socket);
                        Thread.ofVirtual().start(() -> serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve(Socket socket) {
            byte[] buffer = new byte[8192];
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    receivedBytes.addAndGet(n);
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // reset by the proxy: also a close
            } finally {
                closedConnections.incrementAndGet();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
