package io.streamhub.config.source;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real Git remote for the service to pull: a bare repository with the examples under {@code apps/},
 * and a working clone through which tests commit and push changes, as an operator would.
 */
public class GitRepoResource implements QuarkusTestResourceLifecycleManager {

    static final Path ROOT = Path.of("target/test-git").toAbsolutePath();
    static final Path REMOTE = ROOT.resolve("apps.git");
    static final Path WORK = ROOT.resolve("work");

    @Override
    public Map<String, String> start() {
        try {
            deleteTree(ROOT);
            Git.init().setBare(true).setInitialBranch("main").setDirectory(REMOTE.toFile()).call().close();
            try (Git work = Git.cloneRepository().setURI(REMOTE.toUri().toString()).setDirectory(WORK.toFile()).call()) {
                work.checkout().setOrphan(true).setName("main").call();
            }
            commit(ConfigMapFolder.examples(), "initial apps");
            return Map.of("streamhub.config.source", "git",
                    "streamhub.config.git.uri", REMOTE.toUri().toString(),
                    "streamhub.config.git.branch", "main",
                    "streamhub.config.git.path", "apps",
                    "streamhub.config.git.checkout", ROOT.resolve("checkout").toString());
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes these files under {@code apps/}, commits and pushes; returns the commit id. */
    static String commit(Map<String, String> files, String message) {
        try (Git git = Git.open(WORK.toFile())) {
            Path apps = WORK.resolve("apps");
            Files.createDirectories(apps);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(apps.resolve(f.getKey()), f.getValue());
            }
            git.add().addFilepattern("apps").call();
            RevCommit c = git.commit().setMessage(message).setAuthor("ops", "ops@example.com")
                    .setCommitter("ops", "ops@example.com").setSign(false).call();
            git.push().setRemote("origin").add("main").call();
            return c.getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void stop() {
    }
}
