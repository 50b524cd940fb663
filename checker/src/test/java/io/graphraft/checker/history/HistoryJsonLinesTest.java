package io.graphraft.checker.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryJsonLinesTest {
    @TempDir
    Path temp;

    @Test
    void everyKindOfEventRoundTrips() throws IOException {
        List<HistoryEvent> events = List.of(
                ClientEvent.invoke(100, 0, 0, Operation.write("k1", 5)),
                ClientEvent.invoke(110, 1, 1, Operation.read("k1")),
                new NemesisEvent(115, "partition", "partition {n0} | {n1,n2}"),
                ClientEvent.completion(Outcome.OK, 120, 0, 0, Operation.write("k1", 5), null),
                ClientEvent.completion(Outcome.OK, 130, 1, 1, Operation.read("k1", null), null),
                ClientEvent.invoke(140, 0, 2, Operation.create(77)),
                ClientEvent.completion(Outcome.UNKNOWN, 150, 0, 2, Operation.create(77), "timeout after 1s"),
                ClientEvent.invoke(160, 1, 3, Operation.write("k2", -3)),
                ClientEvent.completion(Outcome.FAIL, 170, 1, 3, Operation.write("k2", -3), "not leader"),
                new NemesisEvent(180, "heal", ""));
        Path file = temp.resolve("history.jsonl");
        try (HistoryWriter writer = HistoryWriter.create(file)) {
            events.forEach(writer::append);
        }

        History history = HistoryReader.read(file);

        assertThat(history.events()).containsExactlyElementsOf(events);
        assertThat(history.operations()).extracting(ClientOperation::outcome)
                .containsExactly(Outcome.OK, Outcome.OK, Outcome.UNKNOWN, Outcome.FAIL);
        assertThat(history.operations().get(1).value()).isNull();
        assertThat(history.nemesisEvents()).extracting(NemesisEvent::kind).containsExactly("partition", "heal");
        assertThat(Files.readAllLines(file).get(0))
                .isEqualTo("{\"type\":\"invoke\",\"time\":100,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"k1\",\"value\":5}");
    }

    @Test
    void manyThreadsRecordAWellFormedHistoryInTimeOrder() throws Exception {
        Path file = temp.resolve("concurrent.jsonl");
        AtomicLong clock = new AtomicLong();
        int threads = 8;
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        try (HistoryRecorder recorder = new HistoryRecorder(HistoryWriter.create(file), clock::incrementAndGet)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int process = t;
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        long write = recorder.invoke(process, Operation.write("k" + process, i));
                        recorder.ok(write);
                        long read = recorder.invoke(process, Operation.read("k" + process));
                        if (i % 10 == 0) {
                            recorder.unknown(read, "timeout");
                        } else {
                            recorder.okRead(read, (long) i);
                        }
                    }
                });
                worker.start();
                workers.add(worker);
            }
            recorder.nemesis("kill", "kill n1");
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
        }

        History history = HistoryReader.read(file);

        assertThat(history.operations()).hasSize(threads * perThread * 2);
        assertThat(history.nemesisEvents()).hasSize(1);
        assertThat(history.events()).extracting(HistoryEvent::time).isSorted();
        assertThat(history.operations()).filteredOn(op -> op.outcome() == Outcome.UNKNOWN)
                .hasSize(threads * perThread / 10);
    }

    @Test
    void theWriterNeverOverwritesAnExistingHistory() throws IOException {
        Path file = temp.resolve("old.jsonl");
        Files.writeString(file, "{\"type\":\"nemesis\",\"time\":1,\"kind\":\"heal\"}\n");

        assertThatThrownBy(() -> HistoryWriter.create(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).contains("heal");
    }

    @Test
    void theRecorderRefusesToCompleteAnOperationTwiceOrAsTheWrongKind() throws IOException {
        try (HistoryRecorder recorder = new HistoryRecorder(new HistoryWriter(OutputStream.nullOutputStream()))) {
            long read = recorder.invoke(0, Operation.read("k"));
            assertThatThrownBy(() -> recorder.ok(read)).hasMessageContaining("okRead");
            recorder.okRead(read, 3L);
            assertThatThrownBy(() -> recorder.okRead(read, 3L)).hasMessageContaining("op " + read + " is not open");
            assertThatThrownBy(() -> recorder.invoke(0, Operation.read("k", 1L))).hasMessageContaining("without a value");
        }
    }

    @Test
    void malformedLinesAreRefusedNamingTheLine() {
        String valid = "{\"type\":\"invoke\",\"time\":1,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"k\",\"value\":1}\n";
        assertRefused(valid + "not json\n", "line 2");
        assertRefused(valid + "\n", "line 2: empty line");
        assertRefused(valid + "{\"type\":\"ok\",\"time\":2,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"k\",\"value\":1,\"colour\":1}\n",
                "line 2", "colour");
        assertRefused("{\"time\":1,\"process\":0,\"id\":0,\"f\":\"read\",\"key\":\"k\"}\n", "line 1: missing 'type'");
        assertRefused("{\"type\":\"info\",\"time\":1,\"process\":0,\"id\":0,\"f\":\"read\",\"key\":\"k\"}\n", "line 1", "'info'");
        assertRefused("{\"type\":\"invoke\",\"process\":0,\"id\":0,\"f\":\"read\",\"key\":\"k\"}\n", "line 1: missing 'time'");
        assertRefused("{\"type\":\"invoke\",\"time\":\"1\",\"process\":0,\"id\":0,\"f\":\"read\",\"key\":\"k\"}\n", "line 1");
        assertRefused("{\"type\":\"invoke\",\"time\":1.5,\"process\":0,\"id\":0,\"f\":\"read\",\"key\":\"k\"}\n", "line 1");
        assertRefused("{\"type\":\"invoke\",\"time\":1,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"k\",\"value\":\"x\"}\n", "line 1");
        assertRefused("{\"type\":\"invoke\",\"time\":1,\"process\":0,\"id\":0,\"f\":\"read\",\"key\":7}\n", "line 1");
        assertRefused("{\"type\":\"invoke\",\"time\":1,\"time\":2,\"process\":0,\"id\":0,\"f\":\"read\",\"key\":\"k\"}\n", "line 1", "time");
        assertRefused("{\"type\":\"invoke\",\"time\":1,\"process\":0,\"id\":0,\"f\":\"cas\",\"key\":\"k\"}\n", "line 1", "'cas'");
        assertRefused("{\"type\":\"invoke\",\"time\":1,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"k\"}\n", "line 1", "value");
        assertRefused("{\"type\":\"invoke\",\"time\":1,\"id\":0,\"f\":\"read\",\"key\":\"k\"}\n", "line 1", "'process'");
        assertRefused("{\"type\":\"nemesis\",\"time\":1,\"process\":0,\"kind\":\"kill\"}\n", "line 1", "'process'");
        assertRefused("{\"type\":\"nemesis\",\"time\":1,\"description\":\"kill n1\"}\n", "line 1", "'kind'");
        assertRefused("[1,2]\n", "line 1");
        assertRefused(valid + "{\"type\":\"invoke\",\"time\":1,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"k\",\"value\":1}\n{",
                "line 2", "invoked a second time");
        assertRefused(valid + "{\"type\":\"ok\",\"time\":2,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"k\",\"value\":1}\n{\"type\":\"ok\"",
                "line 3");
    }

    @Test
    void linesThatDoNotFitTheHistoryAreRefusedNamingTheLine() {
        String invokeWrite = "{\"type\":\"invoke\",\"time\":5,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"k\",\"value\":1}\n";
        assertRefused("{\"type\":\"ok\",\"time\":2,\"process\":0,\"id\":9,\"f\":\"write\",\"key\":\"k\",\"value\":1}\n",
                "line 1", "never invoked");
        assertRefused(invokeWrite + "{\"type\":\"invoke\",\"time\":6,\"process\":0,\"id\":1,\"f\":\"read\",\"key\":\"k\"}\n",
                "line 2", "still open");
        assertRefused(invokeWrite + "{\"type\":\"ok\",\"time\":6,\"process\":1,\"id\":0,\"f\":\"write\",\"key\":\"k\",\"value\":1}\n",
                "line 2", "completed by process 1");
        assertRefused(invokeWrite + "{\"type\":\"ok\",\"time\":6,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"k\",\"value\":2}\n",
                "line 2", "completed with value 2");
        assertRefused(invokeWrite + "{\"type\":\"ok\",\"time\":6,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"j\",\"value\":1}\n",
                "line 2", "write j 1");
        assertRefused(invokeWrite + "{\"type\":\"ok\",\"time\":4,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"k\",\"value\":1}\n",
                "line 2", "before its invocation");
        assertRefused("{\"type\":\"invoke\",\"time\":1,\"process\":0,\"id\":0,\"f\":\"read\",\"key\":\"k\",\"value\":3}\n",
                "line 1", "read's value belongs on its completion");
        assertRefused("{\"type\":\"invoke\",\"time\":1,\"process\":0,\"id\":0,\"f\":\"read\",\"key\":\"k\"}\n"
                        + "{\"type\":\"unknown\",\"time\":2,\"process\":0,\"id\":0,\"f\":\"read\",\"key\":\"k\",\"value\":3}\n",
                "line 2", "only an ok read observed one");
        assertRefused("{\"type\":\"invoke\",\"time\":1,\"process\":0,\"id\":0,\"f\":\"create\",\"key\":\"k\",\"value\":3}\n",
                "line 1", "no key");
        assertRefused("{\"type\":\"ok\",\"time\":1,\"process\":0,\"id\":0,\"f\":\"write\",\"key\":\"k\",\"value\":1,\"error\":\"x\"}\n",
                "line 1", "only fail and unknown");
    }

    @Test
    void anInvocationThatNeverCompletedCountsAsUnknown() throws IOException {
        String text = "{\"type\":\"invoke\",\"time\":5,\"process\":2,\"id\":4,\"f\":\"write\",\"key\":\"k\",\"value\":1}\n";

        History history = HistoryReader.read(new StringReader(text), "h");

        assertThat(history.operations()).singleElement().satisfies(op -> {
            assertThat(op.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(op.completed()).isFalse();
        });
    }

    private static void assertRefused(String text, String... fragments) {
        assertThatThrownBy(() -> HistoryReader.read(new StringReader(text), "h.jsonl"))
                .isInstanceOf(InvalidHistoryException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith("h.jsonl ");
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }

    @Test
    void aTruncatedLastLineIsRefusedAndTheFileKept() throws IOException {
        Path file = temp.resolve("truncated.jsonl");
        Files.write(file, ("{\"type\":\"nemesis\",\"time\":1,\"kind\":\"kill\",\"description\":\"kill n1\"}\n"
                + "{\"type\":\"invoke\",\"time\":2,\"pro").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> HistoryReader.read(file)).isInstanceOf(InvalidHistoryException.class)
                .hasMessageContaining(file + " line 2");
        assertThat(Files.size(file)).isPositive();
    }
}
