import type { Config } from '../config.js';

/**
 * The configuration Plenum writes for an embedded Janus: loopback only, token authentication
 * on, an admin secret only the app knows, and only the plugins and transport Plenum uses.
 */

export interface EmbeddedJanusSettings {
  wsPort: number;
  adminWsPort: number;
  adminSecret: string;
  rtpPorts: { min: number; max: number };
  /** 0: a thread per WebRTC handle; N: handles share N event loops (see `eventLoopsLine`). */
  eventLoops: number;
  /** Address the API and admin WebSockets bind to: always the app's own machine. */
  host: string;
  ice: Config['janus']['ice'];
  recordingsDir: string;
}

const libDir = '/usr/lib/x86_64-linux-gnu/janus';
const unusedPlugins = ['duktape', 'echotest', 'lua', 'nosip', 'recordplay', 'sip', 'textroom', 'videocall', 'voicemail'].map(
  (p) => `libjanus_${p}.so`,
);
const unusedTransports = ['http', 'mqtt', 'nanomsg', 'pfunix', 'rabbitmq'].map((t) => `libjanus_${t}.so`);
const unusedEventHandlers = ['gelfevh', 'mqttevh', 'nanomsgevh', 'rabbitmqevh', 'sampleevh', 'wsevh'].map((e) => `libjanus_${e}.so`);

const quote = (value: string) => JSON.stringify(value);

/**
 * Shared event loops (JANUS_EVENT_LOOPS, default 16). With a thread per handle (Janus' default)
 * every RTP packet to every viewer wakes that viewer's thread: 0.44–0.6 % of a core per viewer of
 * a 1 Mbit/s webinar (bench:fanout). A loop sends for many viewers per wake-up: 0.25–0.3 %.
 * But a loop is one thread, and on a machine with more runnable threads than cores the kernel
 * gives it only its share of a core: the loop's queue grows, Janus discards every packet that
 * waited longer than one second ("Discarding too old outgoing packet", ice.c), and the
 * presenter's socket, served by a loop too, overflows and loses packets for every viewer. On the
 * 2-core test box at load 15–30, 2, 4 and 8 loops lost packets from 100–200 viewers on (their
 * threads waited 60–80 % of the time for a CPU); 16 loops carried 250 viewers without loss at
 * 0.29 % of a core each. Socket buffers were not the cause (no drops in Janus' sockets with 16
 * loops, no send buffer errors). Details: docs/operations.md, "Webinar fan-out".
 */
function eventLoopsLine(eventLoops: number): string {
  return eventLoops > 0 ? `  event_loops = ${eventLoops}\n` : '';
}

/**
 * Folders Janus refuses to write recordings into. The recordings directory must not lie inside
 * one, or Janus silently writes nothing (e.g. DATA_DIR=/var/lib/plenum with "/var" protected).
 */
function protectedFolders(recordingsDir: string): string[] {
  const system = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/sbin', '/sys', '/usr', '/var'];
  return system.filter((folder) => recordingsDir !== folder && !recordingsDir.startsWith(`${folder}/`));
}

/** The NAT section: which interfaces carry media, and how browsers elsewhere reach them. */
function natSection(ice: EmbeddedJanusSettings['ice']): string {
  const lines = [`ice_enforce_list = ${quote(ice.interfaces)}`, 'nice_debug = false'];
  if (ice.nat1to1) lines.push(`nat_1_1_mapping = ${quote(ice.nat1to1)}`);
  if (ice.stun) lines.push(`stun_server = ${quote(ice.stun.host)}`, `stun_port = ${ice.stun.port}`);
  if (ice.turn) {
    lines.push(`turn_server = ${quote(ice.turn.host)}`, `turn_port = ${ice.turn.port}`, 'turn_type = "udp"');
    if (ice.turn.user) lines.push(`turn_user = ${quote(ice.turn.user)}`);
    if (ice.turn.password) lines.push(`turn_pwd = ${quote(ice.turn.password)}`);
  }
  return lines.map((line) => `  ${line}`).join('\n');
}

export function renderJanusConfig(dir: string, s: EmbeddedJanusSettings): Record<string, string> {
  return {
    'janus.jcfg': `general: {
  configs_folder = ${quote(dir)}
  plugins_folder = ${quote(`${libDir}/plugins`)}
  transports_folder = ${quote(`${libDir}/transports`)}
  events_folder = ${quote(`${libDir}/events`)}
  loggers_folder = ${quote(`${libDir}/loggers`)}
  debug_level = 4
  debug_timestamps = true
  debug_colors = false
  admin_secret = ${quote(s.adminSecret)}
  token_auth = true
${/^[\d.]+$/.test(s.ice.interfaces) ? `  interface = ${quote(s.ice.interfaces)}\n` : ''}  session_timeout = 60
${eventLoopsLine(s.eventLoops)}  protected_folders = ${JSON.stringify(protectedFolders(s.recordingsDir))}
}
media: {
  rtp_port_range = "${s.rtpPorts.min}-${s.rtpPorts.max}"
}
nat: {
${natSection(s.ice)}
}
plugins: {
  disable = ${quote(unusedPlugins.join(','))}
}
transports: {
  disable = ${quote(unusedTransports.join(','))}
}
loggers: {
  disable = "libjanus_jsonlog.so"
}
events: {
  broadcast = false
  disable = ${quote(unusedEventHandlers.join(','))}
}
`,
    'janus.transport.websockets.jcfg': `general: {
  json = "plain"
  ws = true
  ws_port = ${s.wsPort}
  ws_ip = ${quote(s.host)}
  wss = false
}
admin: {
  admin_ws = true
  admin_ws_port = ${s.adminWsPort}
  admin_ws_ip = ${quote(s.host)}
  admin_wss = false
}
`,
    // Rooms are created by the app at run time; no static rooms, no sample mountpoints.
    'janus.plugin.audiobridge.jcfg': `general: {
  admin_key = ${quote(s.adminSecret)}
  lock_rtp_forward = true
  local_ip = ${quote(s.host)}
}
`,
    'janus.plugin.videoroom.jcfg': `general: {
  admin_key = ${quote(s.adminSecret)}
  lock_rtp_forward = true
}
`,
    'janus.plugin.streaming.jcfg': `general: {
  admin_key = ${quote(s.adminSecret)}
  rtp_port_range = "${s.rtpPorts.min}-${s.rtpPorts.max}"
}
`,
  };
}
