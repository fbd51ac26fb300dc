package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A thread's kept generator: each use starts empty at the root, whatever the use before it did. */
class KeptGeneratorTest {

    @Test
    void usesFollowingEachOtherWriteNothingBetweenTheirValues() {
        assertThat(written("{\"a\":1}")).isEqualTo("{\"a\":1}");
        assertThat(written("{\"b\":[2]}")).isEqualTo("{\"b\":[2]}");
    }

    @Test
    void aUseThatFailedInsideAValueLeavesNothingBehindForTheNext() {
        assertThatThrownBy(() -> KeptGenerator.use(kept -> {
            CheckingGenerator g = kept.generator();
            g.writeStartObject();
            g.writeName("deep");
            g.writeStartArray();
            g.writeString("weave:///a/ref");
            throw new IllegalStateException("failed part-way");
        })).hasMessage("failed part-way");

        String after = KeptGenerator.use(kept -> {
            CheckingGenerator g = kept.generator();
            assertThat(g.level()).isZero();
            assertThat(g.deepest()).isZero();
            assertThat(g.suspicious()).isFalse();
            g.writeStartObject();
            g.writeNumberProperty("b", 1);
            g.writeEndObject();
            return text(kept);
        });
        assertThat(after).isEqualTo("{\"b\":1}");
    }

    @Test
    void whatAUseNotedIsNotCarriedIntoTheNext() {
        KeptGenerator.use(kept -> {
            kept.generator().writeStartArray();
            kept.generator().writeStartArray();
            kept.generator().writeString("weave:///x");
            kept.generator().writeEndArray();
            kept.generator().writeEndArray();
            assertThat(kept.generator().suspicious()).isTrue();
            return null;
        });
        KeptGenerator.use(kept -> {
            assertThat(kept.generator().deepest()).isZero();
            assertThat(kept.generator().suspicious()).isFalse();
            return null;
        });
    }

    @Test
    void aUseInsideAUseWritesWithItsOwnGenerator() {
        String outer = KeptGenerator.use(kept -> {
            CheckingGenerator g = kept.generator();
            g.writeStartObject();
            g.writeName("inner");
            g.writeString(written("[1,2]"));
            g.writeEndObject();
            return text(kept);
        });
        assertThat(outer).isEqualTo("{\"inner\":\"[1,2]\"}");
    }

    private static String written(String json) {
        return KeptGenerator.use(kept -> {
            kept.generator().writeRawValue(json);
            return text(kept);
        });
    }

    private static String text(KeptGenerator kept) {
        return new String(kept.bytesFrom(0), StandardCharsets.UTF_8);
    }
}
