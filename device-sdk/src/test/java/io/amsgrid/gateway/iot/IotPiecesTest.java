package io.amsgrid.gateway.iot;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IotPiecesTest {
    @Test
    void publishOffset_stablePerThingAndSpreadOverTheMinute() {
        assertThat(PublishOffset.forThing("gw-0001")).isEqualTo(PublishOffset.forThing("gw-0001"));
        Set<Long> seconds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Duration d = PublishOffset.forThing("gw-" + i);
            assertThat(d.toSeconds()).isBetween(0L, 59L);
            seconds.add(d.toSeconds());
        }
        assertThat(seconds).hasSize(60);
    }

    @Test
    void reconnectPolicy_boundDoublesUpToMax() {
        var p = new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(p.bound(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.bound(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.bound(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.bound(1000)).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("minDelay");
    }

    @Test
    void matches_mqttTopicFilters() {
        assertThat(IotConnection.matches("$aws/things/gw/shadow/update/delta", "$aws/things/gw/shadow/update/delta")).isTrue();
        assertThat(IotConnection.matches("avg/+", "avg/gw-1")).isTrue();
        assertThat(IotConnection.matches("avg/+", "avg/gw-1/x")).isFalse();
        assertThat(IotConnection.matches("a/#", "a/b/c")).isTrue();
        assertThat(IotConnection.matches("a/b", "a")).isFalse();
    }
}
