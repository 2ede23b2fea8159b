import { z } from 'zod';
import type { MediaNodeState, MediaNodeTable } from '../../store/schema.js';
import type { Executor } from '../../store/store.js';
import { mediaNodesRepo } from './repo.js';

/**
 * The operator's record of the Janus nodes (JANUS_MODE=registry). Changes come from
 * `npm run media-nodes` (scripts/media-nodes.ts), each with an audit entry in its transaction;
 * every app instance reads the list again every few seconds (src/media/nodes/pool.ts).
 */

const wsUrl = z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL' });

/** A node as the operator registers it: unknown fields are refused. */
export const mediaNodeInput = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 lower-case letters, digits or -, e.g. janus-2'),
  apiUrl: wsUrl,
  adminUrl: wsUrl,
  /** Where other nodes send a webinar's forwarded RTP; an edge's mountpoints listen on it and nowhere else. */
  mediaAddress: z
    .union([z.ipv4(), z.ipv6()], { error: 'must be an IP address' })
    .refine((v) => v !== '0.0.0.0' && v !== '::', 'must be one concrete address, not 0.0.0.0 or ::'),
  role: z.enum(['meeting', 'edge']),
});
export type MediaNodeInput = z.infer<typeof mediaNodeInput>;

export const mediaNodeState = z.enum(['active', 'draining', 'down']);

/** Records a change in the same transaction (the caller's audit log; media/ knows no audit of its own). */
export type AuditChange = (
  db: Executor,
  action: 'media_node.register' | 'media_node.state' | 'media_node.remove',
  nodeId: string,
  detail: Record<string, string>,
) => Promise<void>;

export interface MediaNode {
  id: string;
  apiUrl: string;
  adminUrl: string;
  mediaAddress: string;
  role: MediaNodeInput['role'];
  state: MediaNodeState;
}

const toNode = (row: MediaNodeTable): MediaNode => ({
  id: row.id,
  apiUrl: row.api_url,
  adminUrl: row.admin_url,
  mediaAddress: row.media_address,
  role: row.role,
  state: row.state,
});

export const nodeRegistry = {
  list: async (db: Executor): Promise<MediaNode[]> => (await mediaNodesRepo.list(db)).map(toNode),

  /** Adds a node (active) or changes an existing one's addresses and role, keeping its state. */
  async register(db: Executor, input: unknown, audit: AuditChange): Promise<MediaNode> {
    const node = mediaNodeInput.parse(input);
    const now = new Date().toISOString();
    await mediaNodesRepo.upsert(db, {
      id: node.id,
      api_url: node.apiUrl,
      admin_url: node.adminUrl,
      media_address: node.mediaAddress,
      role: node.role,
      state: 'active',
      updated_at: now,
    });
    await audit(db, 'media_node.register', node.id, { role: node.role, mediaAddress: node.mediaAddress });
    const stored = await mediaNodesRepo.find(db, node.id);
    if (!stored) throw new Error(`media node ${node.id} was not stored`);
    return toNode(stored);
  },

  /** active, draining (no new rooms or viewers; what runs stays) or down (not used at all). */
  async setState(db: Executor, id: string, state: unknown, audit: AuditChange): Promise<void> {
    const next = mediaNodeState.parse(state);
    if ((await mediaNodesRepo.setState(db, id, next, new Date().toISOString())) === 0) throw new Error(`no media node ${id}`);
    await audit(db, 'media_node.state', id, { state: next });
  },

  async remove(db: Executor, id: string, audit: AuditChange): Promise<void> {
    if ((await mediaNodesRepo.remove(db, id)) === 0) throw new Error(`no media node ${id}`);
    await audit(db, 'media_node.remove', id, {});
  },
};
