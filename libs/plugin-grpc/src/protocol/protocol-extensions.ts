/**
 * The extensions a plugin declares in MetadataResponse.extensions (field 17): behaviour beyond
 * the reference protocol that a host may rely on only when the plugin names it. A plugin that
 * names none is a reference plugin, treated as QNTX's own Go code expects (shared/wire-contract.md).
 */
export const PROTOCOL_EXTENSIONS = {
  /** HTTPRequest.headers may carry several values of one name; a reference plugin gets them joined. */
  headerValues: 'http-header-values',
  /**
   * A running plugin may be sent Initialize again (the CLI does, for a plugin it did not start).
   * QNTX's Go server registers its HTTP handlers at each Initialize and panics on the second.
   */
  initializeAgain: 'initialize-again',
  /** HandleHTTPStream: request and response bodies streamed in pieces. Else the reference HandleHTTP. */
  httpStream: 'http-stream',
  /** HandleHTTPMultiplex: small exchanges as messages on one long-lived call. */
  httpMultiplex: 'http-multiplex',
  /** ExecuteCommandStream: a command's output as it is written. Else the reference ExecuteCommand. */
  commandStream: 'command-stream',
} as const;

export type ProtocolExtension = (typeof PROTOCOL_EXTENSIONS)[keyof typeof PROTOCOL_EXTENSIONS];

/** What a plugin served by the SDK declares: all of them. */
export const SDK_PROTOCOL_EXTENSIONS: ProtocolExtension[] = Object.values(PROTOCOL_EXTENSIONS);
