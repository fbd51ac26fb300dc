package dev.difyweave.backfill.config;

/** A JDBC location and credentials. {@link #toString()} never shows the password (nor one in the URL). */
public record DatabaseSettings(String url, String username, String password) {

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + Redact.url(url) + ", username=" + username + ", password=" + (password == null ? "unset" : "***") + "]";
    }
}
