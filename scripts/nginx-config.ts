/**
 * Prints nginx's site configuration for several app instances (docs/operations.md, "Routing"):
 *   npm run -s nginx:config -- 10.0.0.11:8080 10.0.0.12:8080 10.0.0.13:8080 > /etc/nginx/sites-available/plenum
 * then add `listen 443 ssl`, server_name and the certificates as for one instance.
 */
import { renderNginxSite } from '../src/cluster/nginx-config.js';

const backends = process.argv.slice(2);
if (backends.length === 0 || backends.some((backend) => !/^[\w.-]+:\d{1,5}$/.test(backend))) {
  process.stderr.write('usage: nginx:config <host:port of each app instance>…\n');
  process.exitCode = 2;
} else process.stdout.write(renderNginxSite({ backends }));
