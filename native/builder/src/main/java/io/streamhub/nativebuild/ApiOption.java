package io.streamhub.nativebuild;

import java.util.List;

/**
 * One {@code --name} option of the native-image command line, as the builder declares it with
 * {@code @APIOption} on a hosted or runtime option field.
 *
 * @param name          the command-line name, without the leading dashes
 * @param field         the option field, which is the builder's {@code -H:}/{@code -R:} name
 * @param runtime       a runtime option ({@code -R:}) rather than a hosted one ({@code -H:})
 * @param bool          the option holds a Boolean ({@code -H:+Name} / {@code -H:-Name})
 * @param fixedValue    the value the option always passes, when it takes none from the user
 * @param defaultValue  the value of a bare {@code --name}
 * @param transformer   the binary name of the value transformer, or empty
 * @param deprecated    the deprecation text, or empty
 */
public record ApiOption(String name, String field, boolean runtime, boolean bool, List<String> fixedValue,
                        List<String> defaultValue, String transformer, String deprecated) {

    /** The builder argument for this option with the user's value (null for a bare option). */
    public String builderArgument(String userValue) {
        String value;
        if (!fixedValue.isEmpty()) {
            if (userValue != null) {
                throw new IllegalArgumentException("--" + name + " takes no value");
            }
            value = fixedValue.get(0);
        } else if (userValue != null) {
            value = userValue;
        } else if (!defaultValue.isEmpty()) {
            value = defaultValue.get(0);
        } else if (bool) {
            value = "true";
        } else {
            throw new IllegalArgumentException("--" + name + " needs a value (--" + name + "=...)");
        }
        value = ValueTransformers.apply(transformer, name, value);
        String prefix = runtime ? "-R:" : "-H:";
        if (bool) {
            return switch (value) {
                case "true", "+" -> prefix + "+" + field;
                case "false", "-" -> prefix + "-" + field;
                default -> throw new IllegalArgumentException("--" + name + " is true or false, not '" + value + "'");
            };
        }
        return prefix + field + "=" + value;
    }
}
