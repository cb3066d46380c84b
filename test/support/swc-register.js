/**
 * `node -r ./test/support/swc-register.js src/main.ts`: runs the TypeScript sources in a child
 * process (SIGTERM and resilience tests) with the same SWC settings as jest, without a build.
 */
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
const options = require('./swc-options');

require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
