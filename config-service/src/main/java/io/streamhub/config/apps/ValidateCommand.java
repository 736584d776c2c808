package io.streamhub.config.apps;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar config-service.jar validate <dir>}: the same validation the service applies, for a
 * GitOps pipeline's pre-merge check. Exit 0 when every file is valid, 1 when any is not, 2 on misuse.
 */
public final class ValidateCommand {

    private ValidateCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: validate <folder of <app>.yaml files>");
            return 2;
        }
        Path dir = Path.of(args[0]);
        if (!Files.isDirectory(dir)) {
            err.println("validate: " + dir + " is not a folder");
            return 2;
        }
        try {
            AppConfigValidator.Result result = new AppConfigValidator().validateFolder(dir);
            result.problems().forEach(err::println);
            result.warnings().forEach(w -> err.println("warning: " + w));
            if (!result.ok()) {
                err.println(result.problems().size() + " problem(s); nothing would be applied");
                return 1;
            }
            out.println("ok: " + result.apps().size() + " app(s) valid " + result.apps().keySet());
            return 0;
        } catch (IOException e) {
            err.println("validate: cannot read " + dir + ": " + e.getMessage());
            return 2;
        }
    }
}
