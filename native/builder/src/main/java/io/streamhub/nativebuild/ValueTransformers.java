package io.streamhub.nativebuild;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The builder's {@code @APIOption} value transformers, re-stated here because the launcher reads
 * the builder jars as class files and never loads their classes. Only the transformers of the
 * options our services and their libraries pass are known; any other fails the build by name
 * rather than passing a value the builder would misread.
 */
final class ValueTransformers {

    /** Class initialisation: every comma-separated element gets the phase as a suffix. */
    private static final Map<String, String> SUFFIXES = Map.of(
            "com.oracle.svm.hosted.classinitialization.ClassInitializationOptions$InitializationValueRunTime", ":run_time",
            "com.oracle.svm.hosted.classinitialization.ClassInitializationOptions$InitializationValueBuildTime", ":build_time");

    private ValueTransformers() {
    }

    static String apply(String transformer, String option, String value) {
        if (transformer.isEmpty()) {
            return value;
        }
        String suffix = SUFFIXES.get(transformer);
        if (suffix == null) {
            throw new IllegalArgumentException("--" + option + " uses value transformer " + transformer
                    + ", which this launcher does not know");
        }
        return Arrays.stream(value.split(",", -1)).map(v -> v + suffix).collect(Collectors.joining(","));
    }
}
