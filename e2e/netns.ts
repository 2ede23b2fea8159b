import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Real networks on one machine (root only): network namespaces joined by veth pairs, with
 * nftables doing what a home router and a corporate firewall do. The server side (app, Janus,
 * coturn) stays in this process' namespace; a browser runs inside a site's namespace through a
 * small wrapper (`ip netns exec <site> chromium`).
 *
 *   home ── home router (masquerade) ──┐
 *                                      ├── this namespace: Janus on its own address, the app on
 *   corporate ── firewall (masquerade, ┘   web:443, coturn's TLS listener on turnTls:443
 *                only TCP 443 to web and turnTls)
 *
 * Everything is named after this process' id (`plenum-<pid>-…`, links `p<pid>…`), so a run
 * removes what it made in `remove()` (also on exit), and the next run sweeps what a killed one left.
 */

export type SiteName = 'home' | 'corporate' | 'relayUdp';

export interface Site {
  name: SiteName;
  /** The namespace the participant's browser runs in. */
  namespace: string;
  /** The participant's own address (on the site's LAN). */
  clientAddress: string;
  /** The address the server sees them from (the router's, after masquerade). */
  publicAddress: string;
}

export interface TestNetworks {
  /** The address the app listens on (port 443, as behind a reverse proxy). */
  web: string;
  /** A second address whose 443 is coturn's TLS listener (docs/operations.md: coturn on a second address). */
  turnTls: string;
  sites: Record<'home' | 'corporate', Site> & Partial<Record<SiteName, Site>>;
  /** An executable that runs Chromium inside `site`'s namespace, for playwright's executablePath. */
  chromiumIn(site: SiteName): string;
  /** Deletes the namespaces (and their nft tables and veths), the server-side link and the wrappers. */
  remove(): void;
}

const run = (command: string, ...args: string[]) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const ip = (...args: string[]) => run('ip', ...args);
const inNamespace = (namespace: string, command: string, ...args: string[]) => run('ip', 'netns', 'exec', namespace, command, ...args);

