package dev.difyweave.demo.generator;

import java.util.List;

/**
 * Plausible support-desk prose of an approximate length, so payload sizes can be dialled. A few
 * words carry non-ASCII characters, as real user text does.
 */
final class TextFaker {

    static final List<String> TOPICS = List.of(
            "refund for a duplicate charge", "password reset emails not arriving", "exporting invoices to CSV",
            "upgrading from the Starter plan", "SSO login with Okta", "webhook deliveries failing",
            "API rate limits", "changing the billing address", "mobile app crashing on start",
            "data retention settings", "inviting team members", "shipping to Zürich",
            "order status for a delayed parcel", "cancelling a subscription", "GDPR data export");

    private static final List<String> SUBJECTS = List.of(
            "The customer", "Our user", "The account owner", "A team admin", "The caller", "The merchant",
            "The reviewer", "Support");
    private static final List<String> VERBS = List.of(
            "reports", "confirms", "asks whether", "mentions that", "explains that", "notes that", "expects that",
            "suspects that");
    private static final List<String> WORDS = List.of(
            "the", "invoice", "export", "fails", "after", "latest", "update", "and", "dashboard", "shows", "a",
            "timeout", "error", "when", "opening", "report", "page", "for", "last", "month", "billing", "cycle",
            "customer", "needs", "refund", "within", "five", "business", "days", "policy", "allows", "partial",
            "credit", "notes", "team", "plan", "includes", "seats", "settings", "webhook", "retries", "three",
            "times", "before", "marking", "delivery", "as", "failed", "token", "expired", "session", "renewed",
            "automatically", "order", "shipped", "yesterday", "tracking", "number", "attached", "warehouse",
            "delayed", "because", "of", "weather", "priority", "support", "ticket", "escalated", "engineering",
            "confirmed", "regression", "in", "version", "release", "notes", "mention", "fix", "workaround",
            "clear", "cache", "browser", "retry", "upload", "limit", "is", "megabytes", "per", "file", "naïve",
            "café", "Zürich", "São", "Paulo", "東京", "office", "region", "eu-west", "latency", "improved",
            "documentation", "describes", "steps", "configure", "single", "sign-on", "SAML", "metadata",
            "certificate", "rotated", "admin", "console", "audit", "log", "entries", "retained", "ninety");

    private TextFaker() {
    }

    /** Sentences totalling roughly {@code approxChars} characters (at least one sentence). */
    static String text(SeededRandom random, int approxChars) {
        StringBuilder out = new StringBuilder(Math.max(approxChars, 16) + 64);
        do {
            if (out.length() > 0) {
                out.append(' ');
            }
            sentence(random, out);
        } while (out.length() < approxChars);
        return out.toString();
    }

    /** A short user question about a topic. */
    static String question(SeededRandom random, String topic) {
        return random.pick(
                "Hi, I need help with " + topic + ". What should I do?",
                "Can you explain the steps for " + topic + "?",
                "Question about " + topic + ": is there a known issue right now?",
                "We are stuck with " + topic + " since this morning, any advice?",
                "How long does " + topic + " usually take?");
    }

    private static void sentence(SeededRandom random, StringBuilder out) {
        out.append(random.pick(SUBJECTS)).append(' ').append(random.pick(VERBS));
        int words = random.between(6, 16);
        for (int i = 0; i < words; i++) {
            out.append(' ').append(random.pick(WORDS));
        }
        out.append(random.chance(0.15) ? '?' : '.');
    }
}
