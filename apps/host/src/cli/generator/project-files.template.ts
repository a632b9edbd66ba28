import { join } from 'node:path';
import { PROJECT_DEPENDENCIES, PROJECT_DEV_DEPENDENCIES } from './generator.constants';
import { PluginProjectInput } from './plugin-project.input';

/**
 * The project's configuration. The SDK is not on npm yet, so `@qntx/plugin-grpc` and
 * `@qntx/domains` are TypeScript path aliases into the checkout's sources (tsconfig.json):
 * `nest build` bundles them into dist/main.js, jest maps them the same way, and everything
 * else comes from this project's own node_modules.
 */
export function projectFiles(input: PluginProjectInput): Record<string, string> {
  const { name } = input;
  return {
    'package.json': json({
      name: `qntx-plugin-${name}`,
      version: '0.1.0',
      private: true,
      description: `The ${name} plugin for a QNTX host`,
      license: 'MIT',
      scripts: {
        build: 'nest build',
        start: 'node dist/main.js',
        'start:dev': 'nest start --watch',
        test: 'jest',
        typecheck: 'tsc --noEmit -p tsconfig.json',
        // One executable file with every dependency inside, for `qntx plugin install .`
        package: `node ${join(input.sdkRoot, 'libs', 'plugin-grpc', 'packaging', 'package-plugin.js')} src/main.ts --out dist/qntx-${name} --tsconfig tsconfig.json`,
      },
      dependencies: pick(input.versions, PROJECT_DEPENDENCIES),
      devDependencies: pick(input.versions, PROJECT_DEV_DEPENDENCIES),
      engines: { node: '>=20' },
    }),
    'tsconfig.json': json({
      compilerOptions: {
        module: 'commonjs',
        target: 'ES2022',
        declaration: false,
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
        allowSyntheticDefaultImports: true,
        esModuleInterop: true,
        resolveJsonModule: true,
        strict: true,
        strictPropertyInitialization: false,
        skipLibCheck: true,
        sourceMap: true,
        outDir: './dist',
        baseUrl: './',
        paths: sdkPaths(input.sdkRoot),
      },
      include: ['src/**/*'],
    }),
    'tsconfig.build.json': json({ extends: './tsconfig.json', exclude: ['node_modules', 'dist', '**/*.spec.ts'] }),
    // Tests transpile each file on its own; type errors are the build's business (npm run build / typecheck).
    'tsconfig.spec.json': json({ extends: './tsconfig.json', compilerOptions: { isolatedModules: true } }),
    'nest-cli.json': json({
      $schema: 'https://json.schemastore.org/nest-cli',
      sourceRoot: 'src',
      entryFile: 'main',
      compilerOptions: { webpack: true, tsConfigPath: 'tsconfig.build.json', deleteOutDir: true },
    }),
    'jest.config.js': `const { join } = require('node:path');
const { compilerOptions } = require('./tsconfig.json');

/** @qntx/* resolve to the SDK sources named in tsconfig.json's "paths", as in the build. */
const sdkModules = Object.fromEntries(
  Object.entries(compilerOptions.paths)
    .filter(([alias]) => !alias.endsWith('/*'))
    .map(([alias, [target]]) => [\`^\${alias}(|/.*)$\`, \`\${target}$1\`]),
);

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\\\.ts$': ['ts-jest', { tsconfig: join(__dirname, 'tsconfig.spec.json') }] },
  moduleNameMapper: sdkModules,
  // The SDK's own imports (@nestjs/*, @grpc/*) resolve here first: one copy of each, as in the build.
  moduleDirectories: [join(__dirname, 'node_modules'), 'node_modules'],
  testTimeout: 30000,
};
`,
    '.gitignore': 'node_modules/\ndist/\n',
    // Default settings, carried by the packaged file; the user's am.${name}.toml wins over them.
    [`config/am.${name}.toml`]: 'greeting = "Hello"\n',
    'am.plugins.toml': `# Add this to $QNTX_HOME/am.plugins.toml (default ~/.qntx/am.plugins.toml) once "npm run build" has run:
# the host launches the plugin, supervises it and serves /api/${name}/... and /ws/${name}/...
[[plugins]]
name = "${name}"
binary = "${join(input.dir, 'dist', 'main.js')}"
auto_start = true

# The plugin's own settings go to $QNTX_HOME/am.${name}.toml, for example:
#   greeting = "Hello"
`,
  };
}

function sdkPaths(root: string): Record<string, string[]> {
  const domains = join(root, 'libs', 'domains', 'src');
  const grpc = join(root, 'libs', 'plugin-grpc', 'src');
  return {
    '@qntx/domains': [domains],
    '@qntx/domains/*': [`${domains}/*`],
    '@qntx/plugin-grpc': [grpc],
    '@qntx/plugin-grpc/*': [`${grpc}/*`],
  };
}

function pick(versions: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, versions[name] ?? '*']));
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
