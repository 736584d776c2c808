package io.streamhub.router.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** IMF-fixdate formatting and parsing for {@code Last-Modified} / {@code If-Modified-Since}. */
public final class HttpDates {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    public static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Epoch millis, or -1 when the value is not a valid HTTP date. */
    public static long parse(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Instant.from(FORMAT.parse(value.trim())).toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
