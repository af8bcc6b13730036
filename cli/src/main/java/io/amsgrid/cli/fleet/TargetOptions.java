package io.amsgrid.cli.fleet;

import io.amsgrid.fleet.ops.Targets;
import picocli.CommandLine.Option;

/** {@code --thing T | --group G | --all}. */
public final class TargetOptions {
    @Option(names = "--thing", paramLabel = "T", description = "one thing")
    String thing;

    @Option(names = "--group", paramLabel = "G", description = "every thing of a thing group")
    String group;

    @Option(names = "--all", description = "every thing in the account (or local registry)")
    boolean all;

    public Targets targets() {
        int n = (thing != null ? 1 : 0) + (group != null ? 1 : 0) + (all ? 1 : 0);
        if (n != 1) {
            throw new io.amsgrid.fleet.FleetException(io.amsgrid.fleet.FleetError.BAD_INPUT,
                    "give exactly one of --thing T, --group G or --all");
        }
        return thing != null ? new Targets.One(thing) : group != null ? new Targets.Group(group) : new Targets.All();
    }
}
