package io.streamhub.router.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void parsesTheThreeSingleRangeForms() {
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=0-99", 1000));
        assertEquals(new ByteRange(900, 999), ByteRange.parse("bytes=900-", 1000));
        assertEquals(new ByteRange(990, 999), ByteRange.parse("bytes=-10", 1000));
        assertEquals(new ByteRange(0, 999), ByteRange.parse("bytes=-5000", 1000));
        assertEquals(new ByteRange(10, 999), ByteRange.parse("bytes=10-5000", 1000), "end clamps to the size");
    }

    @Test
    void unsatisfiableRangesAre416() {
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=1000-", 1000));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=-0", 1000));
    }

    @Test
    void malformedOrMultipleRangesServeTheWholeObject() {
        assertNull(ByteRange.parse(null, 10));
        assertNull(ByteRange.parse("items=0-1", 10));
        assertNull(ByteRange.parse("bytes=5-1", 10));
        assertNull(ByteRange.parse("bytes=a-b", 10));
        assertNull(ByteRange.parse("bytes=0-1,3-4", 10));
        assertNull(ByteRange.parse("bytes=-", 10));
        assertNull(ByteRange.parse("bytes=99999999999999999999-", 10));
    }

    @Test
    void ifNoneMatchUsesWeakComparison() {
        assertTrue(HlsResponder.etagListMatches("\"a\", W/\"b\"", "\"b\""));
        assertTrue(HlsResponder.etagListMatches("*", "\"x\""));
        assertFalse(HlsResponder.etagListMatches("\"a\"", "\"b\""));
    }
}
