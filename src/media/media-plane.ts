import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ComponentStatus } from '../http/health.js';
import { createJanusSupervisor } from './supervisor.js';

export interface MediaPlane {
  /** Starts in the background: the app serves while Janus comes up, and /healthz says so. */
  start(): void;
  status(): ComponentStatus;
  stop(): Promise<void>;
}

/** The media plane as the rest of the app sees it. Only src/media knows it is Janus. */
export function createMediaPlane(config: Config, log: Logger): MediaPlane {
  const { janus } = config;
  if (janus.mode === 'embedded') {
    const supervisor = createJanusSupervisor(janus, config.dataDir, log);
    return {
      start: () => void supervisor.start().catch((error: unknown) => log.error({ err: error }, 'Janus did not start')),
      status: supervisor.status,
      stop: supervisor.stop,
    };
  }
  const detail = janus.mode === 'off' ? 'JANUS_MODE=off' : 'connecting to external Janus nodes is not built yet';
  return { start: () => undefined, status: () => ({ status: 'off', detail }), stop: async () => undefined };
}
