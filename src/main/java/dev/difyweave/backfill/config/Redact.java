package dev.difyweave.backfill.config;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords and keys out of messages: a URL's {@code user:password@} and {@code password=}
 * parameters become {@code ***}, and the secret values of the environment are replaced wherever a
 * message (an exception's, a driver's) repeats them.
 */
public final class Redact {

    public static final String MASK = "***";

    /** Values shorter than this are not searched for: they would mask ordinary words, and guard nothing. */
    static final int MIN_SECRET_LENGTH = 4;

    private static final Pattern USER_INFO = Pattern.compile("(//)[^/?#@\\s]*@");
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)([?&;](?:password|sslpassword|sslkey|secret|token)=)[^&;#\\s]*");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|API[-_.]?KEY|TOKEN).*");
    private static final Pattern URL_USER_INFO = Pattern.compile("//([^/?#@\\s]*)@");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)[?&;](?:password|sslpassword)=([^&;#\\s]*)");

    private Redact() {
    }

    /** {@code jdbc:postgresql://u:p@host/db?password=x} as {@code jdbc:postgresql://***@host/db?password=***}. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        return PASSWORD_PARAMETER.matcher(USER_INFO.matcher(url).replaceAll("$1" + MASK + "@")).replaceAll("$1" + MASK);
    }

    /** Whether {@code url} carries {@code user:password@} (or {@code user@}) before its host. */
    public static boolean hasUserInfo(String url) {
        return url != null && USER_INFO.matcher(url).find();
    }

    /**
     * The secrets of an environment: the values of variables (or properties: {@code wandb.api-key})
     * named like a password, secret, API key or token, and the passwords inside any URL-valued
     * variable ({@code user:password@}, {@code password=}).
     */
    public static Set<String> secretsOf(Map<String, String> env) {
        Set<String> secrets = new LinkedHashSet<>();
        env.forEach((name, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            if (SECRET_NAME.matcher(name).matches()) {
                secrets.add(value.trim());
            }
            Matcher info = URL_USER_INFO.matcher(value);
            while (info.find()) {
                String userInfo = info.group(1);
                secrets.add(userInfo.contains(":") ? userInfo.substring(userInfo.indexOf(':') + 1) : userInfo);
            }
            Matcher parameter = URL_PASSWORD.matcher(value);
            while (parameter.find()) {
                secrets.add(parameter.group(1));
            }
        });
        secrets.removeIf(s -> s.length() < MIN_SECRET_LENGTH);
        return secrets;
    }

    /** {@code text} with URLs redacted and every one of {@code secrets} masked (longest first). */
    public static String text(String text, Set<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = url(text);
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (secret.length() >= MIN_SECRET_LENGTH) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }
}
