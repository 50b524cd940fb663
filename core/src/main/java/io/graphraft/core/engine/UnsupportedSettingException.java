package io.graphraft.core.engine;

/** A cluster setting, value or engine option the chosen engine does not support. */
public class UnsupportedSettingException extends IllegalArgumentException {
    public UnsupportedSettingException(String message) {
        super(message);
    }
}
