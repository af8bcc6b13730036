package io.amsgrid.fleet.ops;

import io.amsgrid.fleet.FleetError;
import io.amsgrid.fleet.FleetException;
import io.amsgrid.fleet.control.FleetControl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which devices a fleet command acts on: one thing, a thing group, or all things (paginated). */
public sealed interface Targets {
    record One(String thing) implements Targets {
    }

    record Group(String group) implements Targets {
    }

    record All() implements Targets {
    }

    /** Page size of ListThings / ListThingsInThingGroup (the API allows 1-250). */
    int PAGE_SIZE = 250;

    /** Resolves the targets to thing names, following {@code nextToken} to the last page. */
    default List<String> resolve(FleetControl control) {
        return switch (this) {
            case One o -> {
                if (!control.thingExists(o.thing())) {
                    throw new FleetException(FleetError.UNKNOWN_THING, "no thing named " + o.thing());
                }
                yield List.of(o.thing());
            }
            case Group g -> all(control, g.group());
            case All a -> all(control, null);
        };
    }

    private static List<String> all(FleetControl control, String group) {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            FleetControl.ThingPage p = control.listThings(group, token, PAGE_SIZE);
            out.addAll(p.things());
            token = p.nextToken().orElse(null);
        } while (token != null);
        return out;
    }

    /** From the mutually exclusive command options; exactly one must be given. */
    static Targets of(Optional<String> thing, Optional<String> group, boolean all) {
        int n = (thing.isPresent() ? 1 : 0) + (group.isPresent() ? 1 : 0) + (all ? 1 : 0);
        if (n != 1) {
            throw new FleetException(FleetError.BAD_INPUT, "give exactly one of --thing T, --group G or --all");
        }
        return thing.<Targets>map(One::new).or(() -> group.map(Group::new)).orElseGet(All::new);
    }
}
