package io.streamhub.router.it;

import io.streamhub.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A router as a real process, named as its node id and advertising its own URL. */
final class RouterProcess {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private RouterProcess() {
    }

    static ServiceProcess start(String name, Map<String, String> env) throws Exception {
        return ServiceProcess.start(name, JAR, port -> {
            Map<String, String> all = new HashMap<>(env);
            all.put("ROUTER_NODE_ID", name);
            all.put("ROUTER_ADVERTISED_URL", "http://127.0.0.1:" + port);
            return all;
        });
    }
}
