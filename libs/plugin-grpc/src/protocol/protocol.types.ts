/**
 * The wire messages of proto/domain.proto as loaded by @grpc/proto-loader with keepCase,
 * longs as strings, enums as numbers, bytes as Buffers, and defaults filled in.
 */
export interface WireEmpty {}

export interface WireMetadataResponse {
  name: string;
  version: string;
  qntx_version: string;
  description: string;
  author: string;
  license: string;
  /** Extension: null from a plugin that does not declare its socket paths. */
  websocket_paths?: WireWebSocketPaths | null;
  /** Extension: the protocol extensions the plugin understands (PROTOCOL_EXTENSIONS); empty from a reference plugin. */
  extensions?: string[];
  /** Extension: the plugin's routes as an OpenAPI fragment in JSON (HttpOperations); "" when it describes none. */
  http_operations?: string;
}

export interface WireWebSocketPaths {
  paths: string[];
}

export interface WireInitializeRequest {
  database_endpoint: string;
  ats_store_endpoint: string;
  config: Record<string, string>;
  /** Extension: the host-services address and this plugin's token there ("" from an older host). */
  host_services_endpoint?: string;
  host_services_token?: string;
}

export interface WireFlagDefinition {
  name: string;
  short: string;
  description: string;
  type: string;
  default_value: string;
  repeated: boolean;
}

export interface WireCommandDefinition {
  name: string;
  description: string;
  subcommands: string[];
  flags: WireFlagDefinition[];
  children: WireCommandDefinition[];
}

export interface WireCommandsResponse {
  commands: WireCommandDefinition[];
}

export interface WireExecuteCommandRequest {
  command: string;
  args: string[];
  flags: Record<string, string>;
}

export interface WireExecuteCommandResponse {
  exit_code: number;
  stdout: string;
  stderr: string;
}

export interface WireHttpHeader {
  name: string;
  values: string[];
}

export interface WireHttpRequest {
  method: string;
  path: string;
  headers: WireHttpHeader[];
  body: Buffer;
}

export interface WireHttpResponse {
  status_code: number;
  headers: WireHttpHeader[];
  body: Buffer;
}

export interface WireHttpStreamHead {
  method: string;
  path: string;
  status_code: number;
  headers: WireHttpHeader[];
  /** `body` is the whole body: no data frames follow. */
  end_of_body: boolean;
  body: Buffer;
}

/** One frame of HandleHTTPStream: a head or a body chunk. On receipt, `frame` names which. */
export interface WireHttpStreamFrame {
  head?: WireHttpStreamHead | null;
  data?: Buffer;
  frame?: 'head' | 'data';
}

/** Extension: one frame of HandleHTTPMultiplex; exactly one of head, data, end, reset, credit. */
export interface WireHttpExchangeFrame {
  id: number;
  head?: WireHttpStreamHead | null;
  data?: Buffer;
  end?: boolean;
  reset?: WireHttpExchangeReset | null;
  credit?: number;
  request_id?: string;
  frame?: 'head' | 'data' | 'end' | 'reset' | 'credit';
}

export interface WireHttpExchangeReset {
  code: number;
  message: string;
}

export enum WireWebSocketType {
  CONNECT = 0,
  DATA = 1,
  CLOSE = 2,
  PING = 3,
  PONG = 4,
  ERROR = 5,
}

export interface WireWebSocketMessage {
  type: WireWebSocketType;
  data: Buffer;
  headers: Record<string, string>;
  timestamp: string;
}

export interface WireHealthResponse {
  healthy: boolean;
  message: string;
  details: Record<string, string>;
}

/** Extension: one piece of ExecuteCommandStream's output; the last has `done` and the exit code. */
export interface WireCommandOutputChunk {
  stdout: Buffer;
  stderr: Buffer;
  done: boolean;
  exit_code: number;
}
