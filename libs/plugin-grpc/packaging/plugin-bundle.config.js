'use strict';
/**
 * The webpack configuration of a one-file plugin: the plugin's entry (its `main.ts`, which calls
 * `PluginFactory.run`) with every dependency inside, a `#!/usr/bin/env node` first line and mode
 * 0755, so that the file runs when copied alone into `$QNTX_HOME/plugins/`.
 *
 *   const { pluginBundleConfig } = require('<repo>/libs/plugin-grpc/packaging/plugin-bundle.config');
 *   module.exports = pluginBundleConfig({ entry: './src/main.ts', outFile: 'dist/qntx-hello' });
 *
 * What a bundle lacks, and how it is made up for:
 * - the .proto files read at run time (ours and those of grpc-health-check and @grpc/reflection)
 *   travel inside it as text (`__QNTX_EMBEDDED_PROTOS__`); files on disk still win;
 * - modules Nest and its transports require only if they are installed are left out when they
 *   are not, as Nest's own webpack defaults do;
 * - default settings (the plugin's config/am.<name>.toml) ride on the second line, base64, for
 *   `qntx plugin install` to put next to the plugin.
 */
const { chmodSync, existsSync, readFileSync } = require('node:fs');
const { basename, dirname, join, resolve } = require('node:path');
const webpack = require('webpack');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

const SDK_ROOT = resolve(__dirname, '..');
const REPO_ROOT = resolve(SDK_ROOT, '..', '..');
const PROTO_LOADER_SHIM = join(SDK_ROOT, 'src', 'protocol', 'proto-loader.bundle-shim.ts');

/** Read by `qntx plugin install` (apps/host/src/cli/install/bundled-defaults.reader.ts): keep both in step. */
const DEFAULT_SETTINGS_MARKER = '// qntx-default-settings: ';

/**
 * Required lazily by Nest (`loadPackage`, `optionalRequire`) and by `ws`, inside try/catch: the
 * bundle leaves out those that are not installed, so they fail at run time exactly as they would
 * unbundled. Installed ones are bundled.
 */
const OPTIONAL_MODULES = [
  '@nestjs/websockets',
  '@nestjs/websockets/socket-module',
  '@nestjs/microservices/microservices-module',
  '@nestjs/platform-express',
  'class-validator',
  'class-transformer',
  'class-transformer/storage',
  'cache-manager',
  'kafkajs',
  'mqtt',
  'nats',
  'ioredis',
  'amqplib',
  'amqp-connection-manager',
  'bufferutil',
  'utf-8-validate',
  'file-type',
];

