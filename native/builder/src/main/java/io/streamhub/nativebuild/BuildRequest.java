package io.streamhub.nativebuild;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A native-image command line, translated: what goes to the builder JVM and what to the generator. */
final class BuildRequest {

    final List<String> jvmArguments = new ArrayList<>();
    final List<String> builderArguments = new ArrayList<>();
    final List<Path> classPath = new ArrayList<>();
    final List<MetaInfConfig.Exclusion> exclusions = new ArrayList<>();
    /** What the command line named outside options: [main class] [image name], or with -jar [image name]. */
    final List<String> positional = new ArrayList<>();
    Path jar;
    String imageName;
    String mainClass;
    boolean version;
}
