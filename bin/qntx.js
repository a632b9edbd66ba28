#!/usr/bin/env node
'use strict';
// The qntx command line. The CLI itself is the bundle `npm run build` writes; this launcher only
// finds it, so that `npx qntx` says what to do when it has not been built yet.
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const bundle = join(root, 'dist', 'apps', 'cli', 'main.js');
// A plugin command while the host runs goes the fast path first, which loads neither Nest nor
// grpc-js; anything it does not settle goes to the full CLI (apps/host/src/cli/fast/).
const fast = join(root, 'dist', 'apps', 'cli', 'fast.js');

if (!existsSync(bundle)) {
  process.stderr.write(
    `qntx: the CLI is not built (${bundle} is missing).\n` + `Run "npm run build" in ${root}, then try again.\n`,
  );
  process.exit(1);
}
if (existsSync(fast)) require(fast).runFast(() => require(bundle));
else require(bundle);
