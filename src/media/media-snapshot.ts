import { z } from 'zod';

/**
 * What another owner needs to carry a room's media on (cluster mode: the owner keeps it in the
 * room's shared state; one instance: a room whose meeting node died): the node, the Janus rooms
 * with their secret, and each mountpoint of the webinar with the ports and SRTP key its
 * forwarders send to. Forwarders themselves are not listed: a new owner stops whatever the
 * rooms still forward (Janus lists it) and forwards again to these ports with these keys, so the
 * edges' viewers keep their connections. Secrets and keys only: no participant data.
 */
const port = z.number().int().min(1).max(65_535);
const janusId = z.number().int().positive();
const videoPorts = z.strictObject({ port, rtcpPort: port });

export const rtpTargetSnapshot = z.strictObject({
  host: z.string().min(1),
  srtpCrypto: z.string().min(1),
  audioPort: port,
  video: z.strictObject({ main: videoPorts, inset: videoPorts }),
});

export const mountpointSnapshot = z.strictObject({
  node: z.string().min(1),
  id: janusId,
  secret: z.string().min(1),
  pin: z.string().min(1),
  target: rtpTargetSnapshot,
});
export type MountpointSnapshot = z.infer<typeof mountpointSnapshot>;

export const mediaSnapshot = z.strictObject({
  node: z.string().min(1),
  rooms: z.strictObject({ audioRoom: janusId, videoRoom: janusId, secret: z.string().min(1), maxPublishers: z.number().int().positive() }),
  mountpoints: z.array(mountpointSnapshot),
});
export type MediaSnapshot = z.infer<typeof mediaSnapshot>;

/** A kept snapshot as JSON, or undefined when there is none or it does not parse (then the rooms open afresh). */
export function readMediaSnapshot(json: string | undefined): MediaSnapshot | undefined {
  if (json === undefined) return undefined;
  try {
    return mediaSnapshot.parse(JSON.parse(json));
  } catch {
    return undefined;
  }
}
