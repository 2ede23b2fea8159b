import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Where UDP packets die on this machine, for the media benchmarks: the kernel's counters
 * (/proc/net/snmp, snmp6) and each socket's own drop count (/proc/net/udp, udp6), told apart by
 * the process that holds the socket. A receive buffer that overflowed in the load generator is
 * the harness' loss, not Janus'.
 */

export interface KernelUdp {
  inDatagrams: number;
  outDatagrams: number;
  inErrors: number;
  rcvbufErrors: number;
  sndbufErrors: number;
}

function udpLine(file: string, prefix: string): Map<string, number> {
  const counters = new Map<string, number>();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return counters;
  }
  if (prefix === 'Udp:') {
    const [names, values] = text.split('\n').filter((l) => l.startsWith('Udp:'));
    const keys = names?.split(/\s+/).slice(1) ?? [];
    const numbers = values?.split(/\s+/).slice(1) ?? [];
    keys.forEach((k, i) => counters.set(k, Number(numbers[i])));
  } else {
    for (const line of text.split('\n')) {
      const [key, value] = line.split(/\s+/);
      if (key?.startsWith(prefix)) counters.set(key.slice(prefix.length), Number(value));
    }
  }
  return counters;
}

/** IPv4 and IPv6 UDP counters of this network namespace, summed. */
export function kernelUdp(): KernelUdp {
  const v4 = udpLine('/proc/net/snmp', 'Udp:');
  const v6 = udpLine('/proc/net/snmp6', 'Udp6');
  const sum = (name: string) => (v4.get(name) ?? 0) + (v6.get(name) ?? 0);
  return {
    inDatagrams: sum('InDatagrams'),
    outDatagrams: sum('OutDatagrams'),
    inErrors: sum('InErrors'),
    rcvbufErrors: sum('RcvbufErrors'),
    sndbufErrors: sum('SndbufErrors'),
  };
}

export function kernelUdpDelta(before: KernelUdp, after: KernelUdp): KernelUdp {
  return {
    inDatagrams: after.inDatagrams - before.inDatagrams,
    outDatagrams: after.outDatagrams - before.outDatagrams,
    inErrors: after.inErrors - before.inErrors,
    rcvbufErrors: after.rcvbufErrors - before.rcvbufErrors,
    sndbufErrors: after.sndbufErrors - before.sndbufErrors,
  };
}

function socketInodes(pid: number | undefined): Set<string> {
  const inodes = new Set<string>();
  if (!pid) return inodes;
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1]!);
      } catch {
        // the descriptor closed meanwhile
      }
    }
  } catch {
    // the process is gone
  }
  return inodes;
}

/** One UDP socket as /proc/net/udp{,6} shows it. */
export interface UdpSocket {
  inode: string;
  /** The local address in /proc's hex notation (0100007F is 127.0.0.1). */
  localAddress: string;
  localPort: number;
  /** Packets the kernel threw away because the receive buffer was full (or a filter refused them), since the socket opened. */
  drops: number;
  /** Bytes waiting to be read now. */
  rxQueue: number;
}

export function udpSockets(): UdpSocket[] {
  const sockets: UdpSocket[] = [];
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    let lines: string[] = [];
    try {
      lines = readFileSync(file, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops
      const f = line.trim().split(/\s+/);
      if (f.length < 13) continue;
      sockets.push({
        inode: f[9]!,
        localAddress: f[1]!.split(':')[0]!,
        localPort: parseInt(f[1]!.split(':').at(-1)!, 16),
        drops: Number(f.at(-1)),
        rxQueue: parseInt(f[4]!.split(':')[1]!, 16),
      });
    }
  }
  return sockets;
}

/** The UDP sockets a process holds, with their drop counts now. */
export function socketsOf(pid: number | undefined): UdpSocket[] {
  const inodes = socketInodes(pid);
  return udpSockets().filter((s) => inodes.has(s.inode));
}

/** Drops between two samples of the same owner's sockets, by local port. */
export function dropsByPort(before: UdpSocket[], after: UdpSocket[], only: (s: UdpSocket) => boolean = () => true): Map<number, number> {
  const was = new Map(before.map((s) => [s.inode, s.drops]));
  const drops = new Map<number, number>();
  for (const s of after.filter(only)) drops.set(s.localPort, (drops.get(s.localPort) ?? 0) + s.drops - (was.get(s.inode) ?? 0));
  return drops;
}

