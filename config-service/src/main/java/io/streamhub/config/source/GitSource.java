package io.streamhub.config.source;

import io.streamhub.config.apps.AppConfigValidator;
import io.streamhub.config.settings.ServiceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
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

    /**
     * The branch's earlier commits, newest first, each written out (only {@code path}, only regular
     * files) to a folder of its own beside the checkout; the checkout itself stays at the head.
     */
    @Override
    public synchronized List<Snapshot> history(int max) throws IOException {
        List<Snapshot> out = new ArrayList<>();
        try (Git git = openOrClone(); RevWalk walk = new RevWalk(git.getRepository())) {
            ObjectId head = git.getRepository().resolve("refs/remotes/origin/" + branch);
            if (head == null) {
                return out;
            }
            walk.markStart(walk.parseCommit(head));
            Path root = checkout.resolveSibling(checkout.getFileName() + "-history");
            walk.next(); // the head itself
            for (RevCommit commit : walk) {
                if (out.size() == max) {
                    break;
                }
                Path dir = root.resolve(commit.name());
                if (!Files.isDirectory(dir)) {
                    writeTree(git, commit, dir);
                }
                out.add(new Snapshot(dir, commit.name()));
            }
        } catch (GitAPIException e) {
            throw new IOException("git " + uri + ": " + e.getMessage(), e);
        }
        return out;
    }

    private void writeTree(Git git, RevCommit commit, Path dir) throws IOException {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        Files.createDirectories(tmp);
        try (TreeWalk tree = new TreeWalk(git.getRepository())) {
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            String prefix = subPath.isEmpty() || subPath.equals(".") ? "" : subPath.replaceAll("/+$", "") + "/";
            while (tree.next()) {
                String path = tree.getPathString();
                if (!path.startsWith(prefix) || !tree.getFileMode(0).equals(FileMode.REGULAR_FILE)) {
                    continue;
                }
                String name = path.substring(prefix.length());
                if (name.contains("/")) {
                    continue; // the validator reads the folder's own files only
                }
                // One byte past the limit is enough for the validator to refuse an oversized file.
                try (InputStream in = git.getRepository().open(tree.getObjectId(0)).openStream()) {
                    Files.write(tmp.resolve(name), in.readNBytes(AppConfigValidator.MAX_FILE_BYTES + 1));
                }
            }
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
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
