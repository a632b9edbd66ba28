/** How a host (or any client) reaches a plugin over TLS. PEM file paths. */
export interface PluginTlsOptions {
  /** CA that signed the plugin's certificate; the system roots when absent. */
  caFile?: string;
  /** Client certificate and key, for a plugin that requires mutual TLS. */
  certFile?: string;
  keyFile?: string;
  /** Name to verify in the plugin's certificate when it differs from the address's host. */
  serverName?: string;
}

/** How a plugin serves TLS. PEM file paths. */
export interface PluginServerTlsOptions {
  certFile: string;
  keyFile: string;
  /** When given, clients must present a certificate signed by this CA (mutual TLS). */
  clientCaFile?: string;
}
