package io.graphraft.checker.history;

import io.graphraft.checker.HistoryScript;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryTest {
    @Test
    void operationsAreGroupedByKeyInInvocationOrder() {
        HistoryScript script = new HistoryScript();
        script.write(0, "b", 1, 10, 20);
        script.read(1, "a", null, 5, 30);
        script.create(2, 9, Outcome.OK, 1, 2);
        script.write(0, "a", 2, 25, 40);

        History history = script.history();

        assertThat(history.registerOperationsByKey()).containsOnlyKeys("a", "b");
        assertThat(history.registerOperationsByKey().get("a")).extracting(ClientOperation::invokeTime)
                .containsExactly(5L, 25L);
        assertThat(history.creations()).extracting(ClientOperation::value).containsExactly(9L);
        assertThat(history.origin()).isEqualTo(1);
    }

    @Test
    void eventsOfAnInMemoryHistoryAreValidatedNamingTheEvent() {
        List<HistoryEvent> events = List.of(
                ClientEvent.invoke(1, 0, 0, Operation.write("k", 1)),
                ClientEvent.completion(Outcome.OK, 2, 0, 0, Operation.write("k", 1), null),
                ClientEvent.completion(Outcome.OK, 3, 0, 0, Operation.write("k", 1), null));

        assertThatThrownBy(() -> History.of(events)).isInstanceOf(InvalidHistoryException.class)
                .hasMessage("event 3: ok of op 0 which already completed");
    }

    @Test
    void eventsAroundAnOperationKeepItsKeyAndTheNemesisAndTrimALongMiddle() {
        HistoryScript script = new HistoryScript();
        long longRead = script.read(0, "k", 1L, 100, 10_000);
        for (int i = 0; i < 20; i++) {
            script.write(1, "k", 1, 200 + i * 100, 250 + i * 100);
            script.write(2, "other", i, 200 + i * 100, 250 + i * 100);
        }
        script.write(1, "k", 5, 50, 60);
        script.write(1, "k", 6, 10_100, 10_200);
        script.nemesis(150, "kill", "kill n1");
        History history = script.history();

        Excerpt excerpt = history.eventsAround(HistoryScript.operation(history, longRead), 3);

        assertThat(excerpt.events()).allSatisfy(e -> assertThat(e instanceof NemesisEvent
                || ((ClientEvent) e).operation().key().equals("k")).isTrue());
        assertThat(excerpt.events()).extracting(HistoryEvent::time).isSorted();
        // 2 events before the invocation (all there are), the invocation, 3 after it; 3 before the completion,
        // the completion, 2 after it (all there are); the 41 events in between less the 6 kept are omitted
        assertThat(excerpt.events()).hasSize(2 + 1 + 3 + 3 + 1 + 2);
        assertThat(excerpt.events().get(3)).isInstanceOf(NemesisEvent.class);
        assertThat(excerpt.omitted()).isEqualTo(41 - 6);
        assertThat(excerpt.describe(history.origin()).get(2)).contains("p0").contains("invoke").contains("read k");
    }
}
