package app.smartcomply.webhooks.bench.report;

import app.smartcomply.webhooks.bench.service.ProcStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.node.ObjectNode;

/** What the figures were measured on: cores, memory, CPU model, JVM, and how busy the box was. */
final class Machine {

    private Machine() {}

    static ObjectNode describe() {
        ObjectNode machine = Report.JSON.createObjectNode();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("cpu_model", firstValue("/proc/cpuinfo", "model name"));
        machine.put("mem_total", firstValue("/proc/meminfo", "MemTotal"));
        machine.put("mem_available", firstValue("/proc/meminfo", "MemAvailable"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("load_average_at_start", ProcStats.loadAverage());
        return machine;
    }

    private static String firstValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: leave it out
        }
        return "unknown";
    }
}