/** Never needed by a plugin process (no HTTP server of its own), bundled or not. */
const NEVER_NEEDED = [/^@nestjs\/platform-/, /^@fastify\//, /^fastify$/];

/** The .proto files a plugin reads at run time, by the name they are looked up under. */
function runtimeProtos(protoDir) {
  const health = resolve(dirname(require.resolve('grpc-health-check')), '..', '..', 'proto');
  const reflection = resolve(dirname(require.resolve('@grpc/reflection')), '..', 'proto');
  return {
    'domain.proto': join(protoDir, 'domain.proto'),
    // The SDK's own callback protocol: from `protoDir` when it has it, else the repository's.
    'host_services.proto': existsSync(join(protoDir, 'host_services.proto'))
      ? join(protoDir, 'host_services.proto')
      : join(REPO_ROOT, 'proto', 'host_services.proto'),
    'health/v1/health.proto': join(health, 'health', 'v1', 'health.proto'),
    'grpc/reflection/v1/reflection.proto': join(reflection, 'grpc', 'reflection', 'v1', 'reflection.proto'),
    'grpc/reflection/v1alpha/reflection.proto': join(reflection, 'grpc', 'reflection', 'v1alpha', 'reflection.proto'),
  };
}

function readProtos(protoDir) {
  return Object.fromEntries(
    Object.entries(runtimeProtos(protoDir)).map(([name, file]) => {
      if (!existsSync(file)) throw new Error(`pluginBundleConfig: ${file} is missing; it must be embedded as "${name}".`);
      return [name, readFileSync(file, 'utf8')];
    }),
  );
}

function isOptionalAndMissing(resource, context) {
  if (NEVER_NEEDED.some((pattern) => pattern.test(resource))) return true;
  if (!OPTIONAL_MODULES.includes(resource)) return false;
  try {
    require.resolve(resource, { paths: [context || process.cwd()] });
    return false;
  } catch {
    return true;
  }
}

/** Makes the output executable once webpack has written it. */
class ExecutableOutputPlugin {
  constructor(file) {
    this.file = file;
  }

  apply(compiler) {
    compiler.hooks.afterEmit.tap('ExecutableOutputPlugin', () => {
      if (existsSync(this.file)) chmodSync(this.file, 0o755);
    });
  }
}

/**
 * @param {object} options
 * @param {string} options.entry       the plugin's main.ts (it calls PluginFactory.run)
 * @param {string} options.outFile     where the one file goes, e.g. dist/qntx-hello
 * @param {string} [options.tsconfig]  compiler options and `paths` (default: ./tsconfig.json, else the repo's)
 * @param {string} [options.defaults]  the plugin's default settings, config/am.<name>.toml
 * @param {string} [options.protoDir]  where domain.proto is (default: the repo's proto/)
 * @param {string} [options.context]  base of relative paths (default: the working directory)
 * @returns {import('webpack').Configuration}
 */
function pluginBundleConfig(options) {
  const context = resolve(options.context ?? process.cwd());
  const outFile = resolve(context, options.outFile);
  const localTsconfig = join(context, 'tsconfig.json');
  const tsconfig = options.tsconfig
    ? resolve(context, options.tsconfig)
    : existsSync(localTsconfig)
      ? localTsconfig
      : join(REPO_ROOT, 'tsconfig.json');
  const banner = ['#!/usr/bin/env node'];
  if (options.defaults) {
    const toml = readFileSync(resolve(context, options.defaults), 'utf8');
    banner.push(`${DEFAULT_SETTINGS_MARKER}${Buffer.from(toml, 'utf8').toString('base64')}`);
  }
  return {
    name: basename(outFile),
    context,
    entry: resolve(context, options.entry),
    target: 'node',
    mode: 'none',
    devtool: false,
    output: { path: dirname(outFile), filename: basename(outFile) },
    externals: [],
    externalsPresets: { node: true },
    node: { __dirname: false, __filename: false },
    // Class names stay readable: Nest logs them, and errors name them.
    optimization: { nodeEnv: false, minimize: false },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: [{ loader: require.resolve('ts-loader'), options: { transpileOnly: true, configFile: tsconfig } }],
        },
      ],
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      plugins: [new TsconfigPathsPlugin({ configFile: tsconfig })],
    },
    ignoreWarnings: [
      // "the request of a dependency is an expression": Nest's lazy requires, handled above.
      /Critical dependency/,
      // FileTypeValidator's require.resolve('file-type') (an ESM-only package): it falls back by itself.
      { module: /@nestjs[\\/]common[\\/]pipes[\\/]file[\\/]/ },
    ],
    plugins: [
      new webpack.IgnorePlugin({ checkResource: isOptionalAndMissing }),
      new webpack.NormalModuleReplacementPlugin(/^@grpc\/proto-loader$/, (resource) => {
        if (/[\\/]node_modules[\\/]/.test(resource.context)) resource.request = PROTO_LOADER_SHIM;
      }),
      new webpack.DefinePlugin({
        __QNTX_EMBEDDED_PROTOS__: JSON.stringify(readProtos(options.protoDir ?? join(REPO_ROOT, 'proto'))),
      }),
      new webpack.BannerPlugin({ banner: banner.join('\n'), raw: true, entryOnly: true }),
      new ExecutableOutputPlugin(outFile),
    ],
  };
}

module.exports = { pluginBundleConfig, DEFAULT_SETTINGS_MARKER };
