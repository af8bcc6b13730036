package io.amsgrid.cli;

import io.amsgrid.rules.IngestRoute;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** The --route option of {@code ./amsgrid local}: the CDK context's name and values, direct by default. */
class LocalCommandTest {

    @Test
    void parse_noRoute_defaultsToDirect() {
        LocalCommand command = new LocalCommand();
        new CommandLine(command).parseArgs("--meters", "2");

        assertThat(IngestRoute.parse(command.route)).isEqualTo(IngestRoute.DIRECT);
        assertThat(command.feed).isEqualTo("auto");
    }

    @Test
    void parse_routeBatched_isTheBatchedRoute() {
        LocalCommand command = new LocalCommand();
        new CommandLine(command).parseArgs("--route", "batched", "--feed", "memory");

        assertThat(IngestRoute.parse(command.route)).isEqualTo(IngestRoute.BATCHED);
        assertThat(command.feed).isEqualTo("memory");
    }
}
