package io.noseid.gateway.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Mutated requests made from valid ones, byte for byte, for the gateway's fuzz test: parts cut, duplicated, dropped
 * and reordered, boundaries and lengths that lie, random bytes in headers, part headers and bodies, huge and empty
 * values, chunked bodies with broken chunk sizes. Seeded: the same seed gives the same requests, so a failure names
 * the seed and request index that reproduce it.
 */
public final class RequestMutator {

    /**
     * One mutated request, described for a failure message. {@code unfinished}: its body never completes.
     * {@code notHttp}: its head is not an HTTP/1.1 message the HTTP layer accepts (control bytes or a line break in a
     * header value, a header block over the layer's 20 KiB limit, a Content-Length that is no number, a target that is
     * no URI), so no route of the gateway ever sees it.
     */
    public record Mutated(byte[] bytes, List<String> mutations, boolean unfinished, boolean notHttp) {
        public String describe() {
            return String.join(", ", mutations) + (unfinished ? " (unfinished: the body never completes)" : "")
                    + (notHttp ? " (not HTTP the decoder accepts)" : "");
        }
    }

    /** Quarkus's default {@code quarkus.http.limits.max-header-size}. */
    public static final int HTTP_HEADER_LIMIT = 20 * 1024;

    private record Part(String name, String fileName, String contentType, byte[] content, String extraHeader) {
        Part withContent(byte[] newContent) {
            return new Part(name, fileName, contentType, newContent, extraHeader);
        }
    }

    private enum Length { EXACT, SHORTER, LONGER, GARBAGE, MISSING, CHUNKED, CHUNKED_BROKEN }

    private static final String[] FIELDS = {"ownerName", "ownerPhone", "ownerEmail", "dogName", "dogBreed",
            "dogBirthYear", "dogSex"};

    private final Random random;
    private final String clientKey;
    private final String adminKey;

    // the request being built
    private String method;
    private String target;
    private final List<String[]> headers = new ArrayList<>();
    private List<Part> parts;
    private String boundary;
    private byte[] body;
    private Length length;
    private final List<String> applied = new ArrayList<>();
    private boolean notHttp;

    public RequestMutator(long seed, String clientKey, String adminKey) {
        this.random = new Random(seed);
        this.clientKey = clientKey;
        this.adminKey = adminKey;
    }

