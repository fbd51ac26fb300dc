package dev.difyweave.backfill.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds from Linux's {@code /proc}, for telling where a run's time went on a machine whose cores the
 * JVMs and PostgreSQL share: wall time alone cannot say whether a change saved work or only moved it.
 * {@link Double#NaN} where {@code /proc} does not show it (another OS, a PostgreSQL in a container or on
 * another host). Ticks are the kernel's {@code USER_HZ}, 100 a second on Linux's common architectures.
 */
final class CpuTimes {

    private static final double TICKS_PER_SECOND = 100;

    private CpuTimes() {
    }

    /**
     * The user and system CPU of this JVM's child processes that have ended and been waited for (fields
     * {@code cutime} and {@code cstime} of {@code /proc/self/stat}): taken before and after a child JVM,
     * the difference is the child's CPU.
     */
    static double endedChildren() {
        long[] fields = fields(Path.of("/proc/self/stat"));
        return fields == null ? Double.NaN : (fields[2] + fields[3]) / TICKS_PER_SECOND;
    }

    /**
     * The CPU of every local process named {@code postgres}, their ended children included: the postmaster
     * waits for the backends, so a connection's backend that ends between two readings still counts (in the
     * postmaster's {@code cutime}) once it has been waited for, a few milliseconds after its client left.
     */
    static double postgres() {
        long ticks = 0;
        boolean seen = false;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                String stat = read(process.resolve("stat"));
                if (stat != null && stat.contains("(postgres)")) {
                    long[] fields = fields(stat);
                    ticks += fields[0] + fields[1] + fields[2] + fields[3];
                    seen = true;
                }
            }
        } catch (Exception noProc) {
            return Double.NaN;
        }
        return seen ? ticks / TICKS_PER_SECOND : Double.NaN;
    }

    /** utime, stime, cutime, cstime of a {@code stat} file, or null when it cannot be read. */
    private static long[] fields(Path stat) {
        String text = read(stat);
        return text == null ? null : fields(text);
    }

    /** The fields after the command name (which may hold spaces, in parentheses): the 14th to 17th of the line. */
    private static long[] fields(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(after[11]), Long.parseLong(after[12]), Long.parseLong(after[13]),
                Long.parseLong(after[14])};
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception gone) {
            return null; // not Linux, or the process ended meanwhile
        }
    }
}
