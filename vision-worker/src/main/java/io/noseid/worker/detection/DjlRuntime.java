package io.noseid.worker.detection;

import java.nio.file.Path;

/**
 * DJL settings that must be in place before the PyTorch engine starts: offline (nothing downloaded at run time:
 * libtorch comes from the pytorch-native-cpu jar on the classpath and is extracted into the cache), a cache
 * directory the service owns, and one intra-op thread per inference (more threads stalled a busy 2-core machine).
 * Values already given as system properties or environment variables win.
 */
final class DjlRuntime {

    static final String CACHE_DIR = "DJL_CACHE_DIR";

    private static volatile boolean configured;

    private DjlRuntime() {
    }

    static synchronized void configure() {
        if (configured) {
            return;
        }
        setIfAbsent("ai.djl.offline", "DJL_OFFLINE", "true");
        setIfAbsent(CACHE_DIR, CACHE_DIR,
                Path.of(System.getProperty("user.home"), ".noseid", "djl-cache").toString());
        setIfAbsent("ai.djl.pytorch.num_threads", null, "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", null, "1");
        // DJL's pytorch-engine otherwise also probes for a GPU flavour.
        setIfAbsent("PYTORCH_FLAVOR", "PYTORCH_FLAVOR", "cpu");
        configured = true;
    }

    private static void setIfAbsent(String property, String env, String value) {
        if (System.getProperty(property) != null) {
            return;
        }
        if (env != null && System.getenv(env) != null) {
            return;
        }
        System.setProperty(property, value);
    }
}
