package io.noseid.gateway.owner;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ContactsTest {

    @Test
    void normalisesToDigits() {
        assertEquals("821012345678", Contacts.normalisePhone("+82 10-1234-5678"));
    }

    @Test
    void masksPhoneKeepingPrefixAndLastFour() {
        assertEquals("010-****-5678", Contacts.maskPhone("010-1234-5678"));
        assertEquals("010-****-5678", Contacts.maskPhone("01012345678"));
        assertEquals("821-****-5678", Contacts.maskPhone("+82 10 1234 5678"));
        assertEquals("021-****-4567", Contacts.maskPhone("02-123-4567"));
        assertNull(Contacts.maskPhone(null));
    }

    @Test
    void masksEmail() {
        assertEquals("j***@example.com", Contacts.maskEmail("jane.doe@example.com"));
        assertEquals("***", Contacts.maskEmail("broken"));
        assertNull(Contacts.maskEmail(null));
    }
}
