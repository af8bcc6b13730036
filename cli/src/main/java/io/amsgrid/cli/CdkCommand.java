package io.amsgrid.cli;

import io.amsgrid.cdk.AmsgridApp;
import io.amsgrid.cdk.AppSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./amsgrid cdk}: the AWS CDK app of amsgrid. {@code synth} writes the cloud assembly
 * (CloudFormation template and the Lambda jar asset) offline; deploying uses the CDK CLI
 * ({@code docs/deploy.md}).
 */
@Command(name = "cdk", mixinStandardHelpOptions = true,
        description = "The AWS CDK app: synthesize the CloudFormation template and assets.",
        subcommands = CdkCommand.Synth.class)
public final class CdkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = {"Write the cloud assembly (templates + assets) to a directory, offline.",
                    "Same as 'cd cdk && npx cdk synth'. Context keys: ingest=direct|basic,"
                            + " route=direct|batched, lambdaJar=PATH, analysisJar=PATH, topologyKey=KEY,"
                            + " expectedMeters=N, deletionProtection=true|false, silenceMinutes=N, alarmEmail=ADDRESS."})
    static final class Synth implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Directory for the cloud assembly: new, empty, or an earlier cloud assembly.")
        Path out;

        @Option(names = {"-c", "--context"}, paramLabel = "KEY=VALUE",
                description = "A CDK context value, as with 'cdk synth -c'. Repeatable.")
        List<String> context = List.of();

        @Override
        public Integer call() {
            Map<String, Object> values = parseContext();
            requireEmpty(out);
            Path dir = AmsgridApp.synthesize(out, values);
            spec.commandLine().getOut().println("wrote cloud assembly of stack " + AmsgridApp.STACK_NAME
                    + " to " + dir.toAbsolutePath().normalize() + " (template " + AmsgridApp.STACK_NAME
                    + ".template.json; deploy with 'npx cdk deploy --app " + dir.toAbsolutePath().normalize() + "')");
            return 0;
        }

        private Map<String, Object> parseContext() {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String kv : context) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new ParameterException(spec.commandLine(),
                            "context '" + kv + "' is not KEY=VALUE (e.g. -c " + AppSettings.ROUTE + "=batched)");
                }
                values.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            return values;
        }

        private void requireEmpty(Path dir) {
            if (!Files.exists(dir)) {
                return;
            }
            if (!Files.isDirectory(dir)) {
                throw new ParameterException(spec.commandLine(), "--out " + dir + " is a file, not a directory");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent() && !Files.isRegularFile(dir.resolve("manifest.json"))) {
                    throw new ParameterException(spec.commandLine(),
                            "--out " + dir + " is not empty and holds no cloud assembly: choose a new directory");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
