package io.amsgrid.lambdas.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ItemSizeTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "-0, 0", "7, 1", "230.5, 4", "-230.50, 5", "0.05, 1", "000120, 3", "1764064800000, 13",
            "-0.000001, 1", "12345678901234567890123456789012345678, 38"})
    void significantDigits_signPointAndLeadingZerosDropped(String number, int digits) {
        assertThat(ItemSize.significantDigits(number)).isEqualTo(digits);
    }

    @ParameterizedTest
    @CsvSource({"7, 2", "230.5, 3", "1764064800000, 8"})
    void bytes_numberIsOneBytePerTwoDigitsPlusOne(String number, int valueBytes) {
        assertThat(ItemSize.bytes(Map.of("ts", AttributeValue.fromN(number)))).isEqualTo(2 + valueBytes);
    }
}
