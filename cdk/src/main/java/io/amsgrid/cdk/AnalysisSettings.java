package io.amsgrid.cdk;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The scheduled analysis function's settings (part of {@link AppSettings}).
 *
 * @param jar            {@code analysisJar=PATH}: the shaded analysis jar (must exist)
 * @param topologyKey    {@code topologyKey=KEY}: the grid operator's topology file in the data bucket
 *                       (e.g. {@code topology/topology.csv}); absent = no topology checks, and no read
 *                       grant outside {@code csv/}
 * @param expectedMeters {@code expectedMeters=N} (default 1): the {@code MetersAnalysed} alarm fires when
 *                       a daily report covers fewer meters than this (1: only when no meter had data)
 */
public record AnalysisSettings(Path jar, Optional<String> topologyKey, int expectedMeters) {

    public AnalysisSettings {
        if (expectedMeters < 1) {
            throw new AppSettingsException("context " + AppSettings.EXPECTED_METERS + "=" + expectedMeters
                    + " is out of range: use 1 or more meters");
        }
        topologyKey.ifPresent(key -> {
            if (key.startsWith("/") || key.endsWith("/") || key.contains("*")) {
                throw new AppSettingsException("context " + AppSettings.TOPOLOGY_KEY + "=" + key
                        + " is not valid: use an object key in the data bucket such as topology/topology.csv");
            }
        });
    }
}
