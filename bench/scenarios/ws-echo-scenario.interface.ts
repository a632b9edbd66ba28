import { ContenderName } from '../harness/contender.catalog';

/** WebSocket echo round trips on `sockets` sockets at once, each sending its next frame on the echo. */
export interface WsEchoScenario {
  kind: 'ws-echo';
  name: string;
  title: string;
  sockets: number;
  /** Bytes of each text frame. */
  frameBytes: number;
  contenders: ContenderName[];
}
