package app.smartcomply.webhooks.bench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One reading of a Linux process from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}:
 * CPU time used so far, resident memory, and OS threads (virtual threads do not count; their
 * carriers do).
 */
public record ProcStats(long nanos, double cpuSeconds, long rssKib, long peakRssKib, int threads) {

    /** Clock ticks per second of {@code utime}/{@code stime}; 100 on every Linux we run on. */
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    /** Reads the process now, or null if it is gone. */
    public static ProcStats read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may contain spaces) start at state = field 3.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]); // field 14
            long stime = Long.parseLong(fields[12]); // field 15
            long rss = 0;
            long hwm = 0;
            int threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring(8).trim());
                }
            }
            return new ProcStats(System.nanoTime(), (utime + stime) / TICKS_PER_SECOND, rss, hwm, threads);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /**
     * Busy and total jiffies of the whole machine from {@code /proc/stat} (all CPUs together), for
     * how busy the box was: the database server and other people's builds count too.
     */
    public static long[] machineJiffies() {
        try {
            String[] cpu =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + (cpu.length > 5 ? Long.parseLong(cpu[5]) : 0); // idle + iowait
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The 1-minute load average of the machine. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
