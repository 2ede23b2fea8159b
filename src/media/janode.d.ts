// janode ships no type declarations; these cover the part Plenum uses. Extend as media/ grows.
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

  export interface Session extends EventEmitter {
    destroy(): Promise<void>;
  }

  export interface Connection extends EventEmitter {
    create(keepAliveSeconds?: number): Promise<Session>;
    getInfo(): Promise<Record<string, unknown>>;
    close(): Promise<void>;
  }

  const Janode: {
    connect(options: ConnectOptions): Promise<Connection>;
    Logger: { setLevel(level: 'none' | 'error' | 'warning' | 'info' | 'verbose' | 'debug'): void };
  };
  export default Janode;
}
