import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderNginxSite } from '../cluster/nginx-config.js';
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
 * cluster mode (src/cluster/nginx-config.ts: room sockets hashed by `$arg_room$arg_seat`, consistent;
 * everything else spread); loopback only.
 */
export async function startNginx(backends: readonly number[], port?: number): Promise<{ port: number; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'plenum-nginx-'));
  port ??= await freePort();
  const listening = port;
  const site = renderNginxSite({ backends: backends.map((p) => `127.0.0.1:${p}`), listen: `127.0.0.1:${port}` });
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
worker_rlimit_nofile 20000;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
${site.replace(/^/gm, '  ')}}
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
