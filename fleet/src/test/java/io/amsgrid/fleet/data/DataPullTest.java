package io.amsgrid.fleet.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DataPullTest {
    @TempDir
    Path dir;

    @Test
    void sameContent_sizeAndMd5Match_true() throws Exception {
        Path f = Files.writeString(dir.resolve("a.csv"), "hello");
        // MD5("hello") = 5d41402abc4b2a76b9719d911017c592
        assertThat(DataPull.sameContent(f, S3Object.builder().size(5L).eTag("\"5d41402abc4b2a76b9719d911017c592\"")
                .build())).isTrue();
    }

    @Test
    void sameContent_sameSizeOtherMd5_false() throws Exception {
        Path f = Files.writeString(dir.resolve("a.csv"), "hellp");
        assertThat(DataPull.sameContent(f, S3Object.builder().size(5L).eTag("\"5d41402abc4b2a76b9719d911017c592\"")
                .build())).isFalse();
    }

    @Test
    void sameContent_missingOrOtherSize_false() throws Exception {
        assertThat(DataPull.sameContent(dir.resolve("none.csv"), S3Object.builder().size(5L).eTag("x").build())).isFalse();
        Path f = Files.writeString(dir.resolve("b.csv"), "hello!");
        assertThat(DataPull.sameContent(f, S3Object.builder().size(5L).eTag("x").build())).isFalse();
    }
}
