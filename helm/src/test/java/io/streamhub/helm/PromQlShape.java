package io.streamhub.helm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A check of a PromQL expression's shape, short of a parser (none is on Maven Central): strings
 * closed, brackets balanced and nested, every label matcher {@code name op "value"}, every range
 * a duration, every function one Prometheus has, every {@code by}/{@code on} list label names,
 * and histogram and summary families queried through their samples. Enough to catch the typos a
 * dashboard or a rule would otherwise show only as an empty panel or a rule that never fires.
 */
final class PromQlShape {

    static final Set<String> FUNCTIONS = Set.of("sum", "min", "max", "avg", "count", "rate", "irate", "increase", "abs",
            "clamp_min", "clamp_max", "histogram_quantile", "label_values", "topk", "bottomk");
    static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset");
    /** Families exported as histograms or summaries: queried as _bucket, _count, _sum or _max, never bare. */
    static final Set<String> DISTRIBUTIONS = Set.of("streamhub_router_upstream_duration_seconds", "streamhub_player_startup_seconds",
            "streamhub_player_behind_live_seconds");

    private static final Pattern MATCHER = Pattern.compile("\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*");
    private static final Pattern RANGE = Pattern.compile("\\[(\\d+[smhdwy]|\\$__rate_interval|\\$__interval)]");
    private static final Pattern LABEL_LIST = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern CALL = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*\\(");
    private static final Pattern METRIC = Pattern.compile("\\bstreamhub_[a-z0-9_]+");

    private PromQlShape() {
    }

    /** The label matchers of every selector, split at the commas and braces outside strings. */
    private static List<String> matchers(String expr) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        boolean inString = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (current != null) {
                if (inString) {
                    current.append(c);
                    if (c == '\\' && i + 1 < expr.length()) {
                        current.append(expr.charAt(++i));
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                    current.append(c);
                } else if (c == ',' || c == '}') {
                    out.add(current.toString());
                    current = c == ',' ? new StringBuilder() : null;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                // A string outside a selector (a histogram_quantile label, say): skip it whole.
                for (i++; i < expr.length() && expr.charAt(i) != '"'; i++) {
                    if (expr.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '{') {
                current = new StringBuilder();
            }
        }
        return out;
    }

    static List<String> problems(String expr) {
        List<String> out = new ArrayList<>();
        // Strings first: what is inside them is not syntax.
        StringBuilder code = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    code.append("\"\"");
                }
            } else if (c == '"') {
                inString = true;
            } else {
                code.append(c);
            }
        }
        if (inString) {
            out.add("a string is not closed");
            return out;
        }
        Deque<Character> open = new ArrayDeque<>();
        String pairs = "(){}[]";
        for (char c : code.toString().toCharArray()) {
            int k = pairs.indexOf(c);
            if (k >= 0 && k % 2 == 0) {
                open.push(c);
            } else if (k >= 0 && (open.isEmpty() || open.pop() != pairs.charAt(k - 1))) {
                out.add("'" + c + "' closes nothing it opened");
                return out;
            }
        }
        if (!open.isEmpty()) {
            out.add("'" + open.peek() + "' is not closed");
            return out;
        }
        for (String m : matchers(expr)) {
            if (!MATCHER.matcher(m).matches()) {
                out.add("not a label matcher: " + m.strip());
            }
        }
        Matcher brackets = Pattern.compile("\\[[^]]*]").matcher(code);
        while (brackets.find()) {
            if (!RANGE.matcher(brackets.group()).matches()) {
                out.add("not a range: " + brackets.group());
            }
        }
        Matcher lists = LABEL_LIST.matcher(code);
        while (lists.find()) {
            for (String label : lists.group(2).split(",")) {
                if (!label.isBlank() && !label.strip().matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                    out.add(lists.group(1) + " lists a non-label: " + label.strip());
                }
            }
        }
        Matcher calls = CALL.matcher(code);
        while (calls.find()) {
            String name = calls.group(1);
            if (!FUNCTIONS.contains(name) && !KEYWORDS.contains(name)) {
                out.add("no such function: " + name);
            }
        }
        Matcher metrics = METRIC.matcher(code);
        while (metrics.find()) {
            if (DISTRIBUTIONS.contains(metrics.group())) {
                out.add(metrics.group() + " is a distribution: query its _bucket, _count, _sum or _max");
            }
        }
        return out;
    }
}
