package io.graphraft.cluster.agent;

import io.graphraft.cluster.process.Addresses;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code benchmarks.jar agent --listen HOST:PORT --data DIR}: runs an agent until stopped. */
@Command(name = "agent", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = {"Runs cluster members for a harness on another host (start, kill, pause, resume, wipe, logs).",
                "Every request must carry the shared secret: --secret-file, or the environment variable "
                        + Secrets.ENVIRONMENT + ".",
                "Prints 'AGENT LISTENING host:port' once it serves."})
public final class AgentCommand implements Callable<Integer> {
    static final String LISTENING = "AGENT LISTENING ";

    @Option(names = "--listen", required = true, description = "HOST:PORT to listen at (port 0: any free port)")
    String listen;

    @Option(names = "--data", required = true, description = "data root: members keep their files below it")
    Path data;

    @Option(names = "--secret-file", description = "file holding the shared secret (default: $" + Secrets.ENVIRONMENT + ")")
    Path secretFile;

    @Option(names = "--exit-with-parent", description = "exit (killing its members) when standard input closes")
    boolean exitWithParent;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        AgentServer agent = AgentServer.start(Addresses.parse(listen), data, Secrets.read(secretFile));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "agent-shutdown"));
        System.out.println(LISTENING + Addresses.format(agent.address()));
        System.out.flush();
        if (exitWithParent) {
            while (System.in.read() != -1) {
                // nothing is read; end of input means the parent is gone
            }
            agent.close();
            return 0;
        }
        stopped.await();
        return 0;
    }
}
