const { pluginBundleConfig } = require('../../libs/plugin-grpc/packaging/plugin-bundle.config');

/**
 * Three bundles of the code plugin: `main.js`, its own process (`PluginFactory.run`);
 * `code-plugin.module.js`, a CommonJS library exporting `CodePluginModule` for a host that runs
 * it built-in (`builtin = true` + `module = ".../code-plugin.module.js"` in am.plugins.toml); and
 * `dist/plugins/qntx-code-plugin`, the same process as one executable file with every dependency
 * inside, which runs when copied alone into $QNTX_HOME/plugins/.
 */
module.exports = [
  (options) => options,
  (options) => ({
    ...options,
    entry: './apps/code-plugin/src/code-plugin.module.ts',
    output: { ...options.output, filename: 'apps/code-plugin/code-plugin.module.js', library: { type: 'commonjs2' } },
    // One type check per build is enough: the first configuration runs it.
    plugins: options.plugins.filter((plugin) => plugin.constructor.name !== 'ForkTsCheckerWebpackPlugin'),
  }),
  () =>
    pluginBundleConfig({
      entry: 'apps/code-plugin/src/main.ts',
      outFile: 'dist/plugins/qntx-code-plugin',
      tsconfig: 'apps/code-plugin/tsconfig.app.json',
    }),
];