/** Sockets on 127.0.0.1 (Janus: the mountpoint's and forwarders' plain RTP; ICE never uses loopback). */
export const onLoopback = (s: UdpSocket) => s.localAddress === '0100007F';

export const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/**
 * Packets the kernel dropped before any socket: the per-CPU input backlog (netdev_max_backlog)
 * that loopback traffic passes through, from /proc/net/softnet_stat (second column).
 */
export function softnetDrops(): number {
  try {
    return sum(
      readFileSync('/proc/net/softnet_stat', 'utf8')
        .trim()
        .split('\n')
        .map((line) => parseInt(line.trim().split(/\s+/)[1]!, 16)),
    );
  } catch {
    return 0;
  }
}

export interface ThreadSample {
  name: string;
  /** utime + stime, clock ticks. */
  ticks: number;
  /** Nanoseconds spent runnable but waiting for a CPU (/proc/…/schedstat, second field). */
  waitNs: number;
}

/** CPU ticks and run-queue wait of each thread of a process, by thread id, with its name. */
export function threadTicks(pid: number | undefined): Map<string, ThreadSample> {
  const threads = new Map<string, ThreadSample>();
  if (!pid) return threads;
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      const schedstat = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
      threads.set(tid, { name, ticks: Number(fields[11]) + Number(fields[12]), waitNs: Number(schedstat[1]) });
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
}

/** Threads of one name (Janus' per-handle threads "hloop <handle id>" count as one group). */
export interface ThreadGroup {
  name: string;
  threads: number;
  /** CPU of the group, % of one core. */
  cpuPct: number;
  /** Time a thread of the group spent waiting for a CPU while it could run, % of the window (mean over the group). */
  waitPct: number;
}

/** The busiest thread groups between two samples, and how many threads there were. */
export function busiestThreads(
  before: Map<string, ThreadSample>,
  after: Map<string, ThreadSample>,
  seconds: number,
  clockTicks: number,
): { top: ThreadGroup[]; threads: number } {
  const groups = new Map<string, ThreadGroup>();
  for (const [tid, t] of after) {
    const was = before.get(tid);
    const name = /^hloop \d{6,}$/.test(t.name) ? 'hloop (per handle)' : t.name;
    const group = groups.get(name) ?? { name, threads: 0, cpuPct: 0, waitPct: 0 };
    group.threads++;
    group.cpuPct += (100 * (t.ticks - (was?.ticks ?? 0))) / clockTicks / seconds;
    group.waitPct += (100 * (t.waitNs - (was?.waitNs ?? 0))) / 1e9 / seconds;
    groups.set(name, group);
  }
  const top = [...groups.values()]
    .map((g) => ({ ...g, waitPct: g.waitPct / g.threads }))
    .sort((a, b) => b.cpuPct - a.cpuPct)
    .slice(0, 6);
  return { top, threads: after.size };
}

const syscallNames: Record<string, string> = {
  '0': 'read',
  '1': 'write',
  '7': 'poll',
  '202': 'futex',
  '232': 'epoll_wait',
  '271': 'ppoll',
  '230': 'nanosleep',
  '44': 'sendto',
  '46': 'sendmsg',
};

/**
 * What the threads whose name matches were doing, sampled every `everyMs` for `ms`: running or
 * runnable ("R"), or asleep in which system call (futex: waiting for a lock or a condition; poll:
 * waiting for packets or a wake-up). Shares of all samples, in %.
 */
export async function threadStates(pid: number | undefined, name: RegExp, ms: number, everyMs = 50): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let samples = 0;
  const end = performance.now() + ms;
  while (pid && performance.now() < end) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      break;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        if (!name.test(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) continue;
        const state = stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[0]!;
        const call = state === 'R' ? 'running' : readFileSync(`/proc/${pid}/task/${tid}/syscall`, 'utf8').trim().split(' ')[0]!;
        // "running": the thread woke between the two reads.
        const key = call === 'running' ? 'R' : `${state} ${syscallNames[call] ?? call}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        samples++;
      } catch {
        // the thread ended meanwhile
      }
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  for (const [key, n] of counts) counts.set(key, (100 * n) / Math.max(1, samples));
  return counts;
}
