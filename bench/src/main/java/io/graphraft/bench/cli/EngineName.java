package io.graphraft.bench.cli;

import io.graphraft.bench.trial.Trial;
import io.graphraft.reports.runfiles.TrialParameters;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An option value that must name an engine on the classpath; an unknown one fails listing the known engines. */
public final class EngineName implements ITypeConverter<String> {
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
