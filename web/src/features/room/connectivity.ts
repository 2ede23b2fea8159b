import type { IceConfig } from '@shared/protocol/index.js';

/**
 * How this browser reaches the media server from networks that block direct media: the TURN
 * relay's short-lived credentials (from the room's welcome, renewed before they expire) and a
 * watch over the first connection, which tells the user when the join goes through the relay
 * and says so clearly when no path works at all.
 *
 * The fallback itself is the browser's ICE: it tries direct UDP first, then the relay over UDP,
 * TCP and TLS on port 443, in that order of priority, all at the same time.
 */

/** Renew this long before the credential expires, so a connection made meanwhile still gets a valid one. */
const renewAheadMs = 60_000;
const minimumRenewDelayMs = 30_000;

/** The current ICE servers of a room connection; renews the credential through the room while connected. */
export class IceServers {
  private config: IceConfig = { iceServers: [], expiresAt: '' };
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly renew: () => Promise<IceConfig>) {}

  /** The welcome's servers; renewal follows by itself until `stop`. */
  set(config: IceConfig): void {
    this.config = config;
    clearTimeout(this.timer);
    if (!config.iceServers.length) return;
    const delay = Math.max(Date.parse(config.expiresAt) - Date.now() - renewAheadMs, minimumRenewDelayMs);
    this.timer = setTimeout(() => {
      this.renew().then(
        (fresh) => this.set(fresh),
        // Not connected now: the next welcome brings fresh ones.
        () => undefined,
      );
    }, delay);
  }

  rtcConfiguration(): RTCConfiguration {
    return { iceServers: this.config.iceServers };
  }

  /** Whether a relay is offered at all: without one, "connecting via relay" is never said. */
  hasRelay(): boolean {
    return this.config.iceServers.length > 0;
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/** After this long without a connection, the user is told when the relay is being used. */
export const relayNoticeAfterMs = 1500;
/** The join budget: no path to the media server within it, and the user gets a clear message instead of a wait. */
export const mediaPathBudgetMs = 15_000;

export interface ConnectionWatch {
  /** The connection takes a while and its candidate pairs go through the relay. */
  relaying(): void;
  /** Connected; `relayed` says whether the path is the relay's. */
  connected(relayed: boolean): void;
  /** No path at all within the budget (or the browser gave up). */
  failed(): void;
}

/** Whether the pair the browser uses (or is checking) goes through the relay. */
async function usesRelay(pc: RTCPeerConnection, which: 'selected' | 'trying'): Promise<boolean> {
  const stats = await pc.getStats();
  const relayCandidates = new Set<string>();
  stats.forEach((report: { type: string; id: string; candidateType?: string }) => {
    if (report.type === 'local-candidate' && report.candidateType === 'relay') relayCandidates.add(report.id);
  });
  let relayed = false;
  stats.forEach((report: { type: string; localCandidateId?: string; state?: string; nominated?: boolean; selected?: boolean }) => {
    if (report.type !== 'candidate-pair' || !relayCandidates.has(report.localCandidateId ?? '')) return;
    if (which === 'trying' && (report.state === 'in-progress' || report.state === 'succeeded')) relayed = true;
    if (which === 'selected' && report.state === 'succeeded' && report.nominated) relayed = true;
  });
  return relayed;
}

/**
 * Watches the first media connection of a join. Says `relaying` only when the join is slow
 * (no connection after 1.5 s) and the browser is trying the relay, so a fast direct join shows nothing.
 */
export function watchConnection(pc: RTCPeerConnection, relayOffered: boolean, watch: ConnectionWatch): () => void {
  let done = false;
  let relayPoll: ReturnType<typeof setInterval> | undefined;
  const finish = () => {
    done = true;
    clearTimeout(noticeTimer);
    clearInterval(relayPoll);
    clearTimeout(budgetTimer);
    pc.removeEventListener('connectionstatechange', onChange);
  };
  const onChange = () => {
    if (done) return;
    if (pc.connectionState === 'connected') {
      finish();
      void usesRelay(pc, 'selected').then(watch.connected, () => watch.connected(false));
    } else if (pc.connectionState === 'failed') {
      finish();
      watch.failed();
    }
  };
  pc.addEventListener('connectionstatechange', onChange);
  const noticeTimer = setTimeout(() => {
    if (done || !relayOffered) return;
    relayPoll = setInterval(() => {
      void usesRelay(pc, 'trying').then(
        (relayed) => {
          if (done || !relayed) return;
          clearInterval(relayPoll);
          watch.relaying();
        },
        () => undefined,
      );
    }, 500);
  }, relayNoticeAfterMs);
  const budgetTimer = setTimeout(() => {
    if (done || pc.connectionState === 'closed') return;
    finish();
    watch.failed();
  }, mediaPathBudgetMs);
  return finish;
}
