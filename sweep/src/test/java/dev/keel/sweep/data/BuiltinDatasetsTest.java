package dev.keel.sweep.data;

import dev.keel.diagnose.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuiltinDatasetsTest {
    private static PreparedData load(String name) {
        return DataLoader.load(DataSpec.of("builtin:" + name, null), 42);
    }

    @Test
    void irisHasThreeNamedSpeciesAndFourFeatures() {
        PreparedData iris = load("iris");
        assertThat(iris.task()).isEqualTo(Task.CLASSIFICATION);
        assertThat(iris.rows()).isEqualTo(150);
        assertThat(iris.featureNames()).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
        assertThat(iris.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(iris.image()).isNull();
        assertThat(iris.notes().get(0)).contains("classification", "inferred", "'species'", "text labels");
    }

    @Test
    void digitsAreTenClassesOfEightByEightImages() {
        PreparedData digits = load("digits");
        assertThat(digits.rows()).isEqualTo(1797);
        assertThat(digits.features()).isEqualTo(64);
        assertThat(digits.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(digits.image()).isEqualTo(new ImageShape(1, 8, 8));
        assertThat(Arrays.stream(digits.train().features()).flatMapToDouble(Arrays::stream).max().getAsDouble()).isEqualTo(16.0);
    }

    @Test
    void breastCancerIsBinaryWithThirtyFeatures() {
        PreparedData cancer = load("breast_cancer");
        assertThat(cancer.rows()).isEqualTo(569);
        assertThat(cancer.features()).isEqualTo(30);
        assertThat(cancer.classNames()).containsExactly("0", "1");
        assertThat(cancer.outputs()).isEqualTo(2);
    }

    @Test
    void diabetesIsInferredAsRegression() {
        PreparedData diabetes = load("diabetes");
        assertThat(diabetes.task()).isEqualTo(Task.REGRESSION);
        assertThat(diabetes.rows()).isEqualTo(442);
        assertThat(diabetes.features()).isEqualTo(10);
        assertThat(diabetes.classNames()).isEmpty();
        assertThat(diabetes.outputs()).isEqualTo(1);
        assertThat(diabetes.notes().get(0)).contains("regression", "inferred");
        assertThat(Arrays.stream(diabetes.train().targets()).max().getAsDouble()).isGreaterThan(100);
    }

    @Test
    void aShippedDatasetCanBeLoadedWithAnotherTarget() {
        PreparedData bmi = DataLoader.load(DataSpec.of("builtin:diabetes", "bmi"), 1);
        assertThat(bmi.task()).isEqualTo(Task.REGRESSION);
        assertThat(bmi.featureNames()).contains("target").doesNotContain("bmi");
    }

    @Test
    void digitsWithAnotherTargetAreNoLongerImages() {
        PreparedData digits = DataLoader.load(
                new DataSpec("builtin:digits", "pixel_3_3", Task.REGRESSION, 0.7, 0.15, 0.15, true), 1);
        assertThat(digits.features()).isEqualTo(64);
        assertThat(digits.image()).isNull();
    }

    @Test
    void builtinNamesIncludeTheShippedAndTheSyntheticDatasets() {
        assertThat(DataLoader.builtinNames())
                .containsExactly("breast_cancer", "diabetes", "digits", "ill_conditioned", "iris", "spirals");
    }

    @Test
    void theTargetNameIsTheBuiltinsOwnUnlessTheSpecNamesOne() {
        assertThat(DataLoader.targetName(DataSpec.of("builtin:iris", null))).isEqualTo("species");
        assertThat(DataLoader.targetName(DataSpec.of("builtin:Spirals", null))).isEqualTo("label");
        assertThat(DataLoader.targetName(DataSpec.of("builtin:diabetes", "bmi"))).isEqualTo("bmi");
        assertThat(DataLoader.targetName(DataSpec.of("my.csv", "price"))).isEqualTo("price");
    }

    @Test
    void anUnknownBuiltinListsTheBuiltins() {
        assertThatThrownBy(() -> load("mnist"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("builtin:mnist")
                .hasMessageContaining("builtin:iris")
                .hasMessageContaining("builtin:spirals")
                .hasMessageNotContaining("\n");
    }

    @Test
    void everyBuiltinLoadsWithAllClassesInTraining() {
        for (String name : DataLoader.builtinNames()) {
            PreparedData data = load(name);
            assertThat(data.train().rows()).as(name).isGreaterThan(data.validation().rows());
            assertThat(data.fingerprint()).as(name).matches("[0-9a-f]{64}");
            if (data.task() == Task.CLASSIFICATION) {
                assertThat(Arrays.stream(data.train().targets()).distinct().count()).as(name)
                        .isEqualTo(data.classNames().size());
            }
        }
    }
}
