package io.streamhub.viewing.rest.query;

import io.streamhub.shared.Rendition;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a {@link QueryValue} is checked (each problem says what is accepted) and, once checked, read. */
public class QueryValues implements ConstraintValidator<QueryValue, String> {

    public static final String BITRATE_OR_RENDITION = "give bitrateMbps or rendition, not both";

    private QueryValue rule;

    @Override
    public void initialize(QueryValue rule) {
        this.rule = rule;
    }

    @Override
    public boolean isValid(String raw, ConstraintValidatorContext context) {
        String problem = absent(raw) ? null : problem(raw.trim(), ", not '" + shown(raw) + "'");
        if (problem != null) {
            context.disableDefaultConstraintViolation();
            // The caller's text is quoted in it: never read as a message template.
            context.buildConstraintViolationWithTemplate(problem.replaceAll("[\\\\{}$]", "\\\\$0")).addConstraintViolation();
        }
        return problem == null;
    }

    private String problem(String v, String not) {
        long min = rule.min(), max = rule.max();
        return switch (rule.value()) {
            case WHOLE -> inRange(v, true) ? null : "must be a whole number from " + min + " to " + max + not;
            case DECIMAL -> inRange(v, false) ? null : "must be a number "
                    + (rule.minExclusive() ? "above " + min + " and up to " : "from " + min + " to ") + max + not;
            case FLAG -> v.equals("true") || v.equals("false") ? null : "must be true or false" + not;
            case CHOICE -> List.of(rule.oneOf()).contains(v) ? null : "must be one of " + List.of(rule.oneOf()) + not;
            case RENDITION -> Rendition.ofWire(v).isPresent() ? null : "unknown rendition '" + shown(v) + "'; known: "
                    + Arrays.stream(Rendition.values()).map(Rendition::wire).toList();
        };
    }

    private boolean inRange(String v, boolean whole) {
        double d;
        try {
            d = whole ? Long.parseLong(v) : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return false;
        }
        return Double.isFinite(d) && (rule.minExclusive() ? d > rule.min() : d >= rule.min()) && d <= rule.max();
    }

    // Readers of checked values; an absent one is the fallback.
    public static long whole(String raw, long fallback) { return absent(raw) ? fallback : Long.parseLong(raw.trim()); }
    public static double decimal(String raw, double fallback) { return absent(raw) ? fallback : Double.parseDouble(raw.trim()); }
    public static boolean flag(String raw, boolean fallback) { return absent(raw) ? fallback : Boolean.parseBoolean(raw.trim()); }
    public static String choice(String raw, String fallback) { return absent(raw) ? fallback : raw.trim(); }
    public static Optional<Rendition> rendition(String raw) { return absent(raw) ? Optional.empty() : Rendition.ofWire(raw.trim()); }

    /** A viewer's Mbit/s: the ladder preset {@code rendition}'s ({@link Rendition#megabitsPerSecond}), else {@code bitrateMbps}. */
    public static double bitrate(String bitrateMbps, String rendition, double fallback) {
        return rendition(rendition).map(Rendition::megabitsPerSecond).orElseGet(() -> decimal(bitrateMbps, fallback));
    }

    private static boolean absent(String raw) {
        return raw == null || raw.isBlank();
    }

    /** A caller's value as an error message may quote it: cut at 40 characters. */
    private static String shown(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }
}
