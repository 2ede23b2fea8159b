import type { Page } from 'playwright-core';

/**
 * Media measurements inside a page. Every RTCPeerConnection the page creates is remembered
 * (an init script wraps the constructor), so tests read real getStats() figures without any
 * hook in the product code.
 */

export const trackPeerConnections = `(() => {
  const Original = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = function (...args) {
    const pc = new Original(...args);
    window.__pcs.push(pc);
    return pc;
  };
  window.RTCPeerConnection.prototype = Original.prototype;
  // WebSockets too, so that a test can cut the signaling connection as a network would.
  const OriginalSocket = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = function (...args) {
    const socket = new OriginalSocket(...args);
    window.__sockets.push(socket);
    return socket;
  };
  window.WebSocket.prototype = OriginalSocket.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
})();`;

/** Closes the page's open WebSockets with a non-final code, as a dropped connection would. */
export function dropSignaling(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sockets = (window as unknown as { __sockets: WebSocket[] }).__sockets.filter((s) => s.readyState === WebSocket.OPEN);
    sockets.forEach((socket) => socket.close(3000, 'test: connection dropped'));
    return sockets.length;
  });
}

export interface InboundTotals {
  framesDecoded: number;
  audioEnergy: number;
  audioPackets: number;
}

/** Sums inbound-rtp figures over the page's open peer connections. */
export function inboundTotals(page: Page): Promise<InboundTotals> {
  return page.evaluate(async () => {
    const totals = { framesDecoded: 0, audioEnergy: 0, audioPackets: 0 };
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState !== 'closed');
    for (const pc of pcs) {
      (await pc.getStats()).forEach(
        (report: { type: string; kind?: string; framesDecoded?: number; totalAudioEnergy?: number; packetsReceived?: number }) => {
          if (report.type !== 'inbound-rtp') return;
          if (report.kind === 'video') totals.framesDecoded += report.framesDecoded ?? 0;
          if (report.kind === 'audio') {
            totals.audioEnergy += report.totalAudioEnergy ?? 0;
            totals.audioPackets += report.packetsReceived ?? 0;
          }
        },
      );
    }
    return totals;
  });
}

/** How much of each figure arrived during `ms`. */
export async function inboundDuring(page: Page, ms: number): Promise<InboundTotals> {
  const before = await inboundTotals(page);
  await page.waitForTimeout(ms);
  const after = await inboundTotals(page);
  return {
    framesDecoded: after.framesDecoded - before.framesDecoded,
    audioEnergy: after.audioEnergy - before.audioEnergy,
    audioPackets: after.audioPackets - before.audioPackets,
  };
}

/** Waits until the page decodes remote video (frames keep arriving), up to `timeoutMs`; returns the time it took. */
export async function untilVideoFlows(page: Page, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const flow = await inboundDuring(page, 300);
    if (flow.framesDecoded > 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`no remote video frames decoded within ${timeoutMs} ms`);
  }
}

/**
 * The path each open connection of the page uses, from its selected candidate pair: the local
 * candidate's type and, for the relay, how the browser reaches it ("host/udp", "relay/tls").
 */
export function selectedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState === 'connected');
    for (const pc of pcs) {
      const reports = new Map<string, Record<string, unknown>>();
      (await pc.getStats()).forEach((report: Record<string, unknown> & { id: string }) => reports.set(report.id, report));
      const transport = [...reports.values()].find((r) => r.type === 'transport' && r.selectedCandidatePairId);
      const pair = reports.get(String(transport?.selectedCandidatePairId));
      const local = reports.get(String(pair?.localCandidateId));
      if (local) paths.push(`${String(local.candidateType)}/${String(local.relayProtocol ?? local.protocol)}`);
    }
    return paths;
  });
}
