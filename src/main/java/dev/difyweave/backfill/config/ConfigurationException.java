package dev.difyweave.backfill.config;

/** A missing or wrong setting, named, found before any work starts. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
