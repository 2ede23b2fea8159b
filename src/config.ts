import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Whether Intl knows the zone. Not shared/time-zones' isTimeZone: shared and store read Config, so config imports neither. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The one configuration object. Values come from environment variables and, optionally,
 * from a JSON file named by PLENUM_CONFIG whose keys are the same variable names;
 * the environment wins over the file.
 */

const port = z.coerce.number().int().min(0).max(65535); // 0: any free port (tests, benchmarks)
const minutes = z.coerce.number().int().min(1);
const optionalText = z.string().trim().min(1).optional();
/** ORG_NAME until it is set (here or on the settings page): the admin is warned, the notice says it is not configured. */
export const unconfiguredOrganisationName = 'Plenum (unconfigured organisation)';
const days = z.coerce.number().int().min(0).max(36500);
/** A comma-separated list in one variable, each entry checked by `entry`. */
const commaList = <Entry extends z.ZodType<unknown, string>>(entry: Entry) =>
  z
    .string()
    .trim()
    .transform((v) =>
      v
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(entry));
const wsUrlList = commaList(z.url({ protocol: /^wss?$/, error: 'each entry must be a ws:// or wss:// URL' }));

const envSchema = z.object({
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: port.default(8080),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => /^(postgres(ql)?|sqlite):/.test(v), 'must start with postgres:// or sqlite:')
    .optional(),
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:\/\//.test(v), 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().trim().min(3).default('Plenum <plenum@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LANGUAGE: z.enum(['de', 'en']).default('de'),
  // The organisation's time zone until the admin sets one on the settings page (new events start in it).
  DEFAULT_TIME_ZONE: z.string().trim().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin').default('Europe/Berlin'),
  // Which X-Forwarded-For entries are true: none, the last N hops, or those added by these proxies.
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v, context) => {
      const trust = trustedProxies(v);
      if (trust === undefined) {
        context.addIssue({
          code: 'custom',
          message:
            v === 'true'
              ? 'true would let every client choose its address (the leftmost X-Forwarded-For); give the number of proxies in front of Plenum (1) or their addresses, e.g. 127.0.0.1 or 10.0.0.0/8'
              : 'must be false, a number of proxies (1-10), or a comma-separated list of proxy addresses or CIDR ranges',
        });
        return z.NEVER;
      }
      return trust;
    }),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  // Cluster mode (src/cluster/): several Plenum instances on one PostgreSQL share join sessions, rate limits and jobs through Redis.
  REDIS_URL: z
    .string()
    .trim()
    .refine((v) => /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://')
    .optional(),
  // Every key Plenum writes starts with it, so several installations (or test runs) can share one Redis.
  REDIS_KEY_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,40}:$/, 'must be 1-40 letters, digits, _ . or - followed by a colon, e.g. plenum:')
    .default('plenum:'),
  // Names this instance in logs and /healthz (public: no secret in it); default: plenum- and 8 random hex digits.
  INSTANCE_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, _ . or -')
    .optional(),
  // Cluster mode: how the other instances reach this one (room sockets are relayed to a room's owner); default the listening address.
  INTERNAL_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  // How long a live room's owner lease lasts unrenewed: the longest an owner's failure leaves its rooms without one.
  ROOM_LEASE_SECONDS: z.coerce.number().min(1).max(60).default(6),
  SESSION_IDLE_MINUTES: minutes.default(60),
  SESSION_MAX_MINUTES: minutes.default(12 * 60),

  // registry: the Janus nodes of several machines, from the database (npm run media-nodes; src/media/nodes/).
  JANUS_MODE: z.enum(['embedded', 'external', 'registry', 'off']).default('embedded'),
  JANUS_BINARY: z.string().trim().min(1).default('janus'),
  JANUS_URLS: wsUrlList.optional(),
  JANUS_ADMIN_URLS: wsUrlList.optional(),
  JANUS_ADMIN_SECRET: optionalText,
  JANUS_RTP_PORT_RANGE: z
    .string()
    .trim()
    .regex(/^\d{4,5}-\d{4,5}$/, 'must look like 20000-40000')
    .default('20000-40000'),
  // Where browsers reach Janus' media: loopback by default; in production the public interface.
  // Default: this machine's primary address (primaryAddress below).
  JANUS_ICE_INTERFACES: optionalText,
  JANUS_NAT_1_1_MAPPING: z.ipv4({ error: 'must be an IPv4 address' }).optional(),
  JANUS_STUN_SERVER: z
    .string()
    .trim()
    .regex(/^[\w.-]+:\d{1,5}$/, 'must look like stun.example.org:3478')
    .optional(),
  JANUS_TURN_SERVER: z
    .string()
    .trim()
    .regex(/^[\w.-]+:\d{1,5}$/, 'must look like turn.example.org:3478')
    .optional(),
  JANUS_TURN_USER: optionalText,
  JANUS_TURN_PASSWORD: optionalText,
  // Embedded Janus: N WebRTC handles share N event loops; 0 gives every handle a thread of its own (Janus' default). Why 16: src/media/janus-config.ts.
  JANUS_EVENT_LOOPS: z.coerce.number().int().min(0).max(64).default(16),
  // Webinar viewers one edge node serves at most (JANUS_MODE=registry). With 16 event loops Janus spent ≈0.29 % of a core per viewer of a 1 Mbit/s broadcast (bench:fanout): ≈340 × the edge's free cores, less headroom.
  JANUS_EDGE_VIEWER_CAP: z.coerce.number().int().min(1).max(100_000).default(300),
  MEETING_MAX_PUBLISHERS: z.coerce.number().int().min(1).max(100).default(25),

  // TURN relay for browsers behind NAT and firewalls (src/media/turn.ts): off, a coturn the app runs, or one on its own machine.
  TURN_MODE: z.enum(['off', 'embedded', 'external']).default('off'),
  TURN_BINARY: z.string().trim().min(1).default('turnserver'),
  // coturn's static-auth-secret (use-auth-secret); embedded without it: a new random one at every start.
  TURN_SECRET: z.string().trim().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  // external: the turn:/turns: URLs browsers use; embedded: derived from the listeners below.
  TURN_URLS: commaList(
    z.string().regex(/^turns?:[\w.:[\]-]+(\?transport=(udp|tcp))?$/, 'each entry must look like turn:turn.example.org:3478?transport=udp'),
  ).optional(),
  TURN_LISTEN_IP: z.ipv4({ error: 'must be an IPv4 address' }).optional(),
  TURN_PORT: port.default(3478),
  TURN_TLS_LISTEN_IP: z.ipv4({ error: 'must be an IPv4 address' }).optional(),
  TURN_TLS_PORT: port.default(443),
  TURN_TLS_CERT: optionalText,
  TURN_TLS_KEY: optionalText,
  TURN_TLS_HOST: optionalText,
  TURN_RELAY_PORT_RANGE: z
    .string()
    .trim()
    .regex(/^\d{4,5}-\d{4,5}$/, 'must look like 49152-65535')
    .default('49152-65535'),
  // The Janus media addresses the relay may send to (nothing else); embedded default: Janus' own addresses.
  TURN_PEER_IPS: commaList(z.union([z.ipv4(), z.ipv6()], { error: 'each entry must be an IP address' })).optional(),
  TURN_CREDENTIAL_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  TURN_USER_QUOTA: z.coerce.number().int().min(1).max(100).default(12),
  TURN_TOTAL_QUOTA: z.coerce.number().int().min(1).default(2000),
  TURN_MAX_KBPS: z.coerce.number().int().min(64).default(8000),

  ORG_NAME: z.string().trim().min(1).default(unconfiguredOrganisationName),
  ORG_ADDRESS: optionalText,
  PRIVACY_EMAIL: z.email({ error: 'must be an email address' }).optional(),
  DPO_NAME: optionalText,
  DPO_EMAIL: z.email({ error: 'must be an email address' }).optional(),

  // Phone dial-in (src/telephony): off unless SIP_PORT is set; only the trunk's addresses may call.
  SIP_PORT: port.optional(),
  // A concrete address: it is written into the SDP answers, so 0.0.0.0 or :: would not do.
  SIP_HOST: z
    .union([z.ipv4(), z.ipv6()], { error: 'must be an IP address' })
    .refine((v) => v !== '0.0.0.0' && v !== '::', 'must be a concrete address, not 0.0.0.0 or ::')
    .default('127.0.0.1'),
  SIP_TRUNK_ALLOW: z
    .string()
    .default('127.0.0.1,::1')
    .pipe(commaList(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], { error: 'each entry must be an IP address or a CIDR range' }))),
  SIP_DIAL_IN_NUMBER: z
    .string()
    .trim()
    .regex(/^\+[\d ]{6,24}$/, 'must be an international number such as +49 30 1234567')
    .optional(),
  SIP_RTP_PORT_RANGE: z
    .string()
    .trim()
    .regex(/^\d{4,5}-\d{4,5}$/, 'must look like 41000-41999')
    .optional(),
  SIP_RELAY_HOST: z.string().trim().min(1).default('127.0.0.1'),
  SIP_INVITES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  SIP_MAX_CALLS: z.coerce.number().int().min(1).default(100),

  // Retention defaults (src/privacy/retention.ts); the host may set some per event.
  RETENTION_REGISTRATION_DAYS: days.default(180),
  RETENTION_RECORDING_DAYS: days.default(30),
  RETENTION_MINUTES_DAYS: days.default(180),
  RETENTION_UNCONFIRMED_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  RETENTION_CALL_RECORD_DAYS: days.default(90),
  RETENTION_CALLBACK_DAYS: days.default(30),
  RETENTION_AUDIT_DAYS: days.default(730),
  RETENTION_INTERVAL_MINUTES: minutes.default(60),
});

