package io.amsgrid.codec;

import io.amsgrid.codec.testing.Vector;
import io.amsgrid.codec.testing.VectorAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The MIT-licensed vectors kept in this module's test resources: runs without ../shared. */
class MitVectorsTest {

    @TestFactory
    Stream<DynamicTest> decode_mitVectors_matchExpected() {
        List<Vector> vectors = VectorAssertions.loadResource("/vectors/mit-vectors.jsonl");
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(30);
        assertThat(vectors).allSatisfy(v -> assertThat(v.source())
                .matches("(toreamun/amshan|iotux/ElWiz|ndokter/dsmr_parser)@.*"));
        return vectors.stream().map(v -> DynamicTest.dynamicTest(v.id(), () -> VectorAssertions.check(v)));
    }
}
