/**
 * The nginx configuration in front of several app instances (docs/operations.md, "Routing"), from
 * one place: `npm run -s nginx:config` prints it for a deployment, the cluster tests run nginx
 * with it on loopback (src/testing/nginx.ts), and a test keeps the docs' copy equal to it.
 * Room sockets are hashed by the room in their query (consistent: an instance that is down moves
 * only its rooms) — a webinar attendee's by room and seat, so attendees spread over all instances;
 * everything else goes to the least busy instance. An instance is taken out after 3 failed
 * connects (for 5 s): a killed one refuses at once, so that is quick, while one slow connect of a
 * busy instance does not take it out (with max_fails=1 a join storm cascaded into 502s).
 */
export interface NginxSite {
  /** The app instances, `host:port` each. */
  backends: readonly string[];
  /** What `listen` says; a deployment's is the TLS line in a comment (certificates as for one instance). */
  listen?: string;
}

export function renderNginxSite({ backends, listen }: NginxSite): string {
  const servers = backends.map((backend) => `  server ${backend} max_fails=3 fail_timeout=5s;`).join('\n');
  const headers = `    proxy_http_version 1.1;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;`;
  return `upstream plenum_rooms {
  hash $arg_room$arg_seat consistent;
${servers}
}
upstream plenum_app {
  least_conn;
${servers}
}
server {
  ${listen ? `listen ${listen};` : '# listen 443 ssl; server_name meet.example.org; certificates as in the single-instance setup'}
  location = /api/rooms/socket {
    proxy_pass http://plenum_rooms;
    proxy_next_upstream error timeout;   # an instance that is down: the next one on the ring
    proxy_connect_timeout 2s;
    proxy_read_timeout 1h;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
${headers}
  }
  location / {
    proxy_pass http://plenum_app;
    proxy_next_upstream error timeout;
    proxy_connect_timeout 2s;
${headers}
  }
}
`;
}