export type Config = ReturnType<typeof toConfig>;
export type Language = 'de' | 'en';

export class ConfigError extends Error {}

function toConfig(env: z.infer<typeof envSchema>) {
  const dataDir = path.resolve(env.DATA_DIR);
  const publicUrl = new URL(env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`);
  const [rtpMin, rtpMax] = env.JANUS_RTP_PORT_RANGE.split('-').map(Number) as [number, number];
  if (rtpMin >= rtpMax) throw new ConfigError('JANUS_RTP_PORT_RANGE: the first port must be lower than the second');
  if (env.JANUS_MODE === 'external') {
    if (!env.JANUS_URLS?.length) throw new ConfigError('JANUS_URLS: required when JANUS_MODE is external');
    if (env.JANUS_ADMIN_URLS?.length !== env.JANUS_URLS.length) {
      throw new ConfigError('JANUS_ADMIN_URLS: one admin URL for each entry of JANUS_URLS, in the same order');
    }
    if (!env.JANUS_ADMIN_SECRET) throw new ConfigError('JANUS_ADMIN_SECRET: required when JANUS_MODE is external');
  }
  if (env.JANUS_MODE === 'registry' && !env.JANUS_ADMIN_SECRET)
    throw new ConfigError('JANUS_ADMIN_SECRET: required when JANUS_MODE is registry (every registered node takes it)');
  if (env.REDIS_URL && !env.DATABASE_URL?.startsWith('postgres'))
    throw new ConfigError(
      'REDIS_URL: cluster mode needs PostgreSQL (DATABASE_URL=postgres://…), which every instance shares; SQLite serves one process only',
    );
  const iceInterfaces = env.JANUS_ICE_INTERFACES ?? primaryAddress();
  if (env.JANUS_MODE === 'embedded') {
    // Janus never gathers ICE candidates on loopback; with nothing else to use, libnice would offer every address of the machine.
    if (!iceInterfaces)
      throw new ConfigError(
        'JANUS_ICE_INTERFACES: this machine has no network address besides loopback, and Janus never carries media over loopback',
      );
    if (iceInterfaces.split(',').every((entry) => loopback.test(entry.trim()))) {
      throw new ConfigError(
        'JANUS_ICE_INTERFACES: Janus never carries media over loopback (it would offer every address of the machine instead); name the interface or address browsers reach, e.g. eth0',
      );
    }
  }
  return {
    http: {
      host: env.HOST,
      port: env.PORT,
      publicUrl,
      secureCookies: publicUrl.protocol === 'https:',
      trustProxy: env.TRUST_PROXY,
      requestsPerMinute: env.RATE_LIMIT_PER_MINUTE,
    },
    dataDir,
    database: env.DATABASE_URL?.startsWith('postgres')
      ? ({ kind: 'postgres', url: env.DATABASE_URL } as const)
      : ({ kind: 'sqlite', file: sqliteFile(env.DATABASE_URL, dataDir) } as const),
    mail: env.SMTP_URL
      ? ({ kind: 'smtp', url: env.SMTP_URL, from: env.MAIL_FROM } as const)
      : ({ kind: 'outbox', from: env.MAIL_FROM } as const),
    /** Cluster mode when `redisUrl` is set; the instance id names this process either way. */
    cluster: {
      redisUrl: env.REDIS_URL,
      keyPrefix: env.REDIS_KEY_PREFIX,
      instanceId: env.INSTANCE_ID ?? `plenum-${randomBytes(4).toString('hex')}`,
      roomLeaseMs: env.ROOM_LEASE_SECONDS * 1000,
      internalUrl: env.INTERNAL_URL,
    },
    logLevel: env.LOG_LEVEL,
    defaultLanguage: env.DEFAULT_LANGUAGE as Language,
    defaultTimeZone: env.DEFAULT_TIME_ZONE,
    sessions: {
      idleMs: env.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: env.SESSION_MAX_MINUTES * 60_000,
    },
    janus: {
      mode: env.JANUS_MODE,
      binary: env.JANUS_BINARY,
      /** External nodes, tried in order: the API and admin WebSocket of each, and their admin secret. */
      nodes: (env.JANUS_URLS ?? []).map((url, i) => ({
        url,
        adminUrl: env.JANUS_ADMIN_URLS?.[i] ?? '',
        adminSecret: env.JANUS_ADMIN_SECRET ?? '',
      })),
      /** JANUS_MODE=registry: the one admin secret (and plugin admin key) of every registered node. */
      adminSecret: env.JANUS_ADMIN_SECRET ?? '',
      edgeViewerCap: env.JANUS_EDGE_VIEWER_CAP,
      rtpPorts: { min: rtpMin, max: rtpMax },
      eventLoops: env.JANUS_EVENT_LOOPS,
      /** Cameras and screen shares one room carries at once. */
      maxPublishers: env.MEETING_MAX_PUBLISHERS,
      ice: {
        /** ice_enforce_list: the only interfaces or addresses Janus offers to browsers. */
        interfaces: iceInterfaces ?? '',
        nat1to1: env.JANUS_NAT_1_1_MAPPING,
        stun: env.JANUS_STUN_SERVER ? hostAndPort(env.JANUS_STUN_SERVER) : undefined,
        turn: env.JANUS_TURN_SERVER
          ? { ...hostAndPort(env.JANUS_TURN_SERVER), user: env.JANUS_TURN_USER, password: env.JANUS_TURN_PASSWORD }
          : undefined,
      },
    },
    turn: turnConfig(env, iceInterfaces),
    organisation: {
      name: env.ORG_NAME,
      address: env.ORG_ADDRESS,
      privacyEmail: env.PRIVACY_EMAIL,
      dpo: env.DPO_NAME || env.DPO_EMAIL ? { name: env.DPO_NAME, email: env.DPO_EMAIL } : undefined,
    },
    /** Phone dial-in, or undefined when SIP_PORT is not set. */
    telephony:
      env.SIP_PORT === undefined
        ? undefined
        : {
            host: env.SIP_HOST,
            port: env.SIP_PORT,
            trunkAllow: env.SIP_TRUNK_ALLOW,
            dialInNumber: env.SIP_DIAL_IN_NUMBER,
            rtpPorts: env.SIP_RTP_PORT_RANGE ? portRange('SIP_RTP_PORT_RANGE', env.SIP_RTP_PORT_RANGE) : undefined,
            relayHost: env.SIP_RELAY_HOST,
            invitesPerMinute: env.SIP_INVITES_PER_MINUTE,
            maxCalls: env.SIP_MAX_CALLS,
          },
    /** Days, keyed as the declarations' RetentionSetting names them. */
    retention: {
      registrationDays: env.RETENTION_REGISTRATION_DAYS,
      recordingDays: env.RETENTION_RECORDING_DAYS,
      minutesDays: env.RETENTION_MINUTES_DAYS,
      unconfirmedHours: env.RETENTION_UNCONFIRMED_HOURS,
      callRecordDays: env.RETENTION_CALL_RECORD_DAYS,
      callbackDays: env.RETENTION_CALLBACK_DAYS,
      auditDays: env.RETENTION_AUDIT_DAYS,
      intervalMs: env.RETENTION_INTERVAL_MINUTES * 60_000,
    },
  };
}

/**
 * The TURN relay (coturn). Browsers get short-lived credentials for it (src/media/turn.ts); it
 * relays only to Janus' media addresses. Embedded: the app writes coturn's config and runs it.
 */
function turnConfig(env: z.infer<typeof envSchema>, iceInterfaces: string | undefined) {
  if (env.TURN_MODE === 'off') return undefined;
  const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;
  const janusAddresses = [...(iceInterfaces ?? '').split(','), env.JANUS_NAT_1_1_MAPPING ?? '']
    .map((a) => a.trim())
    .filter((a) => ipv4.test(a));
  const peerIps = env.TURN_PEER_IPS ?? janusAddresses;
  if (!peerIps.length) throw new ConfigError('TURN_PEER_IPS: name the Janus media addresses the relay may send to');
  if (Boolean(env.TURN_TLS_CERT) !== Boolean(env.TURN_TLS_KEY))
    throw new ConfigError('TURN_TLS_KEY: TURN_TLS_CERT and TURN_TLS_KEY go together');
  const common = {
    credentialSeconds: env.TURN_CREDENTIAL_MINUTES * 60,
    peerIps,
  };
  if (env.TURN_MODE === 'external') {
    if (!env.TURN_URLS?.length) throw new ConfigError('TURN_URLS: required when TURN_MODE is external');
    if (!env.TURN_SECRET)
      throw new ConfigError('TURN_SECRET: required when TURN_MODE is external (the static-auth-secret of the coturn server)');
    return { mode: 'external' as const, urls: env.TURN_URLS, secret: env.TURN_SECRET, ...common };
  }
  const listenIp = env.TURN_LISTEN_IP ?? janusAddresses[0];
  if (!listenIp) throw new ConfigError('TURN_LISTEN_IP: the IPv4 address coturn listens on (browsers must reach it)');
  const tls =
    env.TURN_TLS_CERT && env.TURN_TLS_KEY
      ? {
          listenIp: env.TURN_TLS_LISTEN_IP ?? listenIp,
          port: env.TURN_TLS_PORT,
          cert: path.resolve(env.TURN_TLS_CERT),
          key: path.resolve(env.TURN_TLS_KEY),
          host: env.TURN_TLS_HOST ?? env.TURN_TLS_LISTEN_IP ?? listenIp,
        }
      : undefined;
  return {
    mode: 'embedded' as const,
    binary: env.TURN_BINARY,
    /** undefined: a random secret per start, known only to the app and its coturn. */
    secret: env.TURN_SECRET,
    listenIp,
    port: env.TURN_PORT,
    tls,
    relayPorts: portRange('TURN_RELAY_PORT_RANGE', env.TURN_RELAY_PORT_RANGE),
    userQuota: env.TURN_USER_QUOTA,
    totalQuota: env.TURN_TOTAL_QUOTA,
    maxBytesPerSecond: Math.round((env.TURN_MAX_KBPS * 1000) / 8),
    ...common,
  };
}

/** false, a hop count, or a list of proxy addresses/CIDR ranges (Fastify's trustProxy forms). */
function trustedProxies(value: string): false | number | string[] | undefined {
  if (value === 'false') return false;
  if (/^\d{1,2}$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? hops : undefined;
  }
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const address = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
  return entries.length && entries.every((e) => address.safeParse(e).success) ? entries : undefined;
}

const loopback = /^(lo\d*|localhost|127\.[\d.]*|::1)$/;

/**
 * The IPv4 address media uses unless JANUS_ICE_INTERFACES says otherwise: that of the
 * interface carrying the default route (Linux), else the first address that is not loopback.
 */
function primaryAddress(): string | undefined {
  const interfaces = networkInterfaces();
  const ipv4Of = (name: string) => interfaces[name]?.find((a) => a.family === 'IPv4' && !a.internal)?.address;
  const defaultRoute = defaultRouteInterface();
  return (defaultRoute && ipv4Of(defaultRoute)) || Object.keys(interfaces).map(ipv4Of).find(Boolean);
}

function defaultRouteInterface(): string | undefined {
  try {
    const routes = readFileSync('/proc/net/route', 'utf8').split('\n').slice(1);
    return routes.map((line) => line.split('\t')).find((fields) => fields[1] === '00000000')?.[0];
  } catch {
    return undefined;
  }
}

function portRange(name: string, value: string): { min: number; max: number } {
  const [min, max] = value.split('-').map(Number) as [number, number];
  if (min >= max) throw new ConfigError(`${name}: the first port must be lower than the second`);
  return { min, max };
}

function hostAndPort(value: string): { host: string; port: number } {
  const [host = '', port = ''] = value.split(':');
  return { host, port: Number(port) };
}

function sqliteFile(url: string | undefined, dataDir: string): string {
  if (!url) return path.join(dataDir, 'plenum.sqlite');
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  return file === ':memory:' ? file : path.resolve(file);
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`PLENUM_CONFIG: cannot read the file ${file}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
    return parsed as Record<string, unknown>;
  } catch {
    throw new ConfigError(`PLENUM_CONFIG: ${file} must hold a JSON object of VARIABLE: value pairs`);
  }
}

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = env.PLENUM_CONFIG ? readConfigFile(env.PLENUM_CONFIG) : {};
  const known = Object.keys(envSchema.shape);
  const unknownInFile = Object.keys(fromFile).filter((k) => !known.includes(k));
  if (unknownInFile.length) {
    throw new ConfigError(`PLENUM_CONFIG: unknown setting ${unknownInFile.join(', ')}`);
  }
  const merged: Record<string, unknown> = { ...fromFile };
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const result = envSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`${issue.path.join('.')}: ${issue.message}`);
  }
  return toConfig(result.data);
}
