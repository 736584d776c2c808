package io.streamhub.config.source;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A Git remote whose head is invalid, with a good commit and a bad one before it, and a Redis key
 * prefix of its own, empty: a config-service that starts here has nothing but the history.
 */
public class InvalidHeadRepoResource implements QuarkusTestResourceLifecycleManager {

    static final Path ROOT = Path.of("target/test-git-invalid-head").toAbsolutePath();
    static final String PREFIX = "lkg" + ProcessHandle.current().pid() + ":";
    static String good;
    static String head;

    @Override
    public Map<String, String> start() {
        try {
            if (Files.exists(ROOT)) {
                try (Stream<Path> s = Files.walk(ROOT)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Path remote = ROOT.resolve("apps.git");
            Path work = ROOT.resolve("work");
            Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
            try (Git git = Git.cloneRepository().setURI(remote.toUri().toString()).setDirectory(work.toFile()).call()) {
                git.checkout().setOrphan(true).setName("main").call();
                Map<String, String> examples = ConfigMapFolder.examples();
                good = commit(git, work, examples, "all apps");
                String shop = examples.get("shop.yaml");
                // Two bad commits on top: the newest valid one is two back.
                commit(git, work, Map.of("shop.yaml", shop.replace("mode: ", "mode: nonsense-")), "shop: typo");
                head = commit(git, work, Map.of("stage.yaml", "app: stage\ndistribution: [not, a, map]\n"), "stage: broken");
                git.push().setRemote("origin").add("main").call();
            }
            return Map.of("streamhub.config.source", "git",
                    "streamhub.config.git.uri", remote.toUri().toString(),
                    "streamhub.config.git.branch", "main",
                    "streamhub.config.git.path", "apps",
                    "streamhub.config.git.checkout", ROOT.resolve("checkout").toString(),
                    "streamhub.redis.prefix", PREFIX);
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String commit(Git git, Path work, Map<String, String> files, String message) throws IOException, GitAPIException {
        Path apps = work.resolve("apps");
        Files.createDirectories(apps);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(apps.resolve(f.getKey()), f.getValue());
        }
        git.add().addFilepattern("apps").call();
        RevCommit c = git.commit().setMessage(message).setAuthor("ops", "ops@example.com")
                .setCommitter("ops", "ops@example.com").setSign(false).call();
        return c.getName();
    }

    @Override
    public void stop() {
    }
}
