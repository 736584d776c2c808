package io.streamhub.config.apps;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamhub.shared.HlsNames;
import io.streamhub.shared.app.AppConfigFormatException;
import io.streamhub.shared.app.AppConfigJson;
import io.streamhub.shared.app.EffectiveAppConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Validates a folder of {@code <app>.yaml} files as a whole: syntax, the JSON Schema, then the
 * cross-field rules, each problem with file, line and field. A folder with any problem yields no
 * configs at all — a change is applied entirely or not at all.
 */
public final class AppConfigValidator {

    /** Larger files are refused before parsing: an app file is a few hundred bytes. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    /**
     * What a folder holds: effective configs by app (empty when anything is wrong), the problems that
     * reject it, and warnings: valid settings that will likely not work as meant (applied anyway).
     */
    public record Result(Map<String, EffectiveAppConfig> apps, List<Problem> problems, List<Problem> warnings) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final YAMLMapper yaml = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private final AppSchema schema = new AppSchema();

    public Result validateFolder(Path dir) throws IOException {
        Map<String, EffectiveAppConfig> apps = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            // Dot files are Kubernetes' ConfigMap plumbing (..data, ..2026_…), not apps.
            files = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yml")) {
                problems.add(new Problem(name, 0, "", "app files end in .yaml"));
            } else if (name.endsWith(".yaml") && Files.isRegularFile(file)) {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    problems.add(new Problem(name, 0, "", "larger than " + MAX_FILE_BYTES + " bytes"));
                    continue;
                }
                Result one = validateFile(name, Files.readString(file, StandardCharsets.UTF_8));
                problems.addAll(one.problems());
                warnings.addAll(one.warnings());
                apps.putAll(one.apps());
            }
        }
        return problems.isEmpty() ? new Result(apps, List.of(), List.copyOf(warnings))
                : new Result(Map.of(), List.copyOf(problems), List.copyOf(warnings));
    }

    /** One file, named {@code <app>.yaml}. */
    public Result validateFile(String fileName, String text) {
        String app = fileName.endsWith(".yaml") ? fileName.substring(0, fileName.length() - 5) : fileName;
        if (!HlsNames.isValidName(app)) {
            return failed(new Problem(fileName, 0, "", "the file name must be <app>.yaml with <app> matching " + HlsNames.NAME.pattern()));
        }
        YamlPositions positions;
        JsonNode doc;
        try {
            positions = YamlPositions.of(text);
            doc = yaml.readTree(text);
        } catch (MarkedYAMLException e) {
            return failed(new Problem(fileName, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1, "",
                    "not valid YAML: " + e.getProblem()));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return failed(new Problem(fileName, line, "", "not valid YAML: " + e.getOriginalMessage()));
        } catch (RuntimeException e) {
            return failed(new Problem(fileName, 0, "", "not valid YAML: " + e.getMessage()));
        }
        if (!(doc instanceof ObjectNode object)) {
            return failed(new Problem(fileName, 1, "", "must be a mapping with 'app' and 'distribution'"));
        }
        List<Problem> problems = schema.validate(object).stream()
                .map(v -> new Problem(fileName, positions.lineOf(v.path().steps()), v.path().toString(), v.message())).toList();
        if (!problems.isEmpty()) {
            return new Result(Map.of(), problems, List.of());
        }
        EffectiveAppConfig effective;
        try {
            effective = AppConfigJson.read(object.toString()); // the defaults are filled in here
        } catch (AppConfigFormatException e) {
            return failed(new Problem(fileName, 1, "", e.getMessage())); // the schema should have said it
        }
        List<Problem> broken = problems(fileName, positions, CrossFieldRules.check(app, effective));
        if (!broken.isEmpty()) {
            return new Result(Map.of(), broken, List.of());
        }
        return new Result(Map.of(app, effective), List.of(), problems(fileName, positions, CrossFieldRules.warnings(effective)));
    }

    /** Each breach at its path's line, or at its cause's when the file does not write the path (a default applied). */
    private static List<Problem> problems(String fileName, YamlPositions positions, List<CrossFieldRules.Breach> breaches) {
        return breaches.stream().map(b -> {
            FieldPath pointAt = positions.has(b.path().steps()) ? b.path() : b.cause();
            return new Problem(fileName, positions.lineOf(pointAt.steps()), b.path().toString(), b.message());
        }).toList();
    }

    private static Result failed(Problem p) {
        return new Result(Map.of(), List.of(p), List.of());
    }
}
