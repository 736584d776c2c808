package io.streamhub.config;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.streamhub.config.apps.ValidateCommand;
import java.util.Arrays;

/** Runs the service, or with {@code validate <dir>} only validates app files and exits (no server, no Redis). */
@QuarkusMain
public class ConfigServiceMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("validate")) {
            System.exit(ValidateCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        Quarkus.run(args);
    }
}
