package io.amsgrid.codec;

import io.amsgrid.codec.testing.VectorAssertions;
import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance set: every line of {@code ../shared/vectors/han-vectors.jsonl}, one test each.
 * Golden (amsreader) mismatches are printed as hints, never failed on.
 */
class HanVectorsTest {
    private static final List<String> GOLDEN_HINTS = new CopyOnWriteArrayList<>();

    @TestFactory
    Stream<DynamicTest> decode_everyVector_matchesExpected() {
        List<Vector> vectors = Vectors.all();
        assertThat(vectors).hasSize(88);
        return vectors.stream().map(v -> DynamicTest.dynamicTest(v.id(), () -> GOLDEN_HINTS.addAll(VectorAssertions.check(v))));
    }

    @AfterAll
    static void reportGoldenHints() {
        if (!GOLDEN_HINTS.isEmpty()) {
            System.err.println("golden_amsreader hints that differ from the decoder (not failures):");
            GOLDEN_HINTS.forEach(h -> System.err.println("  " + h));
        }
    }
}
