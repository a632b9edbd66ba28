/** Names and help texts of the host's own metrics (process metrics come from prom-client). */
export const HTTP_REQUESTS = {
  name: 'qntx_http_requests_total',
  help: 'Requests to /api/<plugin>/..., by plugin, method and status (class, or 404/413/502/503/504/aborted).',
};
export const HTTP_REQUEST_DURATION = {
  name: 'qntx_http_request_duration_seconds',
  help: 'Time from receiving a request to /api/<plugin>/... to the end of its response, by plugin and method.',
};
export const HTTP_IN_FLIGHT = {
  name: 'qntx_http_requests_in_flight',
  help: 'Requests to /api/<plugin>/... being served now.',
};
export const PLUGIN_STATE = {
  name: 'qntx_plugin_state',
  help: '1 for the state the plugin is in (starting, running, unhealthy, restarting, failed, stopped), 0 for the others.',
};
export const PLUGIN_RESTARTS = {
  name: 'qntx_plugin_restarts_total',
  help: 'Restarts of a plugin the host launched (after crashes, failed health checks, or on request).',
};
export const PLUGIN_INFO = {
  name: 'qntx_plugin_info',
  help: 'Always 1; the plugin version and kind (built-in or external) as labels.',
};
export const WEBSOCKETS_OPEN = {
  name: 'qntx_websocket_connections',
  help: 'WebSocket connections open now through /ws/<plugin>/..., by plugin.',
};
export const WEBSOCKETS_OPENED = {
  name: 'qntx_websocket_connections_opened_total',
  help: 'WebSocket connections opened through /ws/<plugin>/..., by plugin.',
};
export const PLUGIN_GENERATION = {
  name: 'qntx_plugin_generation_info',
  help: 'Always 1; one series per generation of a plugin (live, draining, starting, or recently stopped or failed), with its version and state as labels.',
};
export const PLUGIN_GENERATION_IN_FLIGHT = {
  name: 'qntx_plugin_generation_requests_in_flight',
  help: 'HTTP requests a generation of a plugin is serving now (a draining one finishes these before it stops).',
};
export const PLUGIN_GENERATION_SOCKETS = {
  name: 'qntx_plugin_generation_websockets',
  help: 'WebSockets open on a generation of a plugin now (a draining one keeps these until drain_timeout_ms, then closes them with 1012).',
};
export const PLUGIN_REPLICA_UP = {
  name: 'qntx_plugin_replica_up',
  help: '1 while a replica of a plugin (replicas = N, or one of several addresses) takes requests, 0 while it is left out.',
};
