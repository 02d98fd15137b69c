package app.smartcomply.webhooks.bench.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Reads the service process, the benchmark's own process and the machine once a second, with the
 * number of deliveries received so far, into a timeline: what RSS and CPU were doing while the
 * scenario ran.
 */
public final class Sampler implements AutoCloseable {

    /** One second of the timeline. */
    public record Point(
            double t,
            long received,
            double serviceCpuCores,
            long serviceRssKib,
            int serviceThreads,
            double benchCpuCores,
            double machineBusyCores,
            double load1,
            long extra) {}

    private final long servicePid;
    private final LongSupplier received;
    private final LongSupplier extra;
    private final long start = System.nanoTime();
    private final List<Point> points = new CopyOnWriteArrayList<>();
    private final ProcStats serviceAtStart;
    private final ProcStats benchAtStart;
    private final long[] machineAtStart = ProcStats.machineJiffies();
    private volatile long[] machineLast = machineAtStart;
    private volatile ProcStats serviceLast;
    private volatile ProcStats benchLast;
    private volatile boolean running = true;
    private final Thread thread;

    /**
     * @param received deliveries received so far
     * @param extra one more figure per second (e.g. requests held by the sink), or null
     */
    public Sampler(long servicePid, LongSupplier received, LongSupplier extra) {
        this.servicePid = servicePid;
        this.received = received;
        this.extra = extra == null ? () -> 0 : extra;
        this.serviceAtStart = ProcStats.read(servicePid);
        this.benchAtStart = ProcStats.read(ProcessHandle.current().pid());
        this.serviceLast = serviceAtStart;
        this.benchLast = benchAtStart;
        this.thread = Thread.ofPlatform().daemon().name("bench-sampler").start(this::loop);
    }

    private void loop() {
        ProcStats previousService = serviceAtStart;
        ProcStats previousBench = benchAtStart;
        long[] previousMachine = machineAtStart;
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            ProcStats service = ProcStats.read(servicePid);
            ProcStats bench = ProcStats.read(ProcessHandle.current().pid());
            long[] machine = ProcStats.machineJiffies();
            if (service == null || bench == null) {
                continue;
            }
            points.add(new Point(
                    (service.nanos() - start) / 1e9,
                    received.getAsLong(),
                    cores(previousService, service),
                    service.rssKib(),
                    service.threads(),
                    cores(previousBench, bench),
                    busyCores(previousMachine, machine),
                    ProcStats.loadAverage(),
                    extra.getAsLong()));
            previousMachine = machine;
            machineLast = machine;
            previousService = service;
            previousBench = bench;
            serviceLast = service;
            benchLast = bench;
        }
    }

    private static double cores(ProcStats before, ProcStats after) {
        if (before == null || after == null || after.nanos() == before.nanos()) {
            return 0;
        }
        return (after.cpuSeconds() - before.cpuSeconds()) / ((after.nanos() - before.nanos()) / 1e9);
    }

    private static double busyCores(long[] before, long[] after) {
        long total = after[1] - before[1];
        return total <= 0
                ? 0
                : (double) (after[0] - before[0]) / total * Runtime.getRuntime().availableProcessors();
    }

    /** Mean cores busy on the whole machine since the sampler started (service, database, bench, everyone else). */
    public double machineBusyCores() {
        return busyCores(machineAtStart, machineLast);
    }

    public List<Point> points() {
        return new ArrayList<>(points);
    }

    /** Mean cores the service used since the sampler started. */
    public double serviceCpuCores() {
        return cores(serviceAtStart, serviceLast);
    }

    public double serviceCpuSeconds() {
        return serviceLast == null || serviceAtStart == null
                ? 0
                : serviceLast.cpuSeconds() - serviceAtStart.cpuSeconds();
    }

    public double benchCpuCores() {
        return cores(benchAtStart, benchLast);
    }

    public long maxServiceRssKib() {
        return points.stream().mapToLong(Point::serviceRssKib).max().orElse(0);
    }

    public int maxServiceThreads() {
        return points.stream().mapToInt(Point::serviceThreads).max().orElse(0);
    }

    public long maxExtra() {
        return points.stream().mapToLong(Point::extra).max().orElse(0);
    }

    public double maxLoad() {
        return points.stream().mapToDouble(Point::load1).max().orElse(Double.NaN);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcStats service = ProcStats.read(servicePid);
        if (service != null) {
            serviceLast = service;
        }
        ProcStats bench = ProcStats.read(ProcessHandle.current().pid());
        if (bench != null) {
            benchLast = bench;
        }
        machineLast = ProcStats.machineJiffies();
    }
}
