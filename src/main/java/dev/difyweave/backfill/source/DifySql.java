package dev.difyweave.backfill.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A SELECT from {@code sql/dify/} with {@code :named} parameters. UUID collections are bound as
 * {@code uuid[]}, {@link LocalDateTime}s as {@code timestamp without time zone} (Dify's naive UTC).
 */
public final class DifySql {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([a-z_]+)");

    private final String name;
    private final String sql;
    private final List<String> parameters;

    private DifySql(String name, String sql, List<String> parameters) {
        this.name = name;
        this.sql = sql;
        this.parameters = parameters;
    }

    /** {@code {{<expression> if <table>.<column>}}}: the expression where the column exists, else {@code NULL}. */
    private static final Pattern OPTIONAL_COLUMN =
            Pattern.compile("\\{\\{\\s*([^{}]+?)\\s+if\\s+([a-z_]+)\\.([a-z_]+)\\s*}}");

    /** The query for the newest Dify schema: every optional column is there. */
    public static DifySql load(String name) {
        return load(name, (table, column) -> true);
    }

    /**
     * The query for a Dify schema that has the columns {@code hasColumn} says it has: each
     * {@code {{<expression> if <table>.<column>}}} in the file becomes the expression, or {@code NULL}
     * when the column is missing (older Dify versions, see {@link DifySchemaProfile}).
     */
    public static DifySql load(String name, java.util.function.BiPredicate<String, String> hasColumn) {
        String location = "sql/dify/" + name + ".sql";
        try (InputStream in = DifySql.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + location);
            }
            String text = optionalColumns(new String(in.readAllBytes(), StandardCharsets.UTF_8), hasColumn);
            List<String> parameters = new ArrayList<>();
            StringBuilder positional = new StringBuilder();
            for (String line : text.split("\n")) {
                String code = line.contains("--") ? line.substring(0, line.indexOf("--")) : line;
                Matcher m = PARAMETER.matcher(code);
                StringBuilder converted = new StringBuilder();
                while (m.find()) {
                    parameters.add(m.group(1));
                    m.appendReplacement(converted, "?");
                }
                m.appendTail(converted);
                if (!converted.toString().isBlank()) {
                    positional.append(converted).append('\n');
                }
            }
            return new DifySql(name, positional.toString(), List.copyOf(parameters));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String optionalColumns(String text, java.util.function.BiPredicate<String, String> hasColumn) {
        Matcher m = OPTIONAL_COLUMN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = hasColumn.test(m.group(2), m.group(3)) ? m.group(1) : "NULL";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    public <T> List<T> query(JdbcTemplate jdbc, Map<String, ?> values, RowMapper<T> mapper) {
        return jdbc.query(connection -> prepare(connection, values), mapper);
    }

    public String name() {
        return name;
    }

    String sql() {
        return sql;
    }

    private PreparedStatement prepare(Connection connection, Map<String, ?> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            String parameter = parameters.get(i);
            if (!values.containsKey(parameter)) {
                throw new IllegalArgumentException(name + ": no value for :" + parameter);
            }
            Object value = values.get(parameter);
            if (value instanceof Collection<?> collection) {
                statement.setObject(i + 1, UuidArray.of(collection));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }
}
