package dev.keel.sweep.data;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The encoder learns medians, modes and categories from the training rows it is given, and nowhere else. */
class FeatureEncoderTest {
    private static final CsvTable TABLE = CsvParser.parse((
            "x,colour\n"
                    + "1,red\n"      // train
                    + "2,red\n"      // train
                    + "3,blue\n"     // train
                    + "100,NA\n"     // validation
                    + ",purple\n"    // validation
                    + "200,purple\n" // test
            ).getBytes(StandardCharsets.UTF_8), "data file 'x.csv'");
    private static final int[] ALL_ROWS = {0, 1, 2, 3, 4, 5};
    private static final int[] TRAIN = {0, 1, 2};

    private static FeatureEncoder.Encoded encode() {
        Map<Integer, ColumnKind> kinds = new LinkedHashMap<>();
        kinds.put(0, ColumnKind.NUMERIC);
        kinds.put(1, ColumnKind.CATEGORICAL);
        return FeatureEncoder.encode(TABLE, kinds, ALL_ROWS, TRAIN);
    }

    @Test
    void aMissingNumberTakesTheTrainingMedianEvenInValidationRows() {
        assertThat(encode().rows()[4][0]).isEqualTo(2);
    }

    @Test
    void aMissingCategoryTakesTheTrainingMode() {
        FeatureEncoder.Encoded e = encode();
        assertThat(e.names()).containsExactly("x", "colour=blue", "colour=red");
        assertThat(e.rows()[3]).containsExactly(100, 0, 1);
    }

    @Test
    void aCategoryNeverSeenInTrainingIsAllZerosAndSaid() {
        FeatureEncoder.Encoded e = encode();
        assertThat(e.rows()[5]).containsExactly(200, 0, 0);
        assertThat(e.notes()).contains(
                "column 'colour': 2 validation/test values not seen in training ('purple') are encoded as all zeros");
        assertThat(e.notes().get(0)).isEqualTo("imputed 2 missing feature values with the training split's median"
                + " (numbers) or mode (categories): x 1 (median 2), colour 1 (mode 'red')");
    }

    @Test
    void aColumnWithoutTrainingValuesIsDropped() {
        Map<Integer, ColumnKind> kinds = new LinkedHashMap<>();
        kinds.put(0, ColumnKind.NUMERIC);
        FeatureEncoder.Encoded e = FeatureEncoder.encode(TABLE, kinds, ALL_ROWS, new int[] {4});
        assertThat(e.names()).isEmpty();
        assertThat(e.notes()).contains("column 'x' has no value in the training split: dropped");
    }
}
