// API reference: `npm run docs` writes docs/api/README.md from the TSDoc of lib/index.ts's exports.
// test/package-docs.test.ts regenerates it and fails when the committed file is stale.
const { OptionDefaults } = require('typedoc');

/** @type {Partial<import('typedoc').TypeDocOptions> & Record<string, unknown>} */
module.exports = {
  entryPoints: ['lib/index.ts'],
  tsconfig: 'tsconfig.build.json',
  out: 'docs/api',
  plugin: ['typedoc-plugin-markdown'],
  router: 'module',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  disableSources: true,
  hideGenerator: true,
  skipErrorChecking: true,
  // The generated Strimzi imports carry `@schema` tags; TypeDoc reads their comments when
  // resolving the shapes our code checks against (they are not part of the rendered API).
  blockTags: [...OptionDefaults.blockTags, '@schema'],
  validation: { notExported: true, invalidLink: true, notDocumented: false },
  // The class behind the KafkaConfigError constant: exported as a constant because jsii refuses
  // Error subclasses (lib/kafka/errors.ts); the constant's comment documents it.
  intentionallyNotExported: ['KafkaConfigErrorClass'],
  logLevel: 'Warn',
};
