#!/usr/bin/env node
'use strict';
// Loads the bundle dist/hedge.cjs with V8's code cache (dist/hedge.cjs.cache, written by
// scripts/build.mjs) so start-up skips compiling what a typical run needs. Without a cache, or
// with one V8 rejects (another Node version), it is compiled as usual.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, wrap } = require('node:module');

const dist = path.join(__dirname, '..', 'dist');
const file = path.join(dist, 'hedge.cjs');
const writeCache = process.env.HEDGE_WRITE_CODE_CACHE;
let cachedData;
if (!writeCache) {
  try {
    cachedData = fs.readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
}
let source;
try {
  source = fs.readFileSync(file, 'utf8');
} catch {
  process.stderr.write('hedge: dist/hedge.cjs is missing: run `npm run build` first\n');
  process.exit(1);
}
const script = new vm.Script(wrap(source), { filename: file, cachedData });
if (writeCache) {
  delete process.env.HEDGE_WRITE_CODE_CACHE;
  process.once('exit', () => fs.writeFileSync(writeCache, script.createCachedData()));
}
const mod = { exports: {}, filename: file, id: file, loaded: false };
script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, dist);
