/**
 * The parameter names Janus 1.1.2 reads for each request the app builds itself, copied from
 * the `*_parameters` tables of janus_audiobridge.c, janus_videoroom.c and janus_streaming.c.
 * Janus ignores a key it does not know and janode's helpers drop them, so a misspelt or
 * unsupported setting would vanish without a word; `checkRequest` throws instead.
 */

export type ControlPlugin = 'audiobridge' | 'videoroom' | 'streaming';

const room = ['room', 'admin_key'];
const allowed = [...room, 'secret', 'action', 'allowed'];
const destroy = [...room, 'secret', 'permanent'];

const known: Record<ControlPlugin, Record<string, readonly string[]>> = {
  audiobridge: {
    create: [
      ...room,
      ...['description', 'secret', 'pin', 'is_private', 'allowed', 'sampling_rate', 'spatial_audio', 'record', 'record_file', 'record_dir'],
      ...['allow_rtp_participants', 'permanent', 'audiolevel_ext', 'audiolevel_event', 'audio_active_packets', 'audio_level_average'],
      ...['default_prebuffering', 'default_expectedloss', 'default_bitrate', 'groups'],
    ],
    destroy,
    allowed,
    list: ['admin_key'],
    // The app's own probe of a room's admission (a plain-RTP join with a token the room never admitted).
    join: [...room, 'id', 'display', 'token', 'muted', 'codec', 'rtp'],
    rtp_forward: [
      ...room,
      'secret',
      'group',
      'ssrc',
      'codec',
      'ptype',
      'port',
      'host',
      'host_family',
      'srtp_suite',
      'srtp_crypto',
      'always_on',
    ],
    stop_rtp_forward: [...room, 'secret', 'stream_id'],
    listforwarders: [...room, 'secret'],
  },
  videoroom: {
    create: [
      ...room,
      ...[
        'description',
        'is_private',
        'allowed',
        'secret',
        'pin',
        'require_pvtid',
        'signed_tokens',
        'bitrate',
        'bitrate_cap',
        'fir_freq',
        'publishers',
      ],
      ...[
        'audiocodec',
        'videocodec',
        'vp9_profile',
        'h264_profile',
        'opus_fec',
        'opus_dtx',
        'video_svc',
        'audiolevel_ext',
        'audiolevel_event',
      ],
      ...[
        'audio_active_packets',
        'audio_level_average',
        'videoorient_ext',
        'playoutdelay_ext',
        'transport_wide_cc_ext',
        'record',
        'rec_dir',
      ],
      ...['lock_record', 'permanent', 'notify_joining', 'require_e2ee', 'dummy_publisher', 'dummy_streams'],
    ],
    destroy,
    allowed,
    list: ['admin_key'],
    join: [...room, 'ptype', 'display', 'token'],
    rtp_forward: [...room, 'secret', 'publisher_id', 'host', 'host_family', 'srtp_suite', 'srtp_crypto', 'streams'],
    stop_rtp_forward: [...room, 'secret', 'publisher_id', 'stream_id'],
    listforwarders: [...room, 'secret'],
  },
  streaming: {
    create: [
      ...['admin_key', 'id', 'name', 'description', 'metadata', 'is_private', 'type', 'secret', 'pin', 'media', 'permanent'],
      ...['collision', 'threads', 'srtpsuite', 'srtpcrypto', 'e2ee', 'playoutdelay_ext'],
    ],
    info: ['admin_key', 'id', 'secret'],
    destroy: ['admin_key', 'id', 'secret', 'permanent'],
  },
};

/** Keys of the entries inside a request's lists: VideoRoom forwarder streams, Streaming media. */
const knownEntries: Record<string, readonly string[]> = {
  'videoroom rtp_forward streams': [
    'mid',
    'host',
    'host_family',
    'port',
    'rtcp_port',
    'ssrc',
    'pt',
    'simulcast',
    'srtp_suite',
    'srtp_crypto',
  ],
  'streaming create media': [
    'type',
    'mid',
    'label',
    'msid',
    'mcast',
    'iface',
    'port',
    'rtcpport',
    'pt',
    'codec',
    'rtpmap',
    'fmtp',
    'skew',
    'bufferkf',
  ],
};

/** Throws unless Janus 1.1.2 reads every key of this request (and of the entries of its lists). */
export function checkRequest(plugin: ControlPlugin, body: Record<string, unknown>): void {
  const request = String(body.request);
  const names = known[plugin][request];
  if (!names) throw new Error(`${plugin}: the app does not send "${request}" requests`);
  for (const key of Object.keys(body)) {
    if (key !== 'request' && !names.includes(key)) throw new Error(`${plugin} ${request}: Janus 1.1.2 reads no "${key}"`);
    const entryNames = knownEntries[`${plugin} ${request} ${key}`];
    if (!entryNames) continue;
    for (const entry of body[key] as Record<string, unknown>[]) {
      for (const entryKey of Object.keys(entry)) {
        if (!entryNames.includes(entryKey)) throw new Error(`${plugin} ${request}: Janus 1.1.2 reads no "${key}[].${entryKey}"`);
      }
    }
  }
}
