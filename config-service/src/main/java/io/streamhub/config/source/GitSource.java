package io.streamhub.config.source;

import io.streamhub.config.config.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A Git repository the service clones once and then fetches on every poll, resetting hard to the
 * branch's head: the checkout is a mirror, never a place where history is made, so a force-push or
 * a rewritten branch cannot wedge it in a merge. The revision is the commit id.
 */
public final class GitSource implements AppSource {

    private final String uri;
    private final String branch;
    private final String subPath;
    private final Path checkout;
    private final CredentialsProvider credentials;

    public GitSource(ServiceConfig.Git config) {
        this.uri = config.uri().orElseThrow(() -> new IllegalStateException(
                "streamhub.config.source=git needs streamhub.config.git.uri (STREAMHUB_CONFIG_GIT_URI)"));
        this.branch = config.branch();
        this.subPath = config.path();
        this.checkout = config.checkout().toAbsolutePath().normalize();
        this.credentials = config.username().isPresent()
                ? new UsernamePasswordCredentialsProvider(config.username().get(), config.password().orElse(""))
                : null;
    }

    @Override
    public synchronized Snapshot fetch() throws IOException {
        try (Git git = openOrClone()) {
            git.fetch().setRemote("origin").setCredentialsProvider(credentials).call();
            ObjectId head = git.getRepository().resolve("refs/remotes/origin/" + branch);
            if (head == null) {
                throw new IOException("branch '" + branch + "' not found in " + uri);
            }
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(head.name()).call();
            return new Snapshot(checkout.resolve(subPath), head.name());
        } catch (GitAPIException e) {
            throw new IOException("git " + uri + ": " + e.getMessage(), e);
        }
    }

    private Git openOrClone() throws GitAPIException, IOException {
        if (Files.isDirectory(checkout.resolve(".git"))) {
            return Git.open(checkout.toFile());
        }
        Files.createDirectories(checkout.getParent());
        return Git.cloneRepository().setURI(uri).setBranch(branch).setDirectory(checkout.toFile())
                .setCredentialsProvider(credentials).call();
    }

    @Override
    public String describe() {
        return "git:" + uri + "#" + branch + "/" + subPath;
    }
}
