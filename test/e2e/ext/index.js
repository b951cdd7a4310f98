'use strict';
// extensionTestsPath for test/e2e/run.js: every *.test.js of this folder, in name order, with mocha
// inside code-server's extension host (see README.md). The files share one extension host and one
// workspace copy, so their order matters: 10-palette runs before anything has been compressed.
module.exports.run = () => require('../lib/mochaInExtHost').runMocha(__dirname, { timeout: 120000 });
