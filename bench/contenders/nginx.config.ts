/**
 * Contender 4's configuration: nginx as a reverse proxy in front of the plain app, loopback only,
 * in the foreground, every path inside its own temp prefix, keep-alive to the upstream, no access
 * log, buffers large enough that a 64 KiB body never touches a temp file.
 */
export interface NginxConfigOptions {
  prefix: string;
  listenPort: number;
  upstream: string;
  workers: 1 | 'auto';
}

export function nginxConfig({ prefix, listenPort, upstream, workers }: NginxConfigOptions): string {
  return `daemon off;
master_process on;
worker_processes ${workers};
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  client_max_body_size 2m;
  client_body_buffer_size 1m;
  proxy_buffer_size 16k;
  proxy_buffers 16 16k;
  proxy_max_temp_file_size 0;
  keepalive_requests 100000;
  upstream plain_app {
    server ${upstream};
    keepalive 64;
    keepalive_requests 100000;
  }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://plain_app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`;
}
