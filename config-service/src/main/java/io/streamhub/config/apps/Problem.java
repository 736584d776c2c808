package io.streamhub.config.apps;

/**
 * One reason an app file is rejected, precise enough to fix without reading code.
 *
 * @param line  1-based; 0 when the problem is the file as a whole
 * @param field dotted path ({@code distribution.cdn.base_url}, {@code distribution.edges[0].url}), or empty
 */
public record Problem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
