import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The functions with the most self time in a V8 CPU profile (node --cpu-prof; the benches write
 * one of the app with BENCH_CPU_PROF=<dir>): `tsx bench/profile-top.ts <file.cpuprofile> [count] [from-to]`.
 * Self time is the sampled time spent in the function's own code, not in what it calls.
 * `from-to` keeps the samples of one phase: microseconds of the monotonic clock
 * (process.hrtime, which V8's profile timestamps share), as the benches print them.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function topSelfTime(profile: Profile, count: number, window = [0, Infinity]): { name: string; ms: number; share: number }[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < window[0]! || at > window[1]!) return;
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? ` ${path.basename(frame.url.replace(/^file:\/\//, ''))}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'}${where}`;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(name, (self.get(name) ?? 0) + ms);
    total += ms;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms, share: ms / total }));
}

const [file, count = '20', window] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profile-top.ts <file.cpuprofile> [count] [from-to]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
for (const { name, ms, share } of topSelfTime(profile, Number(count), window?.split('-').map(Number)))
  console.log(`${ms.toFixed(0).padStart(7)} ms ${(100 * share).toFixed(1).padStart(5)} %  ${name}`);
