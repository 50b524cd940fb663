package io.graphraft.checker.set;

import io.graphraft.checker.Anomaly;
import io.graphraft.checker.AnomalyType;
import io.graphraft.checker.HistoryScript;
import io.graphraft.checker.history.History;
import io.graphraft.checker.history.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SetCheckerTest {
    @Test
    void aHealthySetPassesWithUnknownCreationsPresentOrNot() {
        History history = creations();

        SetResult result = SetChecker.check(history, List.of(1L, 2L, 3L, 5L));

        assertThat(result.valid()).as("%s", result.anomalies()).isTrue();
        assertThat(result.creations()).isEqualTo(6);
        assertThat(result.acknowledged()).isEqualTo(3);
        assertThat(result.acknowledgedPresent()).isEqualTo(3);
        assertThat(result.unknown()).isEqualTo(2);
        assertThat(result.recovered()).isEqualTo(1);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.finalSize()).isEqualTo(4);
    }

    @Test
    void anAcknowledgedElementMissingIsLost() {
        SetResult result = SetChecker.check(creations(), List.of(1L, 3L));

        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AnomalyType.LOST);
            assertThat(a.subject()).isEqualTo("2");
            assertThat(a.operations()).singleElement().satisfies(op -> assertThat(op.value()).isEqualTo(2L));
        });
    }

    @Test
    void anElementPresentTwiceIsDuplicatedWhetherAcknowledgedOrUnknown() {
        SetResult result = SetChecker.check(creations(), List.of(1L, 2L, 2L, 3L, 5L, 5L));

        assertThat(result.anomalies()).extracting(Anomaly::type, Anomaly::subject)
                .containsExactly(tuple(AnomalyType.DUPLICATED, "2"),
                        tuple(AnomalyType.DUPLICATED, "5"));
        assertThat(result.anomalies().get(0).description()).contains("2 times");
    }

    @Test
    void anElementNoClientCreatedIsUnexpected() {
        SetResult result = SetChecker.check(creations(), List.of(1L, 2L, 3L, 99L, 99L));

        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AnomalyType.UNEXPECTED);
            assertThat(a.subject()).isEqualTo("99");
            assertThat(a.description()).contains("2 times").contains("no client");
        });
    }

    @Test
    void aFailedCreationPresentIsAnAnomaly() {
        SetResult result = SetChecker.check(creations(), List.of(1L, 2L, 3L, 4L));

        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AnomalyType.FAILED_BUT_PRESENT);
            assertThat(a.subject()).isEqualTo("4");
        });
    }

    @Test
    void elementsMustBeUniquePerCreation() {
        HistoryScript script = new HistoryScript();
        script.create(0, 1, Outcome.OK, 0, 10);
        script.create(1, 1, Outcome.OK, 5, 15);

        assertThatThrownBy(() -> SetChecker.check(script.history(), List.of(1L)))
                .hasMessageContaining("element 1 is created by op 0 and op 1");
    }

    /** ok 1, 2, 3; failed 4; unknown 5 and 6. */
    private static History creations() {
        HistoryScript script = new HistoryScript();
        script.create(0, 1, Outcome.OK, 0, 10);
        script.create(1, 2, Outcome.OK, 5, 15);
        script.create(2, 3, Outcome.OK, 6, 30);
        script.create(0, 4, Outcome.FAIL, 20, 40);
        script.create(1, 5, Outcome.UNKNOWN, 20, 40);
        script.create(2, 6, Outcome.UNKNOWN, 35, 50);
        return script.history();
    }
}
