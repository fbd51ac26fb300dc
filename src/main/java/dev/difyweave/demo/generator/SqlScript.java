package dev.difyweave.demo.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a PostgreSQL script from the classpath, one statement at a time.
 *
 * <p>Statements end with {@code ;}. The splitter knows PostgreSQL's quoting, so a {@code ;} inside
 * {@code '...'}, {@code E'...'}, {@code "..."}, a {@code $$}/{@code $tag$} body or a comment does not
 * end a statement. Comments outside of statements are dropped. Statements run on the connection as
 * it is (its auto-commit and transaction settings are left to the caller).
 */
public final class SqlScript {

    private SqlScript() {
    }

    /**
     * Executes every statement of the script at {@code classpathLocation}
     * (e.g. {@code sql/fixtures/dify-schema.sql}; a leading {@code /} or {@code classpath:} is accepted).
     *
     * @throws IllegalArgumentException if the script is not on the classpath
     * @throws IllegalStateException    if a statement fails (the message names the statement)
     */
    public static void run(Connection connection, String classpathLocation) {
        List<String> statements = split(load(classpathLocation));
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                String sql = statements.get(i);
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException("Statement " + (i + 1) + " of " + classpathLocation
                            + " failed: " + e.getMessage() + "\n" + abbreviate(sql), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run " + classpathLocation + ": " + e.getMessage(), e);
        }
    }

    /** Reads a UTF-8 script from the classpath. */
    static String load(String classpathLocation) {
        String location = classpathLocation.startsWith("classpath:")
                ? classpathLocation.substring("classpath:".length()) : classpathLocation;
        while (location.startsWith("/")) {
            location = location.substring(1);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = SqlScript.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalArgumentException("SQL script not found on the classpath: " + location);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read SQL script " + location, e);
        }
    }

    /** Splits a script into statements (without the terminating {@code ;}); blank statements are skipped. */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int n = script.length();
        int i = 0;
        while (i < n) {
            char c = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {                        // line comment: dropped
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && next == '*') {                 // block comment (nests in PostgreSQL): dropped
                i = skipBlockComment(script, i);
                current.append(' ');
            } else if (c == '\'') {
                boolean backslashEscapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e')
                        && (i < 2 || !isIdentifierPart(script.charAt(i - 2)));
                int end = skipQuoted(script, i, '\'', backslashEscapes);
                current.append(script, i, end);
                i = end;
            } else if (c == '"') {
                int end = skipQuoted(script, i, '"', false);
                current.append(script, i, end);
                i = end;
            } else if (c == '$' && (i == 0 || !isIdentifierPart(script.charAt(i - 1)))) {
                String tag = dollarTag(script, i);
                if (tag == null) {                                // e.g. a $1 parameter
                    current.append(c);
                    i++;
                } else {
                    int close = script.indexOf(tag, i + tag.length());
                    if (close < 0) {
                        throw new IllegalArgumentException("Unterminated " + tag + " quote in SQL script");
                    }
                    int end = close + tag.length();
                    current.append(script, i, end);
                    i = end;
                }
            } else if (c == ';') {
                addStatement(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        addStatement(statements, current);
        return statements;
    }

    private static void addStatement(List<String> statements, StringBuilder current) {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            statements.add(sql);
        }
        current.setLength(0);
    }

    /** Index just past the closing quote; doubled quotes (and, for E'', backslashes) escape. */
    private static int skipQuoted(String s, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("Unterminated " + quote + " quote in SQL script");
    }

    private static int skipBlockComment(String s, int start) {
        int depth = 0;
        int i = start;
        while (i < s.length() - 1) {
            if (s.charAt(i) == '/' && s.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (s.charAt(i) == '*' && s.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("Unterminated /* comment in SQL script");
    }

    /** The {@code $tag$} starting at {@code start}, or null if none starts there. */
    private static String dollarTag(String s, int start) {
        int i = start + 1;
        if (i < s.length() && s.charAt(i) == '$') {
            return "$$";
        }
        if (i >= s.length() || !(Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
            return null;
        }
        while (i < s.length() && isIdentifierPart(s.charAt(i))) {
            i++;
        }
        return i < s.length() && s.charAt(i) == '$' ? s.substring(start, i + 1) : null;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 300 ? sql : sql.substring(0, 300) + " ...";
    }
}
