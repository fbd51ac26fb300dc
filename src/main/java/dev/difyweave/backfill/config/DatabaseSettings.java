package dev.difyweave.backfill.config;

/** A JDBC location and credentials. {@link #toString()} never shows the password. */
public record DatabaseSettings(String url, String username, String password) {

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", username=" + username + ", password=" + (password == null ? "unset" : "***") + "]";
    }
}
