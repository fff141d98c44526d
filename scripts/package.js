#!/usr/bin/env node
// `npm run package`: the npm package plus the Java and Go packages, into stage/dist-packages/
// (docs/packages.md):
//   js/cdk8s-kafka@<v>.jsii.tgz       the npm tarball, with the jsii assembly (.jsii)
//   java/io/github/cdk8s-kafka/...    a Maven repository layout (jar, sources, javadoc, pom)
//   go/cdk8skafka/                    the Go module's sources
//   python/                           the Python sources (no wheel: see docs/packages.md)
// Steps: jsii (compiles lib/ into build/ and writes .jsii), then jsii-pacmak for each target.
// Maven downloads its plugins and the jsii runtime from Maven Central on the first run (an install
// step: .ci/run runs this before the tests). Go and Python get their sources only: building them
// needs the Go module proxy / PyPI, which this project's machines cannot reach.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bin = name => path.join(root, 'node_modules', '.bin', name);
const outdir = path.join(root, 'stage', 'dist-packages');
// jsii 5.9 prints a banner on every run that Node 20 is past its end of life; the project supports Node >= 20.19.
const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };

function step(title, cmd, args) {
  const started = Date.now();
  console.log(`package: ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`package: ${title} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  console.log(`package: ${title} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

fs.rmSync(outdir, { recursive: true, force: true });
step('jsii (build/ and .jsii)', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build']);
// --no-fingerprint: always rebuild (a stale jar would embed an older tarball); --no-npmignore: package.json "files" decides.
const pacmak = ['--no-npmignore', '--no-fingerprint', '-o', outdir];
step('jsii-pacmak js + java (npm tarball, Maven jar)', bin('jsii-pacmak'), [...pacmak, '--targets', 'js', 'java']);
step('jsii-pacmak go + python (sources only)', bin('jsii-pacmak'), [...pacmak, '--code-only', '--targets', 'go', 'python']);
for (const dir of ['js', 'java', 'go', 'python']) {
  if (!fs.existsSync(path.join(outdir, dir))) {
    console.error(`package: stage/dist-packages/${dir} is missing`);
    process.exit(1);
  }
}
console.log(`package: ok: ${path.relative(root, outdir)}/{js,java,go,python}`);
