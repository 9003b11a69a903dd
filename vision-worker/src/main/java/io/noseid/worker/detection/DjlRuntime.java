package io.noseid.worker.detection;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * DJL settings that must be in place before the PyTorch engine starts: offline (nothing downloaded at run time:
 * libtorch comes from the pytorch-native-cpu jar on the classpath and is extracted into the cache), a cache
 * directory the service owns, and one intra-op thread per inference (more threads stalled a busy 2-core machine).
 * Values already given as system properties or environment variables win.
 *
 * <p>oneDNN, which libtorch uses for convolutions, is capped at AVX2 ({@value #ONEDNN_ISA_CAP}): on an AMD EPYC
 * with AVX-512 its AVX-512 kernels returned different boxes for the same image from one call to the next (half the
 * test photos lost their nose on a second pass), while AVX2 answers identically every time. oneDNN
 * reads the cap from the process environment, so it is set there (libc {@code setenv}) before the engine starts.
 */
final class DjlRuntime {

    static final String CACHE_DIR = "DJL_CACHE_DIR";
    static final String ONEDNN_ISA = "ONEDNN_MAX_CPU_ISA";
    static final String ONEDNN_ISA_CAP = "AVX2";

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
        setProcessEnvironmentIfAbsent(ONEDNN_ISA, ONEDNN_ISA_CAP);
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

    /** Sets a variable in the native process environment (seen by libtorch and oneDNN) unless it is already set. */
    static void setProcessEnvironmentIfAbsent(String name, String value) {
        MethodHandle setenv = libc("setenv", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 0);
            if (rc != 0) {
                throw new IllegalStateException("setenv(" + name + ") failed with " + rc);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of a variable in the native process environment (System.getenv shows only the start-up copy). */
    static String processEnvironment(String name) {
        MethodHandle getenv = libc("getenv", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment result = (MemorySegment) getenv.invokeExact(arena.allocateFrom(name));
            return result.equals(MemorySegment.NULL) ? null : result.reinterpret(4096).getString(0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle libc(String function, FunctionDescriptor descriptor) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find(function)
                .orElseThrow(() -> new IllegalStateException("libc " + function + " not found")), descriptor);
    }
}
