package dev.keel.report.html;

import dev.keel.report.chart.ChartImage;
import dev.keel.report.chart.CurveChart;
import dev.keel.report.chart.MapChart;
import dev.keel.report.model.Example;
import dev.keel.report.model.GradientView;
import dev.keel.report.model.StabilityMap;
import dev.keel.report.model.StabilityReport;
import dev.keel.report.model.TrialDetail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Every chart of a stability report, drawn on one thread per core while the page is written: drawing is
 * most of a report's time, and each chart is independent of the others (its own XChart object and image).
 * The sections take each image when they reach it. The largest charts are started first so that the
 * threads finish together.
 */
final class PageCharts implements AutoCloseable {
    private final ExecutorService pool;
    private final CompletableFuture<ChartImage> topStable;
    private final List<CompletableFuture<ChartImage>> maps = new ArrayList<>();
    private final List<CompletableFuture<ChartImage>> failures = new ArrayList<>();
    private final List<CompletableFuture<ChartImage>> gradients = new ArrayList<>();
    private final List<CompletableFuture<ChartImage>> trials = new ArrayList<>();

    private PageCharts(StabilityReport r, int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "keel-report-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Example> top = r.curves().topStable();
        topStable = top.isEmpty() ? CompletableFuture.completedFuture(null) : submit(() -> CurveChart.topStable(top));
        for (StabilityMap m : r.maps().maps()) {
            maps.add(submit(() -> MapChart.draw(m)));
        }
        for (Example e : r.curves().failures()) {
            failures.add(submit(() -> CurveChart.failure(e)));
        }
        for (GradientView.Panel p : r.gradients().panels()) {
            gradients.add(submit(() -> CurveChart.gradients(p)));
        }
        for (TrialDetail d : r.details()) {
            trials.add(submit(() -> CurveChart.trial(d.curves(), d.detectedStep(), d.row().outcome())));
        }
    }

    /** Starts drawing every chart of {@code r}, on one thread per core. */
    static PageCharts start(StabilityReport r) {
        return start(r, Runtime.getRuntime().availableProcessors());
    }

    /** Starts drawing every chart of {@code r} on {@code threads} threads. */
    static PageCharts start(StabilityReport r, int threads) {
        return new PageCharts(r, Math.max(1, threads));
    }

    private CompletableFuture<ChartImage> submit(Supplier<ChartImage> draw) {
        return CompletableFuture.supplyAsync(draw, pool);
    }

    ChartImage topStable() {
        return get(topStable);
    }

    ChartImage map(int i) {
        return get(maps.get(i));
    }

    ChartImage failure(int i) {
        return get(failures.get(i));
    }

    ChartImage gradients(int i) {
        return get(gradients.get(i));
    }

    /** The own chart of the {@code i}-th trial of {@link StabilityReport#details()}, or null without a trace. */
    ChartImage trial(int i) {
        return get(trials.get(i));
    }

    private static ChartImage get(CompletableFuture<ChartImage> chart) {
        try {
            return chart.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
