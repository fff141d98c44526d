'use strict';
/**
 * Jest transformer for ESM-only dependencies (jest.config.js `transformIgnorePatterns`): jest's
 * CommonJS runtime cannot load `import`/`export`, so esbuild rewrites them to require/exports
 * (node itself loads these packages natively).
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code } = transformSync(source, { format: 'cjs', loader: 'js', target: 'node20', sourcefile: filename });
    return { code };
  },
};
