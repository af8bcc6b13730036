package io.amsgrid.cdk;

import io.amsgrid.cdk.stacks.AmsgridStack;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The CDK app: one {@link AmsgridStack} named {@value #STACK_NAME}, checked by the cdk-nag
 * AwsSolutions pack, with every finding fixed or acknowledged in {@link NagSuppressionsConfig}.
 *
 * <p>Run by the CDK CLI ({@code cd cdk && npx cdk synth}, see {@code cdk/cdk.json}) or by
 * {@code ./amsgrid cdk synth --out DIR}. Logs go to stderr: the CLI reads the app's stdout.
 * Account and region: {@code CDK_DEFAULT_ACCOUNT}/{@code CDK_DEFAULT_REGION} (set by the CLI from
 * the profile) when present, else the stack is environment-agnostic.
 */
public final class AmsgridApp {
    public static final String STACK_NAME = "Amsgrid";
    private static final Logger LOG = LoggerFactory.getLogger(AmsgridApp.class);

    /** A built app: the App and its one stack (tests inspect both). */
    public record Built(App app, AmsgridStack stack, AppSettings settings) {
    }

    private AmsgridApp() {
    }

    public static void main(String[] args) {
        try {
            Built built = build(new App());
            CloudAssembly assembly = built.app().synth();
            LOG.info("amsgrid cdk: synthesized {} ({}) to {}", STACK_NAME,
                    built.settings().ingest().contextValue() + "/" + built.settings().route().contextValue(),
                    assembly.getDirectory());
        } catch (AppSettingsException e) {
            System.err.println("amsgrid cdk: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Builds the stack into {@code app} (whose context holds the settings) and adds the nag checks. */
    public static Built build(App app) {
        AppSettings settings = AppSettings.from(app.getNode());
        AmsgridStack stack = new AmsgridStack(app, STACK_NAME, StackProps.builder()
                .env(environment())
                .description("amsgrid: smart meter HAN data ingest (IoT Core, Lambda, DynamoDB, S3)")
                .build(), settings);
        NagSuppressionsConfig.apply(stack);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return new Built(app, stack, settings);
    }

    /** A new app with {@code context} and the cloud assembly written to {@code outDir}. */
    public static Built build(Path outDir, Map<String, Object> context) {
        return build(new App(AppProps.builder().outdir(outDir.toString()).context(context).build()));
    }

    /** Synthesizes the cloud assembly (templates and assets) to {@code outDir}; returns its directory. */
    public static Path synthesize(Path outDir, Map<String, Object> context) {
        Built built = build(outDir, context);
        return Path.of(built.app().synth().getDirectory());
    }

    private static Environment environment() {
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        if (account == null || region == null) {
            return null;
        }
        return Environment.builder().account(account).region(region).build();
    }
}
