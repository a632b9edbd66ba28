import { join } from 'node:path';
import { PluginProjectInput } from './plugin-project.input';

/** The project's README: what is there, how to build, test, run and register it. */
export function readmeFile({ name, className, dir, sdkRoot }: PluginProjectInput): Record<string, string> {
  return {
    'README.md': `# ${name}: a QNTX plugin

A Nest application that serves the QNTX plugin protocol over gRPC, written with the SDK's
decorators. Made by \`qntx plugin new ${name}\`.

| file | what |
|---|---|
| \`src/${name}.plugin.ts\` | \`${className}\`: one command (\`greet\`), one route (\`GET /api/${name}/hello\`), one socket (\`/ws/${name}/echo\`), a health check |
| \`src/${name}-plugin.module.ts\` | the Nest module; add your providers here and inject them into the plugin |
| \`src/main.ts\` | \`PluginFactory.run\`: \`--port\` (default 9000), or the handshake when a host launches it |
| \`src/${name}.plugin.spec.ts\` | tests with the SDK's \`PluginTestHarness\`: each case over real gRPC and in-process |
| \`config/am.${name}.toml\` | default settings, packaged with the plugin |
| \`am.plugins.toml\` | the entry to add to the host's \`$QNTX_HOME/am.plugins.toml\` (or install it, below) |
| \`proto/\` | the plugin protocol and the host services, read by the SDK at run time |

## The SDK

The SDK (\`@qntx/plugin-grpc\`, \`@qntx/domains\`) is not published on npm yet. This project
compiles it from the qntx checkout it was generated from, \`${sdkRoot}\`:
\`tsconfig.json\`'s \`paths\` point at its sources, \`nest build\` bundles them into
\`dist/main.js\`, and \`jest.config.js\` maps them the same way. Keep that checkout where it is
(or change the paths). Once the SDK is on npm, replace the paths with dependencies.

## Build, test, run

\`\`\`bash
npm install                 # or, offline: ln -s ${join(sdkRoot, 'node_modules')} node_modules
npm run build               # dist/main.js
npm test                    # the spec, both ways
node dist/main.js --port 9100   # by hand; try: grpcurl -plaintext 127.0.0.1:9100 list
\`\`\`

## Register it with a host

Either install it as one file, which can then move anywhere:

\`\`\`bash
npm run package             # dist/qntx-${name}: every dependency, the protos and config/ inside
qntx plugin install .       # copies it to $QNTX_HOME/plugins/ and adds its [[plugins]] entry
\`\`\`

or, while you work on it, add the entry of \`am.plugins.toml\` to \`$QNTX_HOME/am.plugins.toml\`
(default \`~/.qntx\`); its \`binary\` is \`${join(dir, 'dist', 'main.js')}\` (after \`npm run build\`).
The host then launches the plugin, restarts it if it dies, and serves:

\`\`\`bash
curl 'http://127.0.0.1:8787/api/${name}/hello?name=Ada'
qntx ${name} greet Ada --shout
\`\`\`

Settings for the plugin go to \`$QNTX_HOME/am.${name}.toml\` (here: \`greeting = "Hello"\`) and
reach \`@OnPluginInit\` as \`config\`.
`,
  };
}
