package dev.difyweave.backfill.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report's inline SVG chart: calls per day (per week or month beyond {@value RunReportHtml#MAX_BARS}
 * days) stacked by kind, with its legend.
 */
final class RunReportChart {

    private RunReportChart() {
    }

    /** How days are grouped into bars. */
    private record Bucketing(String unit, ChronoUnit step) {

        LocalDate start(LocalDate day) {
            return switch (step) {
                case WEEKS -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTHS -> day.withDayOfMonth(1);
                default -> day;
            };
        }

        String label(LocalDate start) {
            return step == ChronoUnit.MONTHS ? start.toString().substring(0, 7) : start.toString();
        }
    }

    private static Bucketing bucketing(RunReport r) {
        if (r.callsByDay().isEmpty()) {
            return new Bucketing("day", ChronoUnit.DAYS);
        }
        long days = ChronoUnit.DAYS.between(r.callsByDay().firstKey(), r.callsByDay().lastKey()) + 1;
        if (days <= RunReportHtml.MAX_BARS) {
            return new Bucketing("day", ChronoUnit.DAYS);
        }
        if (days / 7 + 2 <= RunReportHtml.MAX_BARS) {
            return new Bucketing("week (from Monday)", ChronoUnit.WEEKS);
        }
        return new Bucketing("month", ChronoUnit.MONTHS);
    }

    /** Every bucket from the first to the last day with calls, empty ones included, with its counts per kind. */
    private static TreeMap<LocalDate, Map<String, Long>> buckets(RunReport r, Bucketing b) {
        TreeMap<LocalDate, Map<String, Long>> out = new TreeMap<>();
        if (r.callsByDay().isEmpty()) {
            return out;
        }
        LocalDate last = b.start(r.callsByDay().lastKey());
        for (LocalDate d = b.start(r.callsByDay().firstKey()); !d.isAfter(last); d = d.plus(1, b.step())) {
            out.put(d, new LinkedHashMap<>());
        }
        r.callsByDay().forEach((day, perKind) -> perKind.forEach(
                (kind, n) -> out.get(b.start(day)).merge(kind, n, Long::sum)));
        return out;
    }

    /** What one bar stands for: {@code day}, {@code week (from Monday)} or {@code month}. */
    static String unit(RunReport r) {
        return bucketing(r).unit();
    }

    static void render(StringBuilder h, RunReport r) {
        Bucketing b = bucketing(r);
        TreeMap<LocalDate, Map<String, Long>> buckets = buckets(r, b);
        long max = buckets.values().stream().mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
                .max().orElse(0);
        if (max == 0) {
            h.append("<p class=\"sub\">No calls were delivered in this window.</p>\n");
            return;
        }
        Set<String> kinds = new LinkedHashSet<>();
        r.callsByKind().forEach((kind, n) -> {
            if (n > 0) {
                kinds.add(kind);
            }
        });
        buckets.values().forEach(m -> kinds.addAll(m.keySet()));

        int width = 960;
        int height = 300;
        int left = 60;
        int right = 12;
        int top = 12;
        int bottom = 44;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        long step = tickStep(max);
        long yMax = 4 * step;
        int n = buckets.size();
        double slot = plotW / n;
        double bar = slot > 3 ? slot * 0.82 : slot;

        h.append("<svg viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"calls per ").append(RunReportHtml.esc(b.unit)).append(" and kind\">\n");
        // y axis: gridlines and labels
        for (int i = 0; i <= 4; i++) {
            long v = step * i;
            double y = top + plotH - plotH * v / yMax;
            h.append("<line x1=\"").append(left).append("\" x2=\"").append(width - right).append("\" y1=\"")
                    .append(RunReportHtml.fmt(y)).append("\" y2=\"").append(RunReportHtml.fmt(y))
                    .append("\" stroke=\"").append(i == 0 ? "#8c959f" : "#eaeef2").append("\"/>\n");
            h.append("<text x=\"").append(left - 6).append("\" y=\"").append(RunReportHtml.fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(RunReportHtml.num(v)).append("</text>\n");
        }
        // bars, stacked in kind order
        int i = 0;
        int labelEvery = Math.max(1, (int) Math.ceil(n / 8.0));
        for (Map.Entry<LocalDate, Map<String, Long>> bucket : buckets.entrySet()) {
            double x = left + i * slot + (slot - bar) / 2;
            double y = top + plotH;
            String label = b.label(bucket.getKey());
            for (String kind : kinds) {
                long v = bucket.getValue().getOrDefault(kind, 0L);
                if (v == 0) {
                    continue;
                }
                double hgt = plotH * v / yMax;
                y -= hgt;
                h.append("<rect x=\"").append(RunReportHtml.fmt(x)).append("\" y=\"").append(RunReportHtml.fmt(y)).append("\" width=\"")
                        .append(RunReportHtml.fmt(bar)).append("\" height=\"").append(RunReportHtml.fmt(hgt)).append("\" fill=\"")
                        .append(RunReportHtml.color(kind)).append("\"><title>").append(RunReportHtml.esc(label)).append(" · ").append(RunReportHtml.esc(kind))
                        .append(": ").append(RunReportHtml.num(v)).append("</title></rect>\n");
            }
            boolean lastFarFromLabel = i == n - 1 && (n - 1) % labelEvery >= Math.max(1, labelEvery / 2);
            if (i % labelEvery == 0 || lastFarFromLabel) {
                h.append("<text x=\"").append(RunReportHtml.fmt(left + i * slot + slot / 2)).append("\" y=\"")
                        .append(height - bottom + 16).append("\" text-anchor=\"middle\">").append(RunReportHtml.esc(label))
                        .append("</text>\n");
            }
            i++;
        }
        h.append("<text x=\"").append(left).append("\" y=\"").append(height - 6).append("\">calls per ")
                .append(RunReportHtml.esc(b.unit)).append(" (UTC), ").append(RunReportHtml.num(n)).append(n == 1 ? " bar" : " bars")
                .append("</text>\n</svg>\n");
        h.append("<div class=\"legend\">");
        for (String kind : kinds) {
            h.append("<span>").append(RunReportHtml.swatch(kind)).append(RunReportHtml.esc(kind)).append("</span>");
        }
        h.append("</div>\n");
    }

    /** The gridline step: the smallest 1, 2 or 5 times a power of ten with four steps reaching {@code max}. */
    static long tickStep(long max) {
        long raw = Math.max(1, (max + 3) / 4);
        for (long magnitude = 1; ; magnitude *= 10) {
            for (long factor : new long[] {1, 2, 5}) {
                if (factor * magnitude >= raw) {
                    return factor * magnitude;
                }
            }
        }
    }
}
