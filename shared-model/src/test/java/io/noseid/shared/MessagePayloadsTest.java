package io.noseid.shared;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MessagePayloadsTest {

    @Test
    void nullIsAnEmptyBodyInBothForms() {
        assertEquals("", MessagePayloads.text(null));
        assertArrayEquals(new byte[0], MessagePayloads.bytes(null));
    }

    @Test
    void textAndBytesAreTakenAsUtf8() {
        byte[] body = "{\"dog\":\"Bäri\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("{\"dog\":\"Bäri\"}", MessagePayloads.text(body));
        assertArrayEquals(body, MessagePayloads.bytes("{\"dog\":\"Bäri\"}"));
        assertArrayEquals(body, MessagePayloads.bytes(body));
    }

    @Test
    void otherTypesAreReadThroughTheirText() {
        Object buffer = new Object() {
            @Override
            public String toString() {
                return "{\"a\":1}";
            }
        };
        assertEquals("{\"a\":1}", MessagePayloads.text(buffer));
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), MessagePayloads.bytes(buffer));
    }
}
