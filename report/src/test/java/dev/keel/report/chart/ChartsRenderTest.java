package dev.keel.report.chart;

import dev.keel.report.FixtureSweep;
import dev.keel.report.model.StabilityMap;
import dev.keel.report.model.StabilityReport;
import dev.keel.sweep.store.ResultStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every chart of the fixture report draws to a decodable PNG of the size it claims. */
class ChartsRenderTest {
    @TempDir
    static Path dir;
    static StabilityReport report;

    @BeforeAll
    static void build() throws Exception {
        report = StabilityReport.of(ResultStore.open(FixtureSweep.write40(dir.resolve("run"))));
    }

    /** XChart loops until tick labels differ; a regression there would hang, so it must fail instead. */
    @Test
    @org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void everyChartIsAPngOfItsStatedSizeAtTwiceTheDensity() throws Exception {
        List<ChartImage> images = new ArrayList<>();
        for (StabilityMap m : report.maps().maps()) {
            images.add(MapChart.draw(m));
        }
        images.add(CurveChart.topStable(report.curves().topStable()));
        report.curves().failures().forEach(e -> images.add(CurveChart.failure(e)));
        report.gradients().panels().forEach(p -> images.add(CurveChart.gradients(p)));
        Path out = Path.of("target", "chart-samples");
        Files.createDirectories(out);
        int i = 0;
        for (ChartImage c : images) {
            assertThat(c.dataUri()).startsWith("data:image/png;base64,");
            byte[] png = Base64.getDecoder().decode(c.dataUri().substring("data:image/png;base64,".length()));
            assertThat(png).hasSize(c.bytes());
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(img.getWidth()).isEqualTo(2 * c.width());
            assertThat(img.getHeight()).isEqualTo(2 * c.height());
            Files.write(out.resolve("chart-" + (i++) + ".png"), png);
        }
    }

    @Test
    void aTrialChartIsDrawnAtItsCssSizeAndNothingWithoutATrace() {
        var detail = report.details().get(0);
        ChartImage c = CurveChart.trial(detail.curves(), detail.detectedStep(), detail.row().outcome());
        assertThat(c).isNotNull();
        assertThat(c.bytes()).isLessThan(20_000);
        assertThat(CurveChart.trial(null, null, detail.row().outcome())).isNull();
    }
}
