package io.streamhub.config.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * Numeric query parameters read by hand, because JAX-RS answers a parameter it cannot convert
 * ({@code bitrateMbps=abc}) with a 404 that names nothing. Each problem names its parameter and
 * what it accepts; all of them are reported at once.
 */
final class QueryNumbers {

    private final List<String> problems = new ArrayList<>();

    /** A decimal in {@code (min, max]} ({@code minExclusive}) or {@code [min, max]}; {@code fallback} when absent. */
    double decimal(String name, String raw, double fallback, double min, boolean minExclusive, double max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        double v;
        try {
            v = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            return refuse(name, raw, range(min, minExclusive, max), fallback);
        }
        if (!Double.isFinite(v) || (minExclusive ? v <= min : v < min) || v > max) {
            return refuse(name, raw, range(min, minExclusive, max), fallback);
        }
        return v;
    }

    /** A whole number in {@code [min, max]}; {@code fallback} when absent. */
    long whole(String name, String raw, long fallback, long min, long max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        refuse(name, raw, "a whole number from " + min + " to " + max, fallback);
        return fallback;
    }

    boolean ok() {
        return problems.isEmpty();
    }

    String message() {
        return String.join("; ", problems);
    }

    private double refuse(String name, String raw, String accepted, double fallback) {
        problems.add(name + " must be " + accepted + ", not '" + shown(raw) + "'");
        return fallback;
    }

    /** A caller's value as an error message may quote it: cut at 40 characters. */
    static String shown(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }

    private static String range(double min, boolean minExclusive, double max) {
        return "a number " + (minExclusive ? "above " + fmt(min) + " and up to " : "from " + fmt(min) + " to ") + fmt(max);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
