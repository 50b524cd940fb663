package io.graphraft.bench;

import io.graphraft.core.engine.Capability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Capabilities a benchmark state needs from its engine. The launcher skips engines without them,
 * printing the engine's reason; a plain JMH run fails that state's setup with the same reason.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Requires {
    Capability[] value();
}
