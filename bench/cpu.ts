import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** CPU accounting for the media benchmarks, from /proc. */

export const clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

export function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime, stime
  } catch {
    return 0;
  }
}

/** Busy and total CPU time of the whole machine, in clock ticks (all cores). */
export function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const ticks = fields.map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  return { busy: total - ticks[3]! - ticks[4]!, total }; // idle, iowait
}

/**
 * CPU percent (100 = one core) over `ms` of Janus, of the app (when its pid is given), of the load
 * generator (this process, its worker threads and the clip replays), and of the whole machine: what others ran meanwhile shows as machine minus the two.
 */
export async function cpuDuring(
  ms: number,
  janusPid: number | undefined,
  replayPids: (number | undefined)[],
  appPid?: number,
): Promise<{ janus: number; app: number; generator: number; machine: number }> {
  const janus0 = cpuSecondsOf(janusPid);
  const app0 = cpuSecondsOf(appPid);
  const replay = () => replayPids.reduce<number>((sum, pid) => sum + cpuSecondsOf(pid), 0);
  const replay0 = replay();
  const own0 = process.cpuUsage();
  const machine0 = machineTicks();
  const started = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(own0);
  const machine1 = machineTicks();
  const generatorSeconds = (own.user + own.system) / 1e6 + replay() - replay0;
  return {
    janus: (100 * (cpuSecondsOf(janusPid) - janus0)) / seconds,
    app: (100 * (cpuSecondsOf(appPid) - app0)) / seconds,
    generator: (100 * generatorSeconds) / seconds,
    machine: (100 * availableParallelism() * (machine1.busy - machine0.busy)) / (machine1.total - machine0.total),
  };
}
