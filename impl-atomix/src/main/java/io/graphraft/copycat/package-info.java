/**
 * The {@code copycat} engine: the graph state machine replicated by Atomix Copycat 1.2.8 (see
 * {@link io.graphraft.copycat.CopycatEngine}).
 *
 * <p>Two names on purpose: the Maven module is {@code impl-atomix} because Copycat is the Raft
 * library of the Atomix project (Atomix 1.x runs on it) and the module is where an Atomix-family
 * engine lives; the package and the engine name users pass are {@code copycat}, after the library
 * actually adapted, as {@code ratis} is named after Apache Ratis. A newer Atomix would be a
 * different engine with its own name.
 */
package io.graphraft.copycat;
