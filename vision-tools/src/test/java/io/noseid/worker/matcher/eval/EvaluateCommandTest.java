package io.noseid.worker.matcher.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noseid.worker.matcher.MatcherSettings;
import io.noseid.worker.matcher.Vocabulary;
import io.noseid.worker.matcher.synthetic.NoseGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluate command's report: every probe's result, and identification with several photos of one dog. */
class EvaluateCommandTest {

    @Test
    void reportsEveryProbeAndRankOneByTheNumberOfProbePhotos(@TempDir Path out) throws Exception {
        // 8 dogs with 5 enrolled photos and 3 probe photos, 6 impostor dogs with 3 photos each (v1, a seed of its own).
        EvalDataset ds = EvalDataset.synthetic(NoseGenerator.v1(77), 8, 8, 5, 6, 3, 0);
        EvaluateCommand.Report r = EvaluateCommand.run(ds, MatcherSettings.defaults(), Vocabulary.loadDefault(), 2,
                false, out, null, null, 3);

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode probes = report.path("matcher").path("probes");
        // Single-photo probes: 3 per genuine dog, 3 per impostor dog.
        assertEquals(8 * 3 + 6 * 3, probes.size());
        assertEquals(r.matcher().genuineCount() + r.matcher().impostorCount(), probes.size());
        int correct = 0;
        for (JsonNode p : probes) {
            assertEquals(1, p.path("photos").size());
            if (p.path("genuine").asBoolean()) {
                assertTrue(p.path("photos").get(0).asInt() >= 5, "a genuine probe is never an enrolled photo");
                if (p.path("correctTop").asBoolean()) {
                    correct++;
                    assertEquals(p.path("dog").asText(), p.path("topDog").asText());
                }
            } else {
                assertTrue(p.path("shortlistRank").isNull());
                assertTrue(p.path("topDog").isNull() || !p.path("topDog").asText().equals(p.path("dog").asText()));
            }
        }
        assertEquals(r.matcher().rank1(), correct / (double) r.matcher().genuineCount(), 1e-9,
                "the per-probe results are the ones the figures count");

        JsonNode several = report.path("probePhotos");
        assertEquals(3, several.size());
        List<String> dogs = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            JsonNode phase = several.get(k - 1);
            assertEquals(8, phase.path("genuineProbes").asInt());
            assertEquals(6, phase.path("impostorProbes").asInt());
            List<String> these = new ArrayList<>();
            for (JsonNode p : phase.path("probes")) {
                assertEquals(k, p.path("photos").size(), "each probe sends " + k + " photo(s)");
                these.add(p.path("dog").asText());
            }
            if (k == 1) {
                dogs = these;
            }
            assertEquals(dogs, these, "the same dogs in every row");
        }
    }
}
