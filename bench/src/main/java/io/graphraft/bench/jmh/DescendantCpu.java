package io.graphraft.bench.jmh;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CPU time of this JVM's descendant processes at one moment: each live one's by pid, which of
 * them are its own children, and the CPU of its children that ended and were reaped (cutime + cstime
 * of {@code /proc/self/stat}; the JDK waits for every process it starts). Two readings give the CPU
 * the descendants burned in between, including a child that ended in between (a node killed by a
 * failover shot, or by the trial's teardown inside the last iteration): its time after the first reading.
 *
 * @param live     CPU nanoseconds of each live descendant by pid (those that report none are left out)
 * @param children pids of this JVM's own children among them
 * @param reaped   CPU nanoseconds of this JVM's ended, reaped children (0 where /proc cannot be read)
 */
record DescendantCpu(Map<Long, Long> live, Set<Long> children, long reaped) {

    static DescendantCpu now() {
        Map<Long, Long> live = new HashMap<>();
        ProcessHandle.current().descendants().forEach(process ->
                process.info().totalCpuDuration().ifPresent(d -> live.put(process.pid(), d.toNanos())));
        Set<Long> children = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        long reaped = ProcStat.read(ProcStat.PROC.resolve("self/stat")).map(ProcStat::reapedChildrenCpuNanos).orElse(0L);
        return new DescendantCpu(Map.copyOf(live), Set.copyOf(children), reaped);
    }

    /**
     * CPU burned since {@code start}: the live descendants' growth (one born since counts from zero)
     * plus the children reaped since, less what those had used before {@code start}. A grandchild
     * that ended is reaped by its parent, not by this JVM, and is left out.
     */
    long since(DescendantCpu start) {
        long endedBefore = 0;
        for (long pid : start.children) {
            if (!live.containsKey(pid)) {
                endedBefore += start.live.getOrDefault(pid, 0L);
            }
        }
        return ProcessCpuProfiler.cpuSince(start.live, live) + Math.max(0, reaped - start.reaped - endedBefore);
    }
}
