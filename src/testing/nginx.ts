import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { until } from './until.js';

/** A port nobody listens on now (loopback), for a process that must be told its port in advance. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * nginx (Debian package) in front of app instances, configured as docs/operations.md says for
 * cluster mode: room sockets hashed by `$arg_room` (consistent), everything else spread; loopback only.
 */
export async function startNginx(backends: readonly number[], port?: number): Promise<{ port: number; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'plenum-nginx-'));
  port ??= await freePort();
  const listening = port;
  const servers = backends.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n    ');
  const proxied = `
      proxy_http_version 1.1;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`;
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream plenum_rooms {
    hash $arg_room consistent;
    ${servers}
  }
  upstream plenum_app {
    least_conn;
    ${servers}
  }
  server {
    listen 127.0.0.1:${port};
    location = /api/rooms/socket {
      proxy_pass http://plenum_rooms;${proxied}
      proxy_read_timeout 1h;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection "upgrade";
    }
    location / {
      proxy_pass http://plenum_app;${proxied}
    }
  }
}
`,
  );
  const nginx: ChildProcess = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  await until(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(listening, '127.0.0.1', () => resolve(socket.end() !== undefined));
        socket.on('error', () => resolve(false));
      }),
    { what: 'nginx listening' },
  );
  return {
    port,
    async stop() {
      nginx.kill('SIGTERM');
      await new Promise((resolve) => (nginx.exitCode === null ? nginx.once('exit', resolve) : resolve(undefined)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
