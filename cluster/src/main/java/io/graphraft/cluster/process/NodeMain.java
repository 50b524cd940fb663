package io.graphraft.cluster.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.graphraft.core.engine.ClusterSpec;
import io.graphraft.core.engine.Engines;
import io.graphraft.core.engine.Member;
import io.graphraft.core.engine.MemberConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main class of a node process. It reads a {@link NodeLaunch} from the first line of standard
 * input, starts that member, serves its {@link ControlServer}, and answers on standard output with
 * one line: {@code READY <json>} (the control port and start-up times) or {@code FAILED <reason>}.
 * It then runs until its standard input closes — the harness stopped it or died — and halts: no
 * node outlives the JVM that started it, however that JVM ended.
 */
public final class NodeMain {
    static final String READY = "READY ";
    static final String FAILED = "FAILED ";

    private NodeMain() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream protocol = System.out;
        System.setOut(System.err); // libraries that print must not corrupt the protocol line
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
            Runtime.getRuntime().halt(2);
        }
        try {
            long mainAt = System.currentTimeMillis();
            NodeLaunch launch = NodeLaunch.fromJson(line);
            Files.createDirectories(launch.dataDirectory());
            ClusterSpec spec = launch.clusterSpec();
            MemberConfig config = launch.memberConfig();
            Member member = Engines.byName(launch.engine()).startMember(spec, config);
            long startedAt = System.currentTimeMillis();
            ControlServer control = ControlServer.start(member, spec.codec().codec(), config.listen().getHostString(),
                    launch.secret());
            Map<String, Object> ready = new LinkedHashMap<>();
            ready.put("controlPort", control.port());
            ready.put("pid", ProcessHandle.current().pid());
            ready.put("jvmStartMillis", ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(mainAt));
            ready.put("mainMillis", mainAt);
            ready.put("memberStartedMillis", startedAt);
            protocol.println(READY + new ObjectMapper().writeValueAsString(ready));
            protocol.flush();
        } catch (Throwable failure) {
            protocol.println(FAILED + String.valueOf(failure).replace('\n', ' '));
            protocol.flush();
            failure.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
        while (in.read() != -1) {
            // nothing is sent after the launch; end of input means the harness is gone
        }
        Runtime.getRuntime().halt(0);
    }
}
