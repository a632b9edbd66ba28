/**
 * Two bundles of the CLI: `main.js`, the full nest-commander CLI; and `fast.js`, the fast path for
 * a plugin command while the host runs (apps/host/src/cli/fast/), which bin/qntx.js loads first.
 * The fast path is a bundle of its own so that it neither parses the full CLI's code nor loads
 * what that code requires (Nest, grpc-js, protobufjs).
 */
const nodeExternals = require('webpack-node-externals');

module.exports = [
  (options) => options,
  (options) => ({
    ...options,
    entry: './apps/host/src/cli/fast/fast-cli.main.ts',
    output: { ...options.output, filename: 'apps/cli/fast.js', library: { type: 'commonjs2' } },
    // Its two dependencies travel inside it: required from node_modules, their ~20 small files
    // cost more to find and read than to run.
    externals: [nodeExternals({ allowlist: [/^semver\//, /^smol-toml$/] })],
    // One type check per build is enough: the first configuration runs it.
    plugins: options.plugins.filter((plugin) => plugin.constructor.name !== 'ForkTsCheckerWebpackPlugin'),
  }),
];
