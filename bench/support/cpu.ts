import { readdirSync, readFileSync } from 'node:fs';

// Linux counts CPU time in clock ticks of 1/100 s (USER_HZ).
const TICKS_PER_SECOND = 100;

interface ProcStat {
  comm: string;
  ppid: number;
  /** utime, stime, cutime, cstime, in ticks. */
  times: number[];
}

function readStat(pid: number | string): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  // After the name: state, ppid, …; utime, stime, cutime, cstime are fields 14–17 of the whole line.
  const rest = text.slice(close + 2).split(' ');
  return { comm, ppid: Number(rest[1]), times: rest.slice(11, 15).map(Number) };
}

/** CPU seconds (user and system, all threads) a running process has used so far; undefined when it has gone. */
export function processCpuSeconds(pid: number): number | undefined {
  const stat = readStat(pid);
  return stat ? ((stat.times[0] as number) + (stat.times[1] as number)) / TICKS_PER_SECOND : undefined;
}

/**
 * CPU seconds used so far by the PostgreSQL servers of this machine: each postmaster's own time and that of its
 * children, those still running and those it has reaped. Undefined when none runs here (a server given by URL on
 * another host). Clusters left idle beside the bench's add next to nothing.
 */
export function postgresCpuSeconds(): number | undefined {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat) stats.set(Number(entry), stat);
  }
  let ticks = 0;
  let found = false;
  for (const [pid, stat] of stats) {
    if (stat.comm !== 'postgres' || stats.get(stat.ppid)?.comm === 'postgres') continue;
    found = true;
    ticks += stat.times.reduce((a, b) => a + b, 0);
    for (const child of stats.values()) {
      if (child.ppid === pid) ticks += (child.times[0] as number) + (child.times[1] as number);
    }
  }
  return found ? ticks / TICKS_PER_SECOND : undefined;
}
