package io.graphraft.cluster.process;

import java.time.Duration;

/**
 * How long the phases of a node process's start took: from the process's creation to its main
 * method (JVM start-up and class loading), and from there until its member served (engine start,
 * snapshot load, log replay — whatever the engine does before its start returns).
 */
public record StartPhases(Duration jvm, Duration member) {
}
