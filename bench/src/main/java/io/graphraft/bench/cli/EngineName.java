package io.graphraft.bench.cli;

import io.graphraft.bench.trial.Trial;
import io.graphraft.core.engine.Engine;
import io.graphraft.core.engine.Engines;
import io.graphraft.reports.runfiles.TrialParameters;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Iterator;

/** An option value that must name an engine on the classpath; an unknown one fails listing the known engines. */
public final class EngineName implements ITypeConverter<String> {
    /** The engines on the classpath, for an option's {@code ${COMPLETION-CANDIDATES}}. */
    public static final class Known implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Engines.available().stream().map(Engine::name).iterator();
        }
    }

    @Override
    public String convert(String value) {
        try {
            Trial.check(TrialParameters.ENGINE, value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
