package io.amsgrid.gateway.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A gateway in its own JVM ({@code GatewayMain}), so a test can SIGKILL it. */
public final class GatewayProcess {
    private GatewayProcess() {
    }

    public static Process start(Path config, Path log, String... jvmOptions) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", cp, "io.amsgrid.gateway.GatewayMain", config.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
