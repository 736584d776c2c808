package io.streamhub.config.rest;

import io.streamhub.shared.Rendition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Query parameters (numbers, flags, choices) read by hand, because JAX-RS answers a parameter it
 * cannot convert ({@code bitrateMbps=abc}) with a 404 that names nothing. Each problem names its
 * parameter and what it accepts; all of them are reported at once.
 */
final class QueryParams {

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

    /** {@code true} or {@code false}; {@code fallback} when absent. */
    boolean flag(String name, String raw, boolean fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String v = raw.trim();
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        problems.add(name + " must be true or false, not '" + shown(raw) + "'");
        return fallback;
    }

    /** One of {@code allowed} (as written); {@code fallback} when absent. */
    String choice(String name, String raw, String fallback, List<String> allowed) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        if (allowed.contains(raw.trim())) {
            return raw.trim();
        }
        problems.add(name + " must be one of " + allowed + ", not '" + shown(raw) + "'");
        return fallback;
    }

    /**
     * A viewer's bitrate in Mbit/s: {@code bitrateMbps}, or the ladder preset {@code rendition}'s
     * ({@link Rendition#megabitsPerSecond}), not both; {@code fallback} when neither is given.
     */
    double bitrate(String bitrateRaw, String renditionRaw, double fallback) {
        double bitrate = decimal("bitrateMbps", bitrateRaw, fallback, 0, true, 100);
        if (renditionRaw == null) {
            return bitrate;
        }
        Optional<Rendition> rendition = Rendition.ofWire(renditionRaw.trim());
        if (rendition.isEmpty()) {
            problems.add("unknown rendition '" + shown(renditionRaw) + "'; known: "
                    + Arrays.stream(Rendition.values()).map(Rendition::wire).toList());
            return fallback;
        }
        if (bitrateRaw != null) {
            problems.add("give bitrateMbps or rendition, not both");
        }
        return rendition.get().megabitsPerSecond();
    }

    /** The ladder preset named by {@code renditionRaw}, if it names one. */
    static Optional<Rendition> rendition(String renditionRaw) {
        return renditionRaw == null ? Optional.empty() : Rendition.ofWire(renditionRaw.trim());
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
