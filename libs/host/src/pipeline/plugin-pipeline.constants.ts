/** The PluginPipelineOptions given to QntxHostModule (for the per-plugin guards). */
export const PLUGIN_PIPELINE = 'QNTX:PLUGIN_PIPELINE';
