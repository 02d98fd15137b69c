#!/usr/bin/env python3
"""CPU cores used by process groups on this machine, every N seconds (default 10), from /proc.

Groups: PostgreSQL's processes, the service under test (its command line names
webhooks-server), other JVMs (the bench: load generator and sink), everything else.
Run it beside a benchmark; sum a column times N for CPU-seconds:

    python3 webhooks-bench/tools/process-cpu.py 10 > cpu.txt &
    ./webhooks bench fanout --store postgres --database-url ...
"""
import os
import sys
import time

HZ = os.sysconf('SC_CLK_TCK')


def group(comm, cmd):
    # By executable name: a bench run's command line may carry a postgres:// URL.
    if comm == 'postgres':
        return 'postgres'
    if 'webhooks-server' in cmd:
        return 'service'
    if 'java' in cmd:
        return 'bench'
    return 'other'


def snapshot():
    out = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            stat = open(f'/proc/{pid}/stat').read()
            cmd = open(f'/proc/{pid}/cmdline').read().replace('\0', ' ')
            comm = open(f'/proc/{pid}/comm').read().strip()
        except OSError:
            continue
        fields = stat[stat.rindex(')') + 2:].split()
        out[pid] = (group(comm, cmd), (int(fields[11]) + int(fields[12])) / HZ)  # utime + stime
    return out


def main():
    interval = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    before = snapshot()
    while True:
        time.sleep(interval)
        now = snapshot()
        cores = {'postgres': 0.0, 'service': 0.0, 'bench': 0.0, 'other': 0.0}
        for pid, (name, seconds) in now.items():
            cores[name] += seconds - (before[pid][1] if pid in before else 0)
        print(time.strftime('%H:%M:%S'), ' '.join(f'{k}={v / interval:.2f}' for k, v in cores.items()), flush=True)
        before = now


if __name__ == '__main__':
    main()
