package io.amsgrid.localrun.feed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedKindTest {
    @Test
    void resolve_auto_ptyUpToTheLimitMemoryAbove() {
        assertThat(FeedKind.AUTO.resolve(1)).isEqualTo(FeedKind.PTY);
        assertThat(FeedKind.AUTO.resolve(FeedKind.MEMORY_ABOVE_METERS)).isEqualTo(FeedKind.PTY);
        assertThat(FeedKind.AUTO.resolve(FeedKind.MEMORY_ABOVE_METERS + 1)).isEqualTo(FeedKind.MEMORY);
    }

    @Test
    void resolve_explicit_keptWhateverTheCount() {
        assertThat(FeedKind.PTY.resolve(1000)).isEqualTo(FeedKind.PTY);
        assertThat(FeedKind.MEMORY.resolve(1)).isEqualTo(FeedKind.MEMORY);
    }

    @Test
    void parse_anyCase_orANamedError() {
        assertThat(FeedKind.parse(" Memory ")).isEqualTo(FeedKind.MEMORY);
        assertThat(FeedKind.parse("pty")).isEqualTo(FeedKind.PTY);
        assertThatThrownBy(() -> FeedKind.parse("serial"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--feed must be pty, memory or auto, was 'serial'");
    }
}
