package io.noseid.worker.detection.bench;

import io.noseid.worker.detection.DetectorSettings;
import io.noseid.worker.detection.EvaluationSet;
import io.noseid.worker.detection.NoseDetection;
import io.noseid.worker.detection.NoseDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.opencv.core.Mat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * JMH variant of {@link DetectorBenchmark}: sample-time distribution (p0.50 = median) of one detection on one
 * thread: {@code ./noseid bench detector-jmh [JMH options]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(1)
public class DetectorJmhBenchmark {

    private NoseDetector detector;
    private List<Mat> images;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        detector = NoseDetector.load(DetectorSettings.defaults());
        images = EvaluationSet.textures(8, 3);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        detector.close();
    }

    @Benchmark
    public Optional<NoseDetection> detect() {
        Mat image = images.get(next++ % images.size());
        return detector.detect(image);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 5)
    public void loadModel() {
        NoseDetector.load(DetectorSettings.defaults()).close();
    }
}
