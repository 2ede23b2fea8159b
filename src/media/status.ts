import type { Config } from '../config.js';
import type { ComponentStatus } from '../http/health.js';

/**
 * What /healthz reports for the media plane. The Janus supervisor and adapter (issue
 * [Meetings]) replace this with the live state of the Janus nodes.
 */
export function mediaStatus(janus: Config['janus']): ComponentStatus {
  if (janus.mode === 'off') return { status: 'off', detail: 'JANUS_MODE=off' };
  return { status: 'off', detail: 'the media plane is not built yet' };
}
