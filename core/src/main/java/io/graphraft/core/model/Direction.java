package io.graphraft.core.model;

/** Which edges of a node a neighbor query follows. */
public enum Direction {
    OUT, IN, BOTH
}
