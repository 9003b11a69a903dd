package io.noseid.worker.gallery;

import io.noseid.worker.matcher.DogModel;
import io.noseid.worker.matcher.HammingEmbedding;
import io.noseid.worker.matcher.IndexPhoto;
import io.noseid.worker.matcher.NoseTemplate;
import io.noseid.worker.matcher.Vocabulary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact binary encoding of templates, index photos and SVM models for the gallery tables. Template format 1 ends
 * with a per-photo tf-idf bag-of-words section that nothing reads any more: it is written empty and skipped when
 * read, so templates stored before and after stay readable by both. Format 2 adds the AKAZE points and descriptors
 * after it; a template without AKAZE features is still written in format 1, readable by workers that predate them.
 */
public final class TemplateCodec {

    private static final int TEMPLATE_FORMAT = 1;
    private static final int TEMPLATE_FORMAT_WITH_AKAZE = 2;

    private TemplateCodec() {
    }

    public static byte[] encodeTemplate(NoseTemplate t) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream(t.descriptors().length + t.keypointCount() * 20 + 64);
            DataOutputStream out = new DataOutputStream(bos);
            boolean akaze = t.akazeCount() > 0;
            out.writeByte(akaze ? TEMPLATE_FORMAT_WITH_AKAZE : TEMPLATE_FORMAT);
            out.writeUTF(t.vocabularyVersion());
            int n = t.keypointCount();
            out.writeInt(n);
            for (float f : t.keypoints()) {
                out.writeFloat(f);
            }
            out.write(t.descriptors());
            for (int w : t.words()) {
                out.writeInt(w);
            }
            out.writeInt(0); // the unused bag-of-words section, empty
            if (akaze) {
                out.writeInt(t.akazeCount());
                for (float f : t.akazePoints()) {
                    out.writeFloat(f);
                }
                out.write(t.akazeDescriptors());
            }
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NoseTemplate decodeTemplate(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int format = in.get();
            if (format != TEMPLATE_FORMAT && format != TEMPLATE_FORMAT_WITH_AKAZE) {
                throw new IOException("unknown template format");
            }
            String version = readUtf(in);
            int n = in.getInt();
            float[] kp = new float[n * 4];
            in.asFloatBuffer().get(kp);
            in.position(in.position() + kp.length * Float.BYTES);
            byte[] d = new byte[n * Vocabulary.DIM];
            in.get(d);
            int[] words = new int[n];
            in.asIntBuffer().get(words);
            in.position(in.position() + n * Integer.BYTES);
            skipBow(in);
            if (format == TEMPLATE_FORMAT) {
                return new NoseTemplate(version, kp, d, words);
            }
            int a = in.getInt();
            float[] points = new float[a * 2];
            in.asFloatBuffer().get(points);
            in.position(in.position() + points.length * Float.BYTES);
            byte[] binary = new byte[a * NoseTemplate.AKAZE_BYTES];
            in.get(binary);
            return new NoseTemplate(version, kp, d, words, points, binary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new UncheckedIOException(new EOFException("truncated template"));
        }
    }

    /** Format 4: without Hamming signatures (decoded with null signatures); 5: with signatures. */
    private static final int INDEX_FORMAT_WITHOUT_SIGNATURES = 4;
    private static final int INDEX_FORMAT = 5;

    public static byte[] encodeIndexPhotos(List<IndexPhoto> photos) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bos);
            out.writeByte(INDEX_FORMAT);
            out.writeByte(HammingEmbedding.VERSION);
            out.writeInt(photos.size());
            for (IndexPhoto p : photos) {
                out.writeInt(p.words().length);
                for (int w : p.words()) {
                    if (w < 0 || w > 0xffff) {
                        throw new IllegalArgumentException("word id out of 16-bit range: " + w);
                    }
                    out.writeChar(w);
                }
                out.write(p.angles());
                out.write(p.scales());
                out.write(p.xs());
                out.write(p.ys());
                for (int sig : p.signatures()) {
                    out.writeInt(sig);
                }
            }
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decoded with bulk reads of each column (the start of a worker decodes 100,000 of these): element by element
     * through a DataInputStream took most of the load time.
     */
    public static List<IndexPhoto> decodeIndexPhotos(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int format = in.get();
            if (format != INDEX_FORMAT && format != INDEX_FORMAT_WITHOUT_SIGNATURES) {
                throw new IOException("unknown index format " + format);
            }
            // Signatures of another embedding version are dropped: the matcher recomputes them.
            boolean signed = format == INDEX_FORMAT && in.get() == HammingEmbedding.VERSION;
            int n = in.getInt();
            List<IndexPhoto> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int k = in.getInt();
                int[] w = new int[k];
                int at = in.position();
                for (int j = 0; j < k; j++) {
                    w[j] = in.getChar(at + j * Character.BYTES);
                }
                in.position(at + k * Character.BYTES);
                byte[] a = new byte[k];
                in.get(a);
                byte[] sc = new byte[k];
                in.get(sc);
                byte[] xs = new byte[k];
                in.get(xs);
                byte[] ys = new byte[k];
                in.get(ys);
                int[] sigs = null;
                if (format == INDEX_FORMAT) {
                    sigs = new int[k];
                    in.asIntBuffer().get(sigs);
                    in.position(in.position() + k * Integer.BYTES);
                }
                out.add(new IndexPhoto(w, a, sc, xs, ys, signed ? sigs : null));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new UncheckedIOException(new EOFException("truncated index features"));
        }
    }

    public static byte[] encodeModel(DogModel m) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bos);
            out.writeInt(m.weights().length);
            for (float w : m.weights()) {
                out.writeFloat(w);
            }
            out.writeFloat(m.bias());
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DogModel decodeModel(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            float[] w = new float[in.getInt()];
            in.asFloatBuffer().get(w);
            in.position(in.position() + w.length * Float.BYTES);
            return new DogModel(w, in.getFloat());
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new UncheckedIOException(new EOFException("truncated SVM model"));
        }
    }

    /** A string written by {@link DataOutputStream#writeUTF} (modified UTF-8 after a 2-byte length). */
    private static String readUtf(ByteBuffer in) throws IOException {
        int length = in.getChar(in.position());
        String s = new DataInputStream(new ByteArrayInputStream(in.array(), in.position(), 2 + length)).readUTF();
        in.position(in.position() + 2 + length);
        return s;
    }

    /** Skips the bag-of-words section of template format 1 (word index and weight per entry). */
    private static void skipBow(ByteBuffer in) throws EOFException {
        int entries = in.getInt();
        long end = in.position() + (long) entries * (Integer.BYTES + Float.BYTES);
        if (end > in.limit()) {
            throw new EOFException("truncated template");
        }
        in.position((int) Math.max(in.position(), end));
    }
}
