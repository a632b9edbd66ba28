#!/usr/bin/env node
'use strict';
/**
 * Packages a plugin as one executable file (see plugin-bundle.config.js):
 *
 *   node <repo>/libs/plugin-grpc/packaging/package-plugin.js src/main.ts [--out dist/qntx-<name>]
 *        [--defaults config/am.<name>.toml] [--tsconfig tsconfig.json]
 *
 * Paths are relative to the working directory (the plugin's folder). Without --out the file is
 * dist/qntx-<folder name>; without --defaults, the one config/am.*.toml there is carried, if any.
 * Exit status 0 when the file was written, 1 on a build error, 2 on a usage error.
 */
const { existsSync, readdirSync } = require('node:fs');
const { basename, join, relative } = require('node:path');
const webpack = require('webpack');
const { pluginBundleConfig } = require('./plugin-bundle.config');

const USAGE = 'usage: package-plugin <entry.ts> [--out <file>] [--defaults <am.name.toml>] [--tsconfig <file>]';

function parseArgs(argv) {
  const options = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const match = /^--(out|defaults|tsconfig)(?:=(.*))?$/.exec(argv[i]);
    if (match) options[match[1]] = match[2] ?? argv[++i];
    else if (argv[i].startsWith('-')) fail(`unknown option ${argv[i]}`);
    else positional.push(argv[i]);
  }
  if (positional.length !== 1) fail('give exactly one entry file');
  for (const [key, value] of Object.entries(options)) if (!value) fail(`--${key} needs a value`);
  return { entry: positional[0], ...options };
}

function fail(message) {
  process.stderr.write(`package-plugin: ${message}\n${USAGE}\n`);
  process.exit(2);
}

/** The one config/am.<name>.toml of the plugin's folder, the guide's place for default settings. */
function shippedDefaults(cwd) {
  const dir = join(cwd, 'config');
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((name) => /^am\.[a-z][a-z0-9_-]*\.toml$/.test(name));
  if (files.length > 1) fail(`${dir} holds several am.*.toml files (${files.join(', ')}); choose one with --defaults`);
  return files.length === 1 ? join('config', files[0]) : undefined;
}

const cwd = process.cwd();
const args = parseArgs(process.argv.slice(2));
if (!existsSync(join(cwd, args.entry))) fail(`${join(cwd, args.entry)} does not exist`);
const outFile = args.out ?? join('dist', `qntx-${basename(cwd).replace(/^qntx-|-plugin$/g, '')}`);
const defaults = args.defaults ?? shippedDefaults(cwd);
const config = pluginBundleConfig({ entry: args.entry, outFile, defaults, tsconfig: args.tsconfig, context: cwd });

webpack(config, (error, stats) => {
  if (error) {
    process.stderr.write(`package-plugin: ${error.stack || error.message}\n`);
    process.exit(1);
  }
  if (stats.hasErrors() || stats.hasWarnings()) process.stderr.write(`${stats.toString({ all: false, errors: true, warnings: true })}\n`);
  if (stats.hasErrors()) process.exit(1);
  const carried = defaults ? `, with the default settings of ${defaults}` : '';
  process.stdout.write(`Packaged ${relative(cwd, join(cwd, args.entry))} as ${join(cwd, outFile)}${carried}.\n`);
});
