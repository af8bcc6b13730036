package io.amsgrid.gateway.rotation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RotationStateTest {
    @TempDir
    Path dir;

    @Test
    void write_thenRead_sameState() {
        RotationState s = new RotationState("r-1", RotationState.Step.CERT_ISSUED, "new", "old", null);
        s.write(dir.resolve("rotation.json"));
        assertThat(RotationState.read(dir.resolve("rotation.json"))).isEqualTo(s);
    }

    @Test
    void read_missingFile_null() {
        assertThat(RotationState.read(dir.resolve("rotation.json"))).isNull();
    }

    @Test
    void read_damagedFile_namedError() throws Exception {
        Files.writeString(dir.resolve("rotation.json"), "{\"requestId\":\"r\",\"step\":\"NOPE\"}");
        assertThatThrownBy(() -> RotationState.read(dir.resolve("rotation.json")))
                .hasMessageContaining("damaged");
    }
}
