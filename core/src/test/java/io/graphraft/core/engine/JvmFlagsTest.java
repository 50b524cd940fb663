package io.graphraft.core.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JvmFlagsTest {
    /** This module's tests run without any opens: the check must see that, and see what is there. */
    @Test
    void aFlagThisJvmLacksIsNamedAndOnesItHasAreNot() {
        assertThat(JvmFlags.missing(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED")))
                .contains("--add-opens=java.base/java.nio=ALL-UNNAMED");
        assertThat(JvmFlags.missing(List.of("-Dgraphraft.test.flag=on"))).contains("-Dgraphraft.test.flag=on");
        assertThat(JvmFlags.missing(List.of("-Djava.version=" + System.getProperty("java.version")))).isEmpty();
        assertThat(JvmFlags.missing(List.of())).isEmpty();
    }

    @Test
    void addOpensAreListedInManifestForm() {
        assertThat(JvmFlags.addOpens(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens java.base/sun.nio.ch=ALL-UNNAMED", "-Xmx1g")))
                .containsExactly("java.base/java.nio", "java.base/sun.nio.ch");
    }
}
