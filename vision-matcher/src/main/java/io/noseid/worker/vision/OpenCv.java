package io.noseid.worker.vision;

/**
 * Loads OpenCV's native library (bundled in the openpnp jar) once per JVM. Every class that touches OpenCV calls
 * {@link #ensureLoaded()} first, so plain-Java users (tests, commands, benchmarks) need no set-up.
 */
public final class OpenCv {

    private static volatile boolean loaded;

    private OpenCv() {
    }

    public static void ensureLoaded() {
        if (!loaded) {
            synchronized (OpenCv.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }
}
