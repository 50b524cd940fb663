package io.graphraft.checker.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NemesisPlanTest {
    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
        NemesisPlan plan = NemesisPlan.generate(42, 5, 20, MINUTE, EnumSet.allOf(FaultKind.class));
        NemesisPlan again = NemesisPlan.generate(42, 5, 20, MINUTE, EnumSet.allOf(FaultKind.class));
        NemesisPlan other = NemesisPlan.generate(43, 5, 20, MINUTE, EnumSet.allOf(FaultKind.class));

        assertThat(again.rounds()).isEqualTo(plan.rounds());
        assertThat(other.rounds()).isNotEqualTo(plan.rounds());
        assertThat(plan.rounds()).hasSize(20);
        assertThat(plan.rounds()).extracting(r -> r.fault().kind()).as("a long plan draws every kind")
                .containsAll(EnumSet.allOf(FaultKind.class));
    }

    @Test
    void roundsFollowEachOtherAndHealWithinTheirShareOfTheRun() {
        NemesisPlan plan = NemesisPlan.generate(7, 3, 12, MINUTE, EnumSet.allOf(FaultKind.class));
        Duration share = MINUTE.dividedBy(12);
        for (NemesisRound round : plan.rounds()) {
            Duration roundStart = share.multipliedBy(round.number() - 1);
            assertThat(round.start()).isBetween(roundStart, roundStart.plus(share.dividedBy(5)));
            assertThat(round.hold()).isBetween(share.multipliedBy(3).dividedBy(10), share.multipliedBy(6).dividedBy(10));
            assertThat(round.healAt()).as("healed before the next round").isLessThan(roundStart.plus(share));
        }
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {1, 2, 3, 5})
    void everyFaultFitsTheClusterAndOnlyTheGivenKindsAreDrawn(int nodes) {
        Set<FaultKind> kinds = EnumSet.of(FaultKind.KILL, FaultKind.PARTITION, FaultKind.BRIDGE, FaultKind.ASYMMETRIC);
        NemesisPlan plan = NemesisPlan.generate(nodes, nodes, 200, Duration.ofSeconds(400), kinds);
        for (NemesisRound round : plan.rounds()) {
            assertThat(kinds).contains(round.fault().kind());
            assertThat(nodes).isGreaterThanOrEqualTo(round.fault().kind().minimumNodes());
            if (round.fault() instanceof Fault.Kill kill) {
                assertThat(kill.targets()).isNotEmpty().hasSizeLessThanOrEqualTo(nodes)
                        .allSatisfy(t -> assertThat(t.fallback()).isBetween(0, nodes - 1));
            } else if (round.fault() instanceof Fault.Partition partition) {
                assertThat(partition.minority().size()).isLessThanOrEqualTo(partition.majority().size());
                assertThat(union(partition.minority(), partition.majority())).hasSize(nodes);
                assertThat(partition.minority().size() + partition.majority().size()).isEqualTo(nodes);
            } else if (round.fault() instanceof Fault.Bridge bridge) {
                assertThat(union(bridge.sideA(), bridge.sideB(), Set.of(bridge.bridge()))).hasSize(nodes);
                assertThat(bridge.sideA().size() + bridge.sideB().size() + 1).isEqualTo(nodes);
                assertThat(bridge.sideA()).isNotEmpty();
                assertThat(bridge.sideB()).isNotEmpty();
            } else if (round.fault() instanceof Fault.Asymmetric asymmetric) {
                assertThat(asymmetric.target().fallback()).isBetween(0, nodes - 1);
            }
        }
        if (nodes == 1) {
            assertThat(plan.kinds()).containsExactly(FaultKind.KILL);
        }
        if (nodes >= 3) {
            assertThat(plan.rounds()).extracting(r -> r.fault().describe())
                    .as("kills hit the leader, a minority and a majority")
                    .anySatisfy(d -> assertThat(d).startsWith("kill the leader"))
                    .anySatisfy(d -> assertThat(d).matches("kill n\\d"))
                    .anySatisfy(d -> assertThat(d).matches("kill n\\d, n\\d.*"));
        }
    }

    @Test
    void noRoundsIsAnEmptyPlanAndRoundsWithoutAFittingFaultAreRefused() {
        assertThat(NemesisPlan.generate(1, 3, 0, MINUTE, Set.of()).rounds()).isEmpty();
        assertThatThrownBy(() -> NemesisPlan.generate(1, 2, 3, MINUTE, Set.of(FaultKind.BRIDGE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 node(s)");
    }

    @Test
    void faultNamesParseAsTheCommandLineWritesThem() {
        for (FaultKind kind : FaultKind.values()) {
            assertThat(FaultKind.parse(kind.label())).isEqualTo(kind);
        }
        assertThat(FaultKind.ISOLATE_LEADER.label()).isEqualTo("isolate-leader");
        assertThatThrownBy(() -> FaultKind.parse("flood")).hasMessageContaining("flood").hasMessageContaining("bridge");
    }

    @SafeVarargs
    private static Set<Integer> union(Set<Integer>... sets) {
        Set<Integer> all = new HashSet<>();
        List.of(sets).forEach(all::addAll);
        return all;
    }
}
