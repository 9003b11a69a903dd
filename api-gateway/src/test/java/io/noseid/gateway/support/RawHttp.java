package io.noseid.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests written byte for byte on a socket, for bodies no HTTP client would send (broken multipart, lying
 * lengths). Reads the answer until the server closes the connection or the declared length is read.
 */
public final class RawHttp {

    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    public static Answer send(int port, byte[] request) throws IOException {
        return exchange(port, request);
    }

    /**
     * Sends a request whose body may never complete (its declared length is longer than what is sent). The server
     * may answer early, or it may have read a complete body after all (a chunk size that lies can still end the
     * body); so the answer is awaited for a moment with the connection open, and only then the sending side is
     * closed. Gives {@code null} when the server closes without an answer.
     */
    public static Answer sendUnfinished(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException e) {
                // answered and closed before the whole request was written: read what it said
            }
            PushbackInputStream in = new PushbackInputStream(socket.getInputStream());
            socket.setSoTimeout(UNFINISHED_GRACE_MILLIS);
            try {
                int first = in.read();
                if (first < 0) {
                    return null;
                }
                in.unread(first);
            } catch (SocketTimeoutException e) {
                // the server is still waiting for the rest of the body: tell it none comes
                socket.shutdownOutput();
            }
            socket.setSoTimeout(30_000);
            return read(in);
        } catch (NoAnswerException e) {
            return null;
        }
    }

    /** How long an unfinished request's answer is awaited before the client closes its sending side. */
    private static final int UNFINISHED_GRACE_MILLIS = 1500;

    private static Answer exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException e) {
                // the server may answer and close before the whole body was written: read what it said
            }
            return read(socket.getInputStream());
        }
    }

    /** The server closed the connection without a byte of an HTTP answer. */
    public static final class NoAnswerException extends IOException {
        NoAnswerException(String message) {
            super(message);
        }
    }

    /** A request with a head built from lines and a body; Content-Length is added unless a header says otherwise. */
    public static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        boolean lengthGiven = headers.keySet().stream()
                .anyMatch(k -> k.equalsIgnoreCase("Content-Length") || k.equalsIgnoreCase("Transfer-Encoding"));
        if (!lengthGiven) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        all.writeBytes(body);
        return all.toByteArray();
    }

    public static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        int contentLength = -1;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketException e) {
                break;
            }
            if (n < 0) {
                break;
            }
            raw.write(buffer, 0, n);
            byte[] sofar = raw.toByteArray();
            if (headEnd < 0) {
                headEnd = indexOf(sofar, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                if (headEnd >= 0) {
                    String lengthHeader = parseHeaders(new String(sofar, 0, headEnd, StandardCharsets.ISO_8859_1))
                            .get("content-length");
                    contentLength = lengthHeader == null ? -1 : Integer.parseInt(lengthHeader.trim());
                }
            }
            if (headEnd >= 0 && contentLength >= 0 && sofar.length >= headEnd + 4 + contentLength) {
                break;
            }
        }
        byte[] all = raw.toByteArray();
        if (headEnd < 0) {
            throw new NoAnswerException("no HTTP answer (" + all.length + " bytes)");
        }
        String head = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.split(" ", 3)[1]);
        int bodyEnd = contentLength >= 0 ? Math.min(all.length, headEnd + 4 + contentLength) : all.length;
        String body = new String(all, headEnd + 4, bodyEnd - headEnd - 4, StandardCharsets.UTF_8);
        return new Answer(status, parseHeaders(head), body);
    }

    private static Map<String, String> parseHeaders(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