    /** The next request: a valid one of a random kind, with one to three mutations. */
    public Mutated next() {
        start();
        int count = 1 + random.nextInt(3);
        List<Runnable> structural = List.of(this::duplicatePart, this::dropPart, this::reorderParts,
                this::hugeValue, this::emptyValue, this::randomPartHeader, this::wrongPartName);
        List<Runnable> onBytes = List.of(this::cutBody, this::randomBodyBytes, this::wrongBoundary,
                this::randomHeaderBytes, this::wrongContentType, this::wrongLength, this::chunked, this::wrongKey,
                this::wrongTarget, this::hugeHeader);
        List<Runnable> chosenOnBytes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (parts != null && !parts.isEmpty() && random.nextBoolean()) {
                structural.get(random.nextInt(structural.size())).run();
            } else {
                chosenOnBytes.add(onBytes.get(random.nextInt(onBytes.size())));
            }
        }
        body = parts == null ? new byte[0] : serialize();
        chosenOnBytes.forEach(Runnable::run);
        notHttp |= !validUri(target);
        return new Mutated(encode(), List.copyOf(applied), length == Length.LONGER || length == Length.CHUNKED_BROKEN,
                notHttp);
    }

    private void start() {
        headers.clear();
        applied.clear();
        notHttp = false;
        length = Length.EXACT;
        boundary = "fuzz" + Long.toHexString(random.nextLong());
        int kind = random.nextInt(10);
        if (kind < 5) {
            registration();
        } else if (kind < 8) {
            identification();
        } else {
            read();
        }
    }

    private void registration() {
        method = "POST";
        target = "/api/v1/registrations";
        applied.add("registration");
        parts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            parts.add(photo(i));
        }
        Map<String, String> fields = Api.validFields(Api.uniquePhone(), random.nextBoolean() ? "초코" : "Max");
        for (String field : FIELDS) {
            parts.add(new Part(field, null, "text/plain; charset=UTF-8",
                    fields.get(field).getBytes(StandardCharsets.UTF_8), null));
        }
        multipartHeaders(random.nextBoolean() ? clientKey : adminKey);
    }

    private void identification() {
        method = "POST";
        target = "/api/v1/identifications";
        applied.add("identification");
        parts = new ArrayList<>();
        int photos = 1 + random.nextInt(3);
        for (int i = 0; i < photos; i++) {
            parts.add(photo(i));
        }
        multipartHeaders(random.nextBoolean() ? clientKey : adminKey);
    }

    private void read() {
        parts = null;
        String[][] reads = {
                {"GET", "/api/v1/jobs/" + UUID.randomUUID()},
                {"GET", "/api/v1/dogs/20261129160531XY" + (1000 + random.nextInt(9000))},
                {"DELETE", "/api/v1/dogs/20261129160531XY" + (1000 + random.nextInt(9000))},
                {"GET", "/api/v1/jobs/not-a-uuid"}};
        String[] read = reads[random.nextInt(reads.length)];
        method = read[0];
        target = read[1];
        applied.add(method + " " + target.replaceAll("[0-9a-f-]{36}", "{uuid}"));
        headers.add(new String[]{"X-API-Key", random.nextBoolean() ? clientKey : adminKey});
    }

    private Part photo(int index) {
        int seed = random.nextInt(1000);
        boolean png = random.nextBoolean();
        byte[] content = png ? TestImages.png(40 + index, 30 + index, seed) : TestImages.jpeg(40 + index, 30 + index, seed);
        return new Part("nose", "nose" + index + (png ? ".png" : ".jpg"), png ? "image/png" : "image/jpeg", content,
                null);
    }

    private void multipartHeaders(String key) {
        headers.add(new String[]{"X-API-Key", key});
        headers.add(new String[]{"Content-Type", "multipart/form-data; boundary=" + boundary});
        if (random.nextInt(4) == 0) {
            headers.add(new String[]{"Accept-Language", random.nextBoolean() ? "ko-KR,ko;q=0.9" : "en"});
        }
    }

    // ---- mutations of the parts

    private void duplicatePart() {
        int i = random.nextInt(parts.size());
        parts.add(random.nextInt(parts.size() + 1), parts.get(i));
        applied.add("part " + parts.get(i).name() + " sent twice");
    }

    private void dropPart() {
        if (parts.isEmpty()) {
            return;
        }
        Part dropped = parts.remove(random.nextInt(parts.size()));
        applied.add("part " + dropped.name() + " dropped");
    }

    private void reorderParts() {
        Collections.shuffle(parts, random);
        applied.add("parts reordered");
    }

    private void hugeValue() {
        int i = random.nextInt(parts.size());
        int size = new int[]{3_000, 70_000, 2_000_000}[random.nextInt(3)];
        byte[] huge = (parts.get(i).fileName() == null ? "가" : "A").repeat(size).getBytes(StandardCharsets.UTF_8);
        parts.set(i, parts.get(i).withContent(huge));
        applied.add("part " + parts.get(i).name() + " with a huge value (" + huge.length + " bytes)");
    }

    private void emptyValue() {
        int i = random.nextInt(parts.size());
        Part p = parts.get(i);
        switch (random.nextInt(3)) {
            case 0 -> {
                parts.set(i, p.withContent(new byte[0]));
                applied.add("part " + p.name() + " empty");
            }
            case 1 -> {
                parts.set(i, new Part("", p.fileName(), p.contentType(), p.content(), null));
                applied.add("part " + p.name() + " without a name");
            }
            default -> {
                parts.set(i, new Part(p.name(), p.fileName() == null ? null : "", p.contentType(), p.content(), null));
                applied.add("part " + p.name() + " with an empty file name");
            }
        }
    }

    private void randomPartHeader() {
        int i = random.nextInt(parts.size());
        Part p = parts.get(i);
        String junk = randomBytes(1 + random.nextInt(40), random.nextInt(3) == 0);
        switch (random.nextInt(3)) {
            case 0 -> parts.set(i, new Part(p.name(), p.fileName(), junk, p.content(), null));
            case 1 -> parts.set(i, new Part(p.name(), p.fileName() == null ? null : junk, p.contentType(),
                    p.content(), null));
            default -> parts.set(i, new Part(p.name(), p.fileName(), p.contentType(), p.content(), junk));
        }
        applied.add("random bytes in a header of part " + p.name());
    }

    private void wrongPartName() {
        int i = random.nextInt(parts.size());
        Part p = parts.get(i);
        String name = random.nextBoolean() ? p.name().toUpperCase() : p.name() + "\u0000x";
        parts.set(i, new Part(name, p.fileName(), p.contentType(), p.content(), null));
        applied.add("part " + p.name() + " renamed " + name.replace("\u0000", "\\0"));
    }

    // ---- mutations of the bytes and the head

    private void cutBody() {
        if (body.length < 2) {
            return;
        }
        body = java.util.Arrays.copyOf(body, random.nextInt(body.length));
        applied.add("body cut to " + body.length + " bytes");
    }

    private void randomBodyBytes() {
        if (body.length == 0) {
            body = randomBytes(1 + random.nextInt(500), true).getBytes(StandardCharsets.ISO_8859_1);
            applied.add("a body of random bytes");
            return;
        }
        int changes = 1 + random.nextInt(20);
        for (int c = 0; c < changes; c++) {
            body[random.nextInt(body.length)] = (byte) random.nextInt(256);
        }
        applied.add(changes + " random bytes in the body");
    }

    private void wrongBoundary() {
        String[] variants = {"multipart/form-data; boundary=other" + random.nextInt(1000),
                "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"" + boundary,
                "multipart/form-data; boundary=" + boundary.substring(0, boundary.length() - 1),
                "multipart/form-data; boundary=" + boundary + "; boundary=second"};
        String variant = variants[random.nextInt(variants.length)];
        setHeader("Content-Type", variant);
        applied.add("Content-Type " + variant);
    }

    private void wrongContentType() {
        String[] variants = {"application/json", "text/plain", "multipart/mixed; boundary=" + boundary,
                "application/x-www-form-urlencoded", "image/png", null};
        String variant = variants[random.nextInt(variants.length)];
        setHeader("Content-Type", variant);
        applied.add("Content-Type " + variant);
    }

    private void randomHeaderBytes() {
        String[] names = {"X-API-Key", "Content-Type", "Accept-Language", "Accept", "X-Request-Id", "Cookie",
                "X-Forwarded-For"};
        String name = names[random.nextInt(names.length)];
        boolean anyByte = random.nextInt(3) == 0;
        String value = anyByte ? randomBytes(1 + random.nextInt(200), random.nextInt(3) == 0)
                : fieldValueBytes(1 + random.nextInt(200));
        setHeader(name, value);
        // HTTP allows visible ASCII, bytes 0x80-0xFF, spaces and tabs in a header value; anything else is no HTTP
        notHttp |= value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F);
        applied.add((anyByte ? "random bytes" : "random field-value bytes") + " in header " + name);
    }

    private void hugeHeader() {
        int size = new int[]{4_000, 30_000, 100_000}[random.nextInt(3)];
        String name = random.nextBoolean() ? "X-API-Key" : "Accept-Language";
        setHeader(name, "a".repeat(size));
        notHttp |= size > HTTP_HEADER_LIMIT;
        applied.add("header " + name + " of " + size + " characters");
    }

    private void wrongKey() {
        String[] keys = {"", "wrong-key", clientKey + " ", clientKey.toUpperCase(), null};
        String key = keys[random.nextInt(keys.length)];
        setHeader("X-API-Key", key);
        applied.add("API key " + (key == null ? "missing" : "'" + key + "'"));
    }

    private void wrongTarget() {
        String[] suffixes = {"/", "%00", "%zz", "/../../etc/passwd", "?x=" + "%FF".repeat(20), "//", ";jsessionid=1",
                "/%2e%2e/", "?" + "q".repeat(3000), "#frag", "%2F"};
        String suffix = suffixes[random.nextInt(suffixes.length)];
        target = target + suffix;
        applied.add("target " + (suffix.length() > 40 ? suffix.substring(0, 40) + "…" : suffix));
    }

    private void wrongLength() {
        Length[] lengths = {Length.SHORTER, Length.LONGER, Length.GARBAGE, Length.MISSING};
        length = lengths[random.nextInt(lengths.length)];
        // RFC 9112 6.3: a Content-Length that is no number makes the message unreadable; the decoder refuses it
        notHttp |= length == Length.GARBAGE;
        applied.add("Content-Length " + length.name().toLowerCase());
    }

    private void chunked() {
        length = random.nextInt(3) == 0 ? Length.CHUNKED_BROKEN : Length.CHUNKED;
        applied.add(length == Length.CHUNKED ? "chunked" : "chunked with a broken chunk size");
    }

    private void setHeader(String name, String value) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        if (value != null) {
            headers.add(new String[]{name, value});
        }
    }

    /** Random bytes for a header value: printable Latin-1 and controls, line breaks only when asked. */
    private String randomBytes(int n, boolean lineBreaks) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = (char) random.nextInt(256);
            if (!lineBreaks && (c == '\r' || c == '\n')) {
                c = '?';
            }
            s.append(c);
        }
        return s.toString();
    }

    /** Quarkus's HTTP layer answers a target that java.net.URI refuses (an escape such as %zz) itself. */
    private static boolean validUri(String target) {
        try {
            new java.net.URI(target);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Random bytes HTTP allows in a header value: visible ASCII, obs-text (0x80-0xFF), space and tab. */
    private String fieldValueBytes(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int c = 0x20 + random.nextInt(0x100 - 0x20);
            s.append(c == 0x7F ? '\t' : (char) c);
        }
        return s.toString().strip() + "x";
    }

    // ---- encoding

    private byte[] serialize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.name()).append('"');
            if (p.fileName() != null) {
                head.append("; filename=\"").append(p.fileName()).append('"');
            }
            head.append("\r\nContent-Type: ").append(p.contentType()).append("\r\n");
            if (p.extraHeader() != null) {
                head.append("X-Part: ").append(p.extraHeader()).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(p.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private byte[] encode() {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        byte[] payload = body;
        switch (length) {
            case EXACT -> head.append("Content-Length: ").append(body.length).append("\r\n");
            case SHORTER -> head.append("Content-Length: ").append(body.length / 2).append("\r\n");
            case LONGER -> head.append("Content-Length: ").append(body.length + 1 + random.nextInt(10_000))
                    .append("\r\n");
            case GARBAGE -> head.append("Content-Length: ")
                    .append(new String[]{"abc", "-5", "99999999999999999999", "1, 2", ""}[random.nextInt(5)])
                    .append("\r\n");
            case MISSING -> { }
            case CHUNKED, CHUNKED_BROKEN -> {
                head.append("Transfer-Encoding: chunked\r\n");
                payload = chunks(body, length == Length.CHUNKED_BROKEN);
            }
        }
        head.append("\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        all.writeBytes(payload);
        return all.toByteArray();
    }

    private byte[] chunks(byte[] data, boolean broken) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int brokenAt = broken ? random.nextInt(Math.max(1, data.length / 1000 + 1)) : -1;
        int offset = 0;
        int index = 0;
        while (offset < data.length) {
            int size = Math.min(data.length - offset, 1 + random.nextInt(4096));
            String sizeLine = index == brokenAt ? new String[]{"zz", "-1", Integer.toHexString(size + 7),
                    "ffffffffffffffff"}[random.nextInt(4)] : Integer.toHexString(size);
            out.writeBytes((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(data, offset, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            offset += size;
            index++;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
