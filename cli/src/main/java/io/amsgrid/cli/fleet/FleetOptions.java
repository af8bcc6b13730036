package io.amsgrid.cli.fleet;

import io.amsgrid.fleet.FleetSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the fleet lives: AWS (default) or the local stand-ins. Mixed into every fleet command. */
public final class FleetOptions {
    @Option(names = "--local", paramLabel = "DIR",
            description = "use the local stand-ins described by DIR/local.json (or AMSGRID_MODE=local + AMSGRID_LOCAL_DIR)")
    Path local;

    @Option(names = "--region", description = "AWS region (default: AWS_REGION or eu-north-1)")
    String region;

    @Option(names = "--iot-endpoint", paramLabel = "HOST", description = "AWS IoT data endpoint (default: DescribeEndpoint)")
    String endpoint;

    public FleetSettings settings() {
        return FleetSettings.resolve(local, region, endpoint, System.getenv());
    }
}
