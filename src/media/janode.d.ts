// janode ships no type declarations; these cover the part Plenum uses. Rooms are created with
// Janus' own requests (JanusNode.request), never with janode's create(), which drops parameters.
declare module 'janode' {
  import type { EventEmitter } from 'node:events';

  export interface ServerAddress {
    url: string;
    apisecret?: string;
    token?: string;
  }

  export interface ConnectOptions {
    address: ServerAddress | ServerAddress[];
    is_admin?: boolean;
    retry_time_secs?: number;
    max_retries?: number;
  }

  export interface Jsep {
    type: 'offer' | 'answer';
    sdp: string;
  }

  export interface Handle extends EventEmitter {
    id: number;
    message(body: Record<string, unknown>, jsep?: Jsep | null): Promise<unknown>;
    trickle(candidate: unknown): Promise<void>;
    trickleComplete(): Promise<void>;
    detach(): Promise<void>;
  }

  export interface Plugin<H extends Handle = Handle> {
    id: string;
    Handle: new (...args: never[]) => H;
    EVENT: Record<string, string>;
  }

  export interface Session extends EventEmitter {
    id: number;
    attach<H extends Handle>(plugin: Plugin<H>): Promise<H>;
    destroy(): Promise<void>;
  }

  export interface Connection extends EventEmitter {
    create(keepAliveSeconds?: number): Promise<Session>;
    getInfo(): Promise<Record<string, unknown>>;
    sendRequest(request: Record<string, unknown>): Promise<Record<string, unknown>>;
    close(): Promise<void>;
  }

  const Janode: {
    connect(options: ConnectOptions): Promise<Connection>;
    Logger: { setLevel(level: 'none' | 'error' | 'warning' | 'info' | 'verbose' | 'debug'): void };
    EVENT: Record<string, string>;
  };
  export default Janode;
}

declare module 'janode/plugins/audiobridge' {
  import type { Handle, Jsep, Plugin } from 'janode';
  export interface AudioBridgeHandle extends Handle {
    join(params: {
      room: number;
      display?: string;
      muted?: boolean;
      token?: string;
      codec?: 'opus' | 'pcma' | 'pcmu';
      rtp_participant?: { ip: string; port: number; payload_type: number };
    }): Promise<{ feed: number; rtp_participant?: { ip?: string; port?: number; payload_type?: number } }>;
    configure(params: {
      muted?: boolean;
      display?: string;
      record?: boolean;
      filename?: string;
      jsep?: Jsep | null;
    }): Promise<{ jsep?: Jsep }>;
    leave(): Promise<unknown>;
  }
  const plugin: Plugin<AudioBridgeHandle>;
  export default plugin;
}

declare module 'janode/plugins/videoroom' {
  import type { Handle, Jsep, Plugin } from 'janode';
  export interface VideoRoomHandle extends Handle {
    joinConfigurePublisher(params: {
      room: number;
      display?: string;
      audio?: boolean;
      video?: boolean;
      token?: string;
      jsep: Jsep;
    }): Promise<{ feed: number; jsep?: Jsep }>;
    unpublish(): Promise<unknown>;
    configure(params: { record?: boolean; filename?: string }): Promise<unknown>;
    /** Multistream: one subscriber for many publications (`streams`); the answer lists its m-lines. */
    joinSubscriber(params: {
      room: number;
      streams: { feed: number }[];
      autoupdate?: boolean;
      token?: string;
    }): Promise<{ jsep?: Jsep; streams?: SubscriberStream[] }>;
    update(params: {
      subscribe?: { feed: number }[];
      unsubscribe?: { sub_mid: string }[];
    }): Promise<{ jsep?: Jsep; streams?: SubscriberStream[] }>;
    start(params: { jsep: Jsep }): Promise<unknown>;
    leave(): Promise<unknown>;
  }
  /** One m-line of a subscriber: which publication (feed) it carries, if any. */
  export interface SubscriberStream {
    mid: string;
    type: string;
    active?: boolean;
    feed_id?: number;
  }
  const plugin: Plugin<VideoRoomHandle>;
  export default plugin;
}

declare module 'janode/plugins/streaming' {
  import type { Handle, Jsep, Plugin } from 'janode';
  export interface StreamingHandle extends Handle {
    watch(params: { id: number; pin?: string }): Promise<{ jsep?: Jsep }>;
    start(params: { jsep: Jsep }): Promise<unknown>;
    stop(): Promise<unknown>;
  }
  const plugin: Plugin<StreamingHandle>;
  export default plugin;
}
