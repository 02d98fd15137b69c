package app.smartcomply.webhooks.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a flight recording of the service and says where its time went: CPU samples by the method
 * on top (self) and by every method on the stack (total), by the first frame of the service's own
 * code, and by thread; native samples; lock waits (monitor enter, park) by where they happened; GC
 * pauses; allocation by class. The raw recording stays available for {@code jfr} / JMC.
 */
public final class JfrSummary {

    private static final String OURS = "app.smartcomply.webhooks.";

    private JfrSummary() {}

    public static String summarize(Path recording, int top) {
        return summarize(recording, top, null);
    }

    /** @param since ignore events before this instant (start-up), or null for the whole recording */
    public static String summarize(Path recording, int top, java.time.Instant since) {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> ourEntry = new HashMap<>();
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> nativeTop = new HashMap<>();
        Map<String, Long> nativeOurs = new HashMap<>();
        Map<String, Long> monitorNanos = new HashMap<>();
        Map<String, Long> parkNanos = new HashMap<>();
        Map<String, Long> allocation = new HashMap<>();
        Map<String, Long> socketRead = new HashMap<>();
        Map<String, Long> nativeByThread = new HashMap<>();
        Map<String, Long> pinnedNanos = new HashMap<>();

        long samples = 0;
        long nativeSamples = 0;
        long gcPauseNanos = 0;
        long gcCount = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (since != null && event.getStartTime().isBefore(since)) {
                    continue;
                }
                String type = event.getEventType().getName();
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack == null || stack.getFrames().isEmpty()) {
                            continue;
                        }
                        List<RecordedFrame> frames = stack.getFrames();
                        self.merge(name(frames.getFirst()), 1L, Long::sum);
                        Set<String> onStack = new HashSet<>();
                        for (RecordedFrame frame : frames) {
                            onStack.add(name(frame));
                        }
                        onStack.stream().filter(m -> m.startsWith(OURS)).forEach(m -> total.merge(m, 1L, Long::sum));
                        ourEntry.merge(firstOurs(frames), 1L, Long::sum);
                        byThread.merge(threadGroup(event.getThread("sampledThread")), 1L, Long::sum);
                    }
                    case "jdk.NativeMethodSample" -> {
                        nativeSamples++;
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack != null && !stack.getFrames().isEmpty()) {
                            nativeTop.merge(name(stack.getFrames().getFirst()), 1L, Long::sum);
                            nativeOurs.merge(firstOurs(stack.getFrames()), 1L, Long::sum);
                        }
                        nativeByThread.merge(threadGroup(event.getThread("sampledThread")), 1L, Long::sum);
                    }
                    case "jdk.JavaMonitorEnter" ->
                        monitorNanos.merge(
                                className(event, "monitorClass") + " @ " + firstOurs(frames(event)),
                                event.getDuration().toNanos(),
                                Long::sum);
                    case "jdk.ThreadPark" ->
                        parkNanos.merge(
                                className(event, "parkedClass") + " @ " + firstOurs(frames(event)),
                                event.getDuration().toNanos(),
                                Long::sum);
                    case "jdk.VirtualThreadPinned" ->
                        pinnedNanos.merge(
                                firstOurs(frames(event)), event.getDuration().toNanos(), Long::sum);
                    case "jdk.SocketRead" ->
                        socketRead.merge(
                                firstOurs(frames(event)), event.getDuration().toNanos(), Long::sum);
                    case "jdk.ObjectAllocationSample" ->
                        allocation.merge(className(event, "objectClass"), event.getLong("weight"), Long::sum);
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
                    }
                    default -> {}
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder out = new StringBuilder();
        out.append("Flight recording ")
                .append(recording.getFileName())
                .append(": ")
                .append(samples)
                .append(" CPU samples, ")
                .append(nativeSamples)
                .append(" native samples")
                .append(since == null ? " (whole recording)" : " (from " + since + ", after start-up)")
                .append("\n");
        section(out, "CPU samples by top frame (self)", self, samples, top, Function.identity());
        section(
                out,
                "CPU samples by service method anywhere on the stack (inclusive)",
                total,
                samples,
                top,
                Function.identity());
        section(
                out,
                "CPU samples by the first frame of the service's own code",
                ourEntry,
                samples,
                top,
                Function.identity());
        section(out, "CPU samples by thread", byThread, samples, top, Function.identity());
        section(
                out,
                "Native samples by top frame (threads in native code: I/O, SQLite)",
                nativeTop,
                nativeSamples,
                top,
                Function.identity());
        section(
                out,
                "Native samples by the first frame of the service's own code",
                nativeOurs,
                nativeSamples,
                top,
                Function.identity());
        // A virtual thread in native (JNI) code, e.g. SQLite, pins its carrier thread for that long.
        section(
                out,
                "Native samples by thread (a virtual thread here pins its carrier)",
                nativeByThread,
                nativeSamples,
                top,
                Function.identity());
        timeSection(out, "Virtual threads parked while pinned (>= 20 ms each), by our frame", pinnedNanos, top);
        timeSection(out, "Blocked entering a monitor (>= 20 ms each), by monitor class @ our frame", monitorNanos, top);
        timeSection(
                out, "Parked (>= 20 ms each: locks, pool waits, sleeps), by parked class @ our frame", parkNanos, top);
        timeSection(out, "Socket reads (>= 20 ms each), by our frame", socketRead, top);
        long allocated = allocation.values().stream().mapToLong(Long::longValue).sum();
        section(out, "Allocation (sampled weight) by class", allocation, allocated, top, Function.identity());
        out.append(String.format(
                Locale.ROOT, "%nGC: %d collections, %.1f ms of pauses in all%n", gcCount, gcPauseNanos / 1e6));
        return out.toString();
    }

    private static List<RecordedFrame> frames(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        return stack == null ? List.of() : stack.getFrames();
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        if (method == null) {
            return "?";
        }
        return method.getType().getName() + "." + method.getName();
    }

    private static String firstOurs(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (name.startsWith(OURS)) {
                return name.substring(OURS.length()) + ":" + frame.getLineNumber();
            }
        }
        return "(no service frame)";
    }

    private static String className(RecordedEvent event, String field) {
        try {
            jdk.jfr.consumer.RecordedClass type = event.getClass(field);
            return type == null ? "?" : type.getName();
        } catch (IllegalArgumentException noSuchField) {
            return "?";
        }
    }

    private static String threadGroup(RecordedThread thread) {
        if (thread == null) {
            return "?";
        }
        String name = thread.getJavaName() == null ? thread.getOSName() : thread.getJavaName();
        if (name == null || name.isEmpty()) {
            return thread.isVirtual() ? "(unnamed virtual)" : "?";
        }
        // http-nio-8080-exec-12 -> http-nio-8080-exec-*, delivery-123 -> delivery-*
        return name.replaceAll("\\d+$", "*") + (thread.isVirtual() ? " (virtual)" : "");
    }

    private static void section(
            StringBuilder out,
            String title,
            Map<String, Long> counts,
            long all,
            int top,
            Function<String, String> label) {
        out.append("\n").append(title).append(":\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> out.append(String.format(
                        Locale.ROOT,
                        "  %6.2f%%  %8d  %s%n",
                        all == 0 ? 0 : 100.0 * e.getValue() / all,
                        e.getValue(),
                        label.apply(e.getKey()))));
    }

    private static void timeSection(StringBuilder out, String title, Map<String, Long> nanos, int top) {
        out.append("\n").append(title).append(":\n");
        nanos.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e ->
                        out.append(String.format(Locale.ROOT, "  %10.1f ms  %s%n", e.getValue() / 1e6, e.getKey())));
    }
}
