// The reverse proxy in front of the hub: one origin for browsers, HTTP to the api processes and
// WebSocket (Socket.IO /socket.io/) to the live processes. `npm run cluster` writes it for its local
// processes; deploy/nginx/icc-hub.conf is the same text for docker-compose (a unit test keeps the two
// in step). Node built-ins only.

/**
 * @param {{
 *   listen: number,
 *   api: string[],
 *   live: string[],
 *   prefix?: string,
 *   workerProcesses?: string,
 *   daemonOff?: boolean,
 * }} options `api` and `live` are `host:port` of each process; `prefix` a writable directory for
 *   nginx's pid and temporary files (the cluster's own; unset: nginx's defaults, as in the image).
 */
export function nginxConfig({
  listen,
  api,
  live,
  prefix,
  workerProcesses = 'auto',
  daemonOff = true,
}) {
  const servers = (list) =>
    list.map((address) => `    server ${address} max_fails=1 fail_timeout=2s;`);
  const own = prefix
    ? [
        `pid ${prefix}/nginx.pid;`,
        // Errors to stderr: the cluster script shows them with the hub's own logs.
        'error_log stderr warn;',
      ]
    : ['error_log stderr warn;'];
  const toApi = [
    '      proxy_pass http://icc_api;',
    '      proxy_set_header Connection "";',
    // A process that is down is skipped; a request already sent to one that dies is not retried
    // unless it is idempotent (nginx never resends POST/PATCH/DELETE once it reached the upstream).
    '      proxy_next_upstream error timeout http_502 http_503;',
    '      proxy_next_upstream_tries 2;',
    '      proxy_connect_timeout 2s;',
    '      proxy_read_timeout 60s;',
  ];
  const temp = prefix
    ? ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${prefix}/${kind}_temp;`,
      )
    : [];
  return [
    '# ICC Hub reverse proxy. Written by scripts/lib/nginx-config.mjs; edit that, not this file.',
    ...(daemonOff ? ['daemon off;'] : []),
    `worker_processes ${workerProcesses};`,
    ...own,
    '',
    'events {',
    // Each browser in a live room holds one WebSocket, and each is two connections here.
    '  worker_connections 16384;',
    '}',
    '',
    'http {',
    '  access_log off;',
    ...temp,
    '  server_tokens off;',
    // Key-learnings PDFs are capped at 10 MB; nothing the hub takes is larger than 1 MB.
    '  client_max_body_size 2m;',
    '',
    '  map $http_upgrade $connection_upgrade {',
    '    default upgrade;',
    "    '' '';",
    '  }',
    '',
    // Any api process can answer any request: state is in PostgreSQL and Redis.
    '  upstream icc_api {',
    '    least_conn;',
    ...servers(api),
    '    keepalive 64;',
    '  }',
    '',
    // The browser app speaks WebSocket only (no long-polling), so a socket needs no stickiness:
    // rooms and missed messages are shared through Redis.
    '  upstream icc_live {',
    '    least_conn;',
    ...servers(live),
    '  }',
    '',
    '  server {',
    `    listen ${listen};`,
    '',
    '    proxy_http_version 1.1;',
    '    proxy_set_header Host $http_host;',
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '    proxy_set_header X-Forwarded-Proto $scheme;',
    // One id per request, logged by the api and carried into the mail it causes.
    '    proxy_set_header X-Request-Id $request_id;',
    '',
    // Metrics are for the operators' Prometheus, which scrapes each process directly.
    '    location = /metrics {',
    '      return 404;',
    '    }',
    '',
    '    location /socket.io/ {',
    '      proxy_pass http://icc_live;',
    '      proxy_set_header Upgrade $http_upgrade;',
    '      proxy_set_header Connection $connection_upgrade;',
    '      proxy_read_timeout 120s;',
    '      proxy_send_timeout 120s;',
    '    }',
    '',
    // A private calendar feed's address is its secret, and nginx writes the request line into
    // its error log (an api process down, a timeout): not for these, which calendar apps poll.
    '    location /api/calendar/feeds/ {',
    '      error_log stderr crit;',
    ...toApi,
    '    }',
    '',
    '    location / {',
    ...toApi,
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}
