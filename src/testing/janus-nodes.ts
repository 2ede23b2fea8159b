import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import Janode from 'janode';
import type { Config } from '../config.js';
import { dyingWithApp } from '../media/child-process.js';
import { renderJanusConfig } from '../media/janus-config.js';
import { JanusNode } from '../media/janus-node.js';
import { until } from './until.js';

/** One Janus process of a test, as on a machine of its own: API and admin API on loopback. */
export interface TestJanus {
  name: string;
  apiUrl: string;
  adminUrl: string;
  rtpPorts: { min: number; max: number };
  process: ChildProcess;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Where the kernel's ephemeral ports begin (outgoing sockets take them); 32768 where it cannot be read. */
export function ephemeralPortsStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768;
  }
}

/**
 * Starts one Janus per name, each with its own config folder under `dir` and its own RTP port
 * range of `portsEach` ports, all between 10000 and the kernel's ephemeral range at a random
 * place, so parallel test runs rarely meet and no outgoing socket takes a media port; all share
 * `adminSecret`, as registry mode expects.
 */
export async function startJanusNodes(
  names: readonly string[],
  dir: string,
  janus: Config['janus'],
  adminSecret = randomBytes(24).toString('base64url'),
  portsEach = 200,
): Promise<{ nodes: TestJanus[]; adminSecret: string; stop(): Promise<void> }> {
  const base = 10_000 + randomInt(0, Math.floor((ephemeralPortsStart() - 10_000 - names.length * portsEach) / 1000) + 1) * 1000;
  const nodes: TestJanus[] = [];
  const stop = async () => {
    await Promise.all(
      nodes.map(async ({ process }) => {
        if (process.exitCode !== null || process.signalCode !== null) return;
        const exited = new Promise((resolve) => process.once('exit', resolve));
        process.kill('SIGKILL');
        await exited;
      }),
    );
  };
  try {
    for (const [i, name] of names.entries()) {
      const configDir = path.join(dir, name);
      mkdirSync(path.join(configDir, 'recordings'), { recursive: true, mode: 0o700 });
      const [wsPort, adminWsPort] = [await freePort(), await freePort()];
      const rtpPorts = { min: base + i * portsEach, max: base + (i + 1) * portsEach - 1 };
      const files = renderJanusConfig(configDir, {
        wsPort,
        adminWsPort,
        adminSecret,
        rtpPorts,
        eventLoops: 0,
        host: '127.0.0.1',
        ice: janus.ice,
        recordingsDir: path.join(configDir, 'recordings'),
      });
      for (const [file, text] of Object.entries(files)) writeFileSync(path.join(configDir, file), text, { mode: 0o600 });
      const run = dyingWithApp(janus.binary, ['-F', configDir, '--disable-colors']);
      const process = spawn(run.command, run.args, { stdio: 'ignore' });
      const node = { name, apiUrl: `ws://127.0.0.1:${wsPort}`, adminUrl: `ws://127.0.0.1:${adminWsPort}`, rtpPorts, process };
      nodes.push(node);
      await until(
        () =>
          JanusNode.connect({ url: node.apiUrl, adminUrl: node.adminUrl, adminSecret }).then(
            async (connected) => (await connected.close(), true),
            () => false,
          ),
        { timeoutMs: 20_000, intervalMs: 200, what: `Janus ${name} answers` },
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes, adminSecret, stop };
}

/** How many Janus sessions a node holds (admin API). */
export async function sessionsOn(adminUrl: string, adminSecret: string): Promise<number> {
  const admin = await Janode.connect({ is_admin: true, address: { url: adminUrl, apisecret: adminSecret } });
  try {
    const answer = (await admin.sendRequest({ janus: 'list_sessions' })) as { sessions?: unknown[] };
    return answer.sessions?.length ?? 0;
  } finally {
    await admin.close();
  }
}
