#!/usr/bin/env node
'use strict';
// The qntx command line. The CLI itself is the bundle `npm run build` writes; this launcher only
// finds it, so that `npx qntx` says what to do when it has not been built yet.
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const bundle = join(root, 'dist', 'apps', 'cli', 'main.js');

if (!existsSync(bundle)) {
  process.stderr.write(
    `qntx: the CLI is not built (${bundle} is missing).\n` + `Run "npm run build" in ${root}, then try again.\n`,
  );
  process.exit(1);
}
require(bundle);
