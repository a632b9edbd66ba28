'use strict';
// Loaded with `node --require` into a CLI process by the tests (cli.fixture.ts `runQntxTraced`):
// at exit, writes the files of every CommonJS module the process loaded to
// $QNTX_TEST_LOADED_MODULES, so a test can tell whether the fast path ran alone or the full CLI,
// Nest and grpc-js were loaded.
const { writeFileSync } = require('node:fs');

const out = process.env.QNTX_TEST_LOADED_MODULES;
if (out) process.on('exit', () => writeFileSync(out, JSON.stringify(Object.keys(require.cache))));
