package io.graphraft.network;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkLayerTest {
    /** How long a test watches a cut link to see that nothing crosses it. */
    private static final int QUIET_MILLIS = 300;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.add(resource);
        return resource;
    }

    private List<TestMember> members(int count) throws IOException {
        List<TestMember> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(open(new TestMember()));
        }
        return members;
    }

    private LinkLayer layerFor(List<TestMember> members) {
        return open(LinkLayer.start(members.stream().map(TestMember::address).toList()));
    }

    @Test
    void noRoundTripAtTenMillisecondsRttIsFasterThanTenMilliseconds() {
        RoundTripProbe.EchoServer echo = open(RoundTripProbe.EchoServer.start(RoundTripProbe.Waiting.BLOCKING));
        RoundTripProbe.EchoServer other = open(RoundTripProbe.EchoServer.start(RoundTripProbe.Waiting.BLOCKING));
        LinkLayer layer = open(LinkLayer.start(List.of(other.address(), echo.address())));
        layer.setRtt(Duration.ofMillis(10));

        RoundTripProbe.Result result = RoundTripProbe.measure(
                layer.address(0, 1), RoundTripProbe.Waiting.BLOCKING, "link rtt=10ms", 5, 60);

        // A lower bound only: the link must hold every byte for its delay; how late it releases is timing, measured in README.
        long tenMillis = Duration.ofMillis(10).toNanos();
        assertThat(result.nanos().getMinValue()).as(result.toString())
                .isGreaterThanOrEqualTo(result.nanos().lowestEquivalentValue(tenMillis));
        if (Files.isSymbolicLink(Path.of("/proc/thread-self"))) { // Linux: the release timers get no slack
            assertThat(layer.timerSlackNanos()).isEqualTo(1);
        }
        assertThat(layer.bytesDelivered(0, 1)).isEqualTo(65L * RoundTripProbe.MESSAGE_BYTES);
        assertThat(layer.bytesDelivered(1, 0)).isEqualTo(65L * RoundTripProbe.MESSAGE_BYTES);
        assertThat(layer.takeReleaseLateness().getTotalCount()).as("one lateness per released chunk")
                .isGreaterThanOrEqualTo(2 * 65);
        assertThat(layer.takeReleaseLateness().getTotalCount()).as("taken: the next interval starts empty").isZero();
    }

    @Test
    void aCutLinkBackPressuresTheSenderAndDeliversEverythingInOrderOnceHealed() throws Exception {
        List<TestMember> members = members(2);
        LinkLayer layer = layerFor(members);
        layer.cut(0, 1);
        SocketChannel sender = open(SocketChannel.open(layer.address(0, 1)));
        Socket receiver = members.get(1).nextAccepted();

        sender.configureBlocking(false);
        long written = 0;
        ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
        long stalledSince = -1;
        while (true) { // write until the sender's buffers are full: the proxy stopped reading
            fill(chunk, written);
            int n = sender.write(chunk);
            written += n;
            if (n > 0) {
                stalledSince = -1;
            } else if (stalledSince < 0) {
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > 100_000_000L) {
                break;
            }
            assertThat(written).as("a cut link must stop taking bytes, not swallow them").isLessThan(256L << 20);
        }
        assertThat(written).isPositive();
        assertNothingArrives(receiver);
        assertThat(layer.bytesDelivered(0, 1)).isZero();

        layer.heal(0, 1);
        sender.configureBlocking(true);
        receiver.setSoTimeout(10_000);
        assertReceivesSequence(receiver.getInputStream(), 0, written);
        assertThat(layer.bytesDelivered(0, 1)).isEqualTo(written);
    }

    @Test
    void anAsymmetricCutBlocksOneDirectionOfEveryConnectionWhileTheOtherFlows() throws Exception {
        List<TestMember> members = members(2);
        LinkLayer layer = layerFor(members);
        Socket zeroToOne = members.get(0).connect(layer.address(0, 1)); // opened by 0
        Socket acceptedByOne = members.get(1).nextAccepted();
        Socket oneToZero = members.get(1).connect(layer.address(1, 0)); // opened by 1
        Socket acceptedByZero = members.get(0).nextAccepted();

        layer.cut(0, 1);
        zeroToOne.getOutputStream().write(bytes("request from 0"));
        acceptedByZero.getOutputStream().write(bytes("reply from 0"));
        acceptedByOne.getOutputStream().write(bytes("reply from 1"));
        oneToZero.getOutputStream().write(bytes("request from 1"));

        assertReceives(zeroToOne, "reply from 1");
        assertReceives(acceptedByZero, "request from 1");
        assertNothingArrives(acceptedByOne);
        assertNothingArrives(oneToZero);

        layer.heal(0, 1);
        assertReceives(acceptedByOne, "request from 0");
        assertReceives(oneToZero, "reply from 0");
    }

    @Test
    void anIsolatedMemberReachesNobodyAndNobodyReachesItUntilHealed() throws Exception {
        List<TestMember> members = members(3);
        LinkLayer layer = layerFor(members);
        Socket zeroToOne = members.get(0).connect(layer.address(0, 1));
        Socket acceptedByOne = members.get(1).nextAccepted();
        Socket twoToOne = members.get(2).connect(layer.address(2, 1));
        Socket acceptedByOneFromTwo = members.get(1).nextAccepted();

        layer.isolate(0);
        zeroToOne.getOutputStream().write(bytes("from 0"));
        acceptedByOne.getOutputStream().write(bytes("to 0"));
        twoToOne.getOutputStream().write(bytes("from 2"));
        assertReceives(acceptedByOneFromTwo, "from 2");
        assertNothingArrives(acceptedByOne);
        assertNothingArrives(zeroToOne);
        // a new connection to the isolated member is accepted, and nothing crosses it either
        Socket twoToZero = members.get(2).connect(layer.address(2, 0));
        Socket acceptedByZero = members.get(0).nextAccepted();
        twoToZero.getOutputStream().write(bytes("new from 2"));
        assertNothingArrives(acceptedByZero);

        layer.healAll();
        assertReceives(acceptedByOne, "from 0");
        assertReceives(zeroToOne, "to 0");
        assertReceives(acceptedByZero, "new from 2");
    }

    @Test
    void jitterNeverReordersTheBytesOfAConnection() throws Exception {
        List<TestMember> members = members(2);
        LinkLayer layer = layerFor(members);
        layer.setDelay(0, 1, Duration.ofMillis(2), Duration.ofMillis(2));
        Socket sender = members.get(0).connect(layer.address(0, 1));
        Socket receiver = members.get(1).nextAccepted();
        receiver.setSoTimeout(10_000);
        int messages = 300;
        OutputStream out = sender.getOutputStream();
        for (int i = 0; i < messages; i++) { // small separate writes, each released at its own jittered time
            out.write(sequence(i * 4L, 4));
            out.flush();
        }
        assertReceivesSequence(receiver.getInputStream(), 0, messages * 4L);
    }

    @Test
    void aBandwidthCapSlowsATransferToAtMostTheCap() throws Exception {
        List<TestMember> members = members(2);
        LinkLayer layer = layerFor(members);
        long cap = 2_000_000; // bytes per second
        int size = 1_000_000;
        layer.setBandwidth(0, 1, cap);
        Socket sender = members.get(0).connect(layer.address(0, 1));
        Socket receiver = members.get(1).nextAccepted();
        receiver.setSoTimeout(30_000);
        Thread writer = new Thread(() -> {
            try {
                sender.getOutputStream().write(sequence(0, size));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        long start = System.nanoTime();
        writer.start();
        assertReceivesSequence(receiver.getInputStream(), 0, size);
        long elapsed = System.nanoTime() - start;
        writer.join(10_000);

        // the first chunk leaves at once; everything after it waits for the transmitter
        long chunk = 64 * 1024;
        assertThat(elapsed).isGreaterThanOrEqualTo((size - chunk) * 1_000_000_000L / cap);
    }

    @Test
    void partitionAndBridgeSetExactlyTheCutsBetweenTheirGroups() throws Exception {
        LinkLayer layer = layerFor(members(5));
        layer.partition(Set.of(0, 1), Set.of(2, 3, 4));
        assertThat(cuts(layer)).containsExactlyInAnyOrder(
                "0->2", "0->3", "0->4", "1->2", "1->3", "1->4",
                "2->0", "3->0", "4->0", "2->1", "3->1", "4->1");

        layer.bridge(2, Set.of(0, 1), Set.of(3, 4));
        assertThat(cuts(layer)).containsExactlyInAnyOrder(
                "0->3", "0->4", "1->3", "1->4", "3->0", "4->0", "3->1", "4->1");

        layer.setRtt(Duration.ofMillis(2));
        layer.healAll();
        assertThat(cuts(layer)).isEmpty();
        assertThat(layer.conditions(3, 1).delay()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void badGroupsAndMembersAreRefusedByName() throws Exception {
        LinkLayer layer = layerFor(members(3));
        assertThatThrownBy(() -> layer.partition(Set.of(0), Set.of(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("members [2] are in no group");
        assertThatThrownBy(() -> layer.partition(Set.of(0, 1), Set.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member 1 is named in two groups");
        assertThatThrownBy(() -> layer.cut(0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no member 3");
        assertThatThrownBy(() -> layer.cut(1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no link to itself");
        assertThatThrownBy(() -> layer.setDelay(0, 1, Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay must not be negative");
        assertThat(cuts(layer)).isEmpty();
    }

    private static List<String> cuts(LinkLayer layer) {
        List<String> cuts = new ArrayList<>();
        for (int from = 0; from < layer.members(); from++) {
            for (int to = 0; to < layer.members(); to++) {
                if (from != to && layer.conditions(from, to).cut()) {
                    cuts.add(from + "->" + to);
                }
            }
        }
        return cuts;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void assertReceives(Socket socket, String expected) throws IOException {
        socket.setSoTimeout(10_000);
        byte[] received = socket.getInputStream().readNBytes(expected.length());
        assertThat(new String(received, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(expected);
    }

    private static void assertNothingArrives(Socket socket) throws IOException {
        socket.setSoTimeout(QUIET_MILLIS);
        try {
            int read = socket.getInputStream().read();
            throw new AssertionError("a byte crossed a cut link: " + read);
        } catch (SocketTimeoutException expected) {
            // nothing within the watch: the cut holds
        }
    }

    /** The byte at stream offset {@code i} is {@code i % 251}: a lost, repeated or reordered byte breaks the sequence. */
    private static byte[] sequence(long offset, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ((offset + i) % 251);
        }
        return bytes;
    }

    private static void fill(ByteBuffer chunk, long offset) {
        chunk.clear();
        chunk.put(sequence(offset, chunk.capacity()));
        chunk.flip();
    }

    private static void assertReceivesSequence(InputStream in, long offset, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long received = 0;
        while (received < length) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - received));
            assertThat(n).as("stream ended after %d of %d bytes", received, length).isPositive();
            for (int i = 0; i < n; i++) {
                long position = offset + received + i;
                if (buffer[i] != (byte) (position % 251)) {
                    throw new AssertionError("byte " + position + " is " + buffer[i] + ", expected " + (position % 251)
                            + ": lost or reordered bytes");
                }
            }
            received += n;
        }
    }
}
