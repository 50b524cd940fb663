package io.graphraft.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A /proc stat line is read by field number, whatever the name between the parentheses holds. */
class ProcStatTest {

    @Test
    void cpuFieldsAreReadEvenWithSpacesAndParenthesesInTheName() {
        ProcStat compiler = ProcStat.parse("4242 (C2 CompilerThre) S 1 4200 4200 0 -1 1077936192 2000 0 0 0 538 41 12 3 20 0 30 0 1000 0 0");
        ProcStat odd = ProcStat.parse("4243 (weird) name)) R 1 4200 4200 0 -1 1077936192 2000 0 0 0 7 3 0 0 20 0 30 0 1000 0 0\n");
        assertThat(compiler.comm()).isEqualTo("C2 CompilerThre");
        assertThat(compiler.cpuNanos()).isEqualTo((538 + 41) * 10_000_000L);
        assertThat(compiler.reapedChildrenCpuNanos()).isEqualTo((12 + 3) * 10_000_000L);
        assertThat(odd.comm()).isEqualTo("weird) name)");
        assertThat(odd.cpuNanos()).isEqualTo((7 + 3) * 10_000_000L);
    }
}