/** nft reads a ruleset from stdin (`-f -`). */
function nft(namespace: string, ruleset: string): void {
  execFileSync('ip', ['netns', 'exec', namespace, 'nft', '-f', '-'], { input: ruleset, stdio: ['pipe', 'pipe', 'pipe'] });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes namespaces and links of runs whose process is gone (killed before it could clean up). */
function sweepLeftovers(): void {
  for (const line of ip('netns', 'list').split('\n')) {
    const match = /^plenum-(\d+)-\S+/.exec(line);
    if (match && !alive(Number(match[1]))) ip('netns', 'delete', match[0]);
  }
  for (const line of ip('-o', 'link', 'show').split('\n')) {
    const match = /^\d+: (p(\d+)[a-z]\d)[@:]/.exec(line);
    if (match && !alive(Number(match[2]))) ip('link', 'delete', match[1]!);
  }
}

/** Whether this process may build the networks (root, iproute2 and nftables present). */
export function canBuildNetworks(): string | undefined {
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  try {
    run('ip', 'netns', 'list');
    run('nft', '--version');
    return undefined;
  } catch {
    return 'ip netns and nft are needed (iproute2, nftables)';
  }
}

/**
 * `relayUdp` adds a third site whose firewall lets out only the web's 443 and UDP to the TURN
 * relay's port on `turnTls` (coturn listens only there once TLS has its own address): its browser
 * reaches Janus only through the relay over UDP.
 */
export function buildNetworks(options: { relayUdp?: { port: number } } = {}): TestNetworks {
  sweepLeftovers();
  const id = process.pid;
  // A /16 of 10.0.0.0/8 that this machine does not route yet.
  const routes = ip('-4', 'route', 'show', 'table', 'all');
  const octet = [...Array(160).keys()].map((i) => 64 + ((id + i) % 160)).find((n) => !routes.includes(`10.${n}.`));
  if (octet === undefined) throw new Error('no free 10.x.0.0/16 for the test networks');
  const net = `10.${octet}`;
  const namespaces: string[] = [];
  const links: string[] = [];
  const wrappers = mkdtempSync(path.join(tmpdir(), 'plenum-netns-'));
  const remove = () => {
    for (const namespace of namespaces.splice(0)) {
      try {
        ip('netns', 'delete', namespace);
      } catch {
        // Already gone.
      }
    }
    for (const link of links.splice(0)) {
      try {
        ip('link', 'delete', link);
      } catch {
        // Went with its namespace.
      }
    }
    rmSync(wrappers, { recursive: true, force: true });
    process.off('exit', remove);
  };
  process.on('exit', remove);

  try {
    // The server side: two addresses of their own in this namespace, on a veth pair of its own
    // (the kernel here has no dummy links); traffic to them is local, the link only holds them.
    const server = `p${id}s0`;
    ip('link', 'add', server, 'type', 'veth', 'peer', 'name', `p${id}s1`);
    links.push(server);
    ip('address', 'add', `${net}.0.1/32`, 'dev', server);
    ip('address', 'add', `${net}.0.2/32`, 'dev', server);
    ip('link', 'set', server, 'up');
    ip('link', 'set', `p${id}s1`, 'up');
    const web = `${net}.0.1`;
    const turnTls = `${net}.0.2`;

    const site = (name: SiteName, index: number, firewall: string): Site => {
      const letter = name[0]!;
      const client = `plenum-${id}-${name}`;
      const router = `plenum-${id}-${name}-router`;
      for (const namespace of [client, router]) {
        ip('netns', 'add', namespace);
        namespaces.push(namespace);
        inNamespace(namespace, 'ip', 'link', 'set', 'lo', 'up');
      }
      const [uplink, wan, lan, device] = [0, 1, 2, 3].map((n) => `p${id}${letter}${n}`) as [string, string, string, string];
      // This namespace ↔ the router's WAN side; the router's LAN side ↔ the participant's device.
      ip('link', 'add', uplink, 'type', 'veth', 'peer', 'name', wan, 'netns', router);
      links.push(uplink);
      ip('link', 'add', lan, 'netns', router, 'type', 'veth', 'peer', 'name', device, 'netns', client);
      const wanNet = `${net}.${10 + index}`;
      const lanNet = `${net}.${20 + index}`;
      ip('address', 'add', `${wanNet}.1/30`, 'dev', uplink);
      ip('link', 'set', uplink, 'up');
      inNamespace(router, 'ip', 'address', 'add', `${wanNet}.2/30`, 'dev', wan);
      inNamespace(router, 'ip', 'address', 'add', `${lanNet}.1/24`, 'dev', lan);
      inNamespace(router, 'ip', 'link', 'set', wan, 'up');
      inNamespace(router, 'ip', 'link', 'set', lan, 'up');
      inNamespace(router, 'ip', 'route', 'add', 'default', 'via', `${wanNet}.1`);
      inNamespace(router, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1');
      inNamespace(client, 'ip', 'address', 'add', `${lanNet}.2/24`, 'dev', device);
      inNamespace(client, 'ip', 'link', 'set', device, 'up');
      inNamespace(client, 'ip', 'route', 'add', 'default', 'via', `${lanNet}.1`);
      nft(
        router,
        `table ip plenum_nat {
          chain postrouting { type nat hook postrouting priority srcnat; oifname "${wan}" masquerade; }
        }
        ${firewall.replaceAll('LAN', `"${lan}"`)}`,
      );
      return { name, namespace: client, clientAddress: `${lanNet}.2`, publicAddress: `${wanNet}.2` };
    };

    const corporateAndHome = {
      home: site('home', 1, ''),
      // Outbound only TCP 443 to the two server addresses; answers to it come back.
      corporate: site(
        'corporate',
        2,
        `table inet plenum_firewall {
          chain forward {
            type filter hook forward priority filter; policy drop;
            ct state established,related accept
            iifname LAN ip daddr { ${web}, ${turnTls} } tcp dport 443 accept
          }
        }`,
      ),
    };

    const { relayUdp } = options;
    const sites: TestNetworks['sites'] = {
      ...corporateAndHome,
      ...(relayUdp && {
        relayUdp: site(
          'relayUdp',
          3,
          `table inet plenum_firewall {
            chain forward {
              type filter hook forward priority filter; policy drop;
              ct state established,related accept
              iifname LAN ip daddr ${web} tcp dport 443 accept
              iifname LAN ip daddr ${turnTls} udp dport ${relayUdp.port} accept
            }
          }`,
        ),
      }),
    };

    const chromiumIn = (name: SiteName) => {
      const file = path.join(wrappers, `chromium-${name}`);
      writeFileSync(
        file,
        `#!/bin/sh\nexec ip netns exec ${sites[name]!.namespace} ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} "$@"\n`,
      );
      chmodSync(file, 0o755);
      return file;
    };
    return { web, turnTls, sites, chromiumIn, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
