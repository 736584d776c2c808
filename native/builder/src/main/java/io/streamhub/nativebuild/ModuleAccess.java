package io.streamhub.nativebuild;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@code --add-exports}/{@code --add-opens} lines the builder JVM needs. A GraalVM distribution
 * links the builder into its runtime image with these qualified exports built in; on a plain JDK
 * they are given on the command line instead: every package of every JDK module the builder JVM
 * resolves, to the builder's modules and to the class path (where Quarkus's features run).
 */
final class ModuleAccess {

    private ModuleAccess() {
    }

    static List<ModuleDescriptor> builderDescriptors(List<Path> builderJars) {
        return ModuleFinder.of(builderJars.toArray(Path[]::new)).findAll().stream()
                .map(ModuleReference::descriptor).toList();
    }

    static Set<String> names(List<ModuleDescriptor> descriptors) {
        return descriptors.stream().map(ModuleDescriptor::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The JDK modules the builder JVM resolves: those resolved by default (it runs with
     * {@code --add-modules=ALL-DEFAULT}) and those the builder modules require, such as
     * {@code jdk.internal.vm.ci}. Naming any other module draws a warning per package.
     */
    static Set<String> resolvedJdkModules(List<ModuleDescriptor> builder) {
        Set<String> builderNames = names(builder);
        ModuleFinder system = ModuleFinder.ofSystem();
        Set<String> resolved = new TreeSet<>();
        ModuleLayer.boot().modules().forEach(m -> resolved.add(m.getName()));
        Deque<String> pending = new ArrayDeque<>();
        builder.forEach(d -> d.requires().forEach(r -> pending.add(r.name())));
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (builderNames.contains(name)) {
                continue;
            }
            Optional<ModuleReference> found = system.find(name);
            if (found.isPresent() && resolved.add(name)) {
                found.get().descriptor().requires().forEach(r -> pending.add(r.name()));
            }
        }
        resolved.removeAll(builderNames);
        return resolved;
    }

    static List<String> lines(List<ModuleDescriptor> builder) {
        String targets = String.join(",", names(builder)) + ",ALL-UNNAMED";
        ModuleFinder system = ModuleFinder.ofSystem();
        List<String> lines = new ArrayList<>();
        for (String module : resolvedJdkModules(builder)) {
            ModuleDescriptor d = system.find(module).orElseThrow().descriptor();
            for (String p : new TreeSet<>(d.packages())) {
                lines.add("--add-exports=" + module + "/" + p + "=" + targets);
                lines.add("--add-opens=" + module + "/" + p + "=" + targets);
            }
        }
        return lines;
    }
}
