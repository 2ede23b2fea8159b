import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import path from 'node:path';

const scenarios = path.resolve(import.meta.dirname, '../sipp');
const dtmf = (key: string) => `/usr/share/sip-tester/dtmf_2833_${key === '#' ? 'pound' : key === '*' ? 'star' : key}.pcap`;

/** One play_pcap_audio per key (RFC 4733 captures from Debian's sip-tester), entries a second apart. */
export function keysXml(entries: readonly string[]): string {
  return entries
    .map((entry) =>
      [...entry]
        .map((key) => `<nop><action><exec play_pcap_audio="${dtmf(key)}"/></action></nop>\n  <pause milliseconds="250"/>`)
        .join('\n  '),
    )
    .join('\n  <pause milliseconds="1500"/>\n  ');
}

/** A free port for UDP and TCP alike (SIP listens on both). */
export async function freeSipPort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree && port < 65000) return port;
  }
}

export interface SippRun {
  code: number | null;
  output: string;
}

/** Runs one call of a scenario from src/telephony/sipp against Plenum's SIP port. */
export async function runSipp(
  scenario: 'dial-in' | 'wrong-pin' | 'removed-by-host' | 'recording-consent',
  options: {
    sipPort: number;
    keys: readonly string[];
    transport?: 'u1' | 't1';
    echo?: boolean;
    consent?: { caller: string; answer: string; later?: string; waitMs: number };
  },
): Promise<SippRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'plenum-sipp-'));
  const file = path.join(dir, `${scenario}.xml`);
  let xml = readFileSync(path.join(scenarios, `${scenario}.xml`), 'utf8').replace('<!-- KEYS -->', keysXml(options.keys));
  if (options.consent) {
    const { caller, answer, later, waitMs } = options.consent;
    xml = xml
      .replaceAll('CALLER_NUMBER', caller)
      .replace('<!-- ANSWER_KEYS -->', answer ? keysXml([answer]) : '')
      .replace('<!-- LATE_KEYS -->', later ? keysXml([later]) : '')
      .replaceAll('WAIT_MS', String(waitMs));
  }
  writeFileSync(file, xml);
  // The free ports are probed, then bound by sipp: another process can take one in between
  // (sipp says errno 98 before it sends anything), so such a run is tried again on new ports.
  let run: SippRun;
  for (let attempt = 1; ; attempt++) {
    run = await spawnSipp(file, dir, options);
    if (run.code === 0 || attempt === 3 || !run.output.includes('errno = 98')) break;
  }
  rmSync(dir, { recursive: true, force: true });
  return run;
}

async function spawnSipp(
  file: string,
  dir: string,
  options: { sipPort: number; transport?: 'u1' | 't1'; echo?: boolean },
): Promise<SippRun> {
  const localPort = await freeSipPort();
  const mediaPort = await freeSipPort();
  const args = [
    `127.0.0.1:${options.sipPort}`,
    ...['-sf', file, '-m', '1', '-s', '4930123456', '-i', '127.0.0.1', '-p', String(localPort)],
    ...[
      '-mi',
      '127.0.0.1',
      '-mp',
      String(mediaPort),
      '-t',
      options.transport ?? 'u1',
      '-timeout',
      '90s',
      '-trace_err',
      '-error_file',
      path.join(dir, 'errors.log'),
    ],
    ...(options.echo ? ['-rtp_echo'] : []),
  ];
  const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    output += readFileSync(path.join(dir, 'errors.log'), 'utf8');
  } catch {
    // no errors written
  }
  return { code, output };
}
