package io.graphraft.jraft;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SOFAJRaft declares netty-all, rocksdbjni and jmh-core; the build excludes them (and the enforcer
 * rule in this module's pom bans them). This checks what actually runs: one jar for each of Netty's
 * and RocksDB's classes, and no JMH in an engine module.
 */
class OneClasspathTest {

    @Test
    void nettyAndRocksDbAreOnTheClasspathOnceAndJmhNotAtAll() throws IOException {
        assertThat(jarsHolding("io/netty/channel/Channel.class")).hasSize(1).noneMatch(jar -> jar.contains("netty-all"));
        assertThat(jarsHolding("io/netty/channel/epoll/Epoll.class")).hasSize(1);
        assertThat(jarsHolding("org/rocksdb/RocksDB.class")).hasSize(1).allMatch(jar -> jar.contains("linux64"));
        assertThat(jarsHolding("org/openjdk/jmh/annotations/Benchmark.class")).isEmpty();
    }

    @Test
    void theCheckSeesAClassThatIsThere() throws IOException {
        // the same lookup finds jraft itself exactly once, so an empty answer above is not a broken lookup
        assertThat(jarsHolding("com/alipay/sofa/jraft/Node.class")).hasSize(1);
    }

    private static List<String> jarsHolding(String resource) throws IOException {
        List<URL> urls = Collections.list(OneClasspathTest.class.getClassLoader().getResources(resource));
        return urls.stream().map(URL::toString).toList();
    }
}
