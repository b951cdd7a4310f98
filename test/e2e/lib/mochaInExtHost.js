'use strict';
// Runs mocha INSIDE the VS Code extension host (code-server's Node). Meant for the
// extensionTestsPath module, test/e2e/ext/index.js:
//
//   module.exports.run = () => require('../lib/mochaInExtHost').runMocha(__dirname);
//
// mocha is not a project dependency: it is required by absolute path from the e2e home
// ($CORENET_E2E_HOME/driver, installed by scripts/install-e2e-env.sh).
// The spec reporter's lines are prefixed with MARK so that extHostTests.js can tell them apart
// from the workbench's own log lines (both arrive through window.codeAutomationLog).
const fs = require('fs');
const path = require('path');
const util = require('util');
const env = require('./env');

const MARK = '[e2e-mocha] ';

function collectTests(dir) {
  const out = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory() && ent.name !== 'node_modules') out.push(...collectTests(p));
    else if (ent.isFile() && /\.test\.js$/.test(ent.name)) out.push(p);
  }
  return out.sort();
}

/**
 * Runs every *.test.js under `dirOrFiles` (a directory, searched recursively, or a list of
 * files) with mocha's BDD UI and spec reporter. Resolves when all pass, rejects otherwise
 * (VS Code then ends the run with exit code 1). Options: timeout (ms per test, default 60000),
 * grep (defaults to $CORENET_E2E_GREP), bail.
 */
function runMocha(dirOrFiles, { timeout = 60000, grep = process.env.CORENET_E2E_GREP, bail = false } = {}) {
  const Mocha = require(env.mochaPath());
  const files = Array.isArray(dirOrFiles) ? dirOrFiles : collectTests(dirOrFiles);
  const origLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args) => console.log(MARK + util.format(...args));
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout, bail, ...(grep ? { grep } : {}) });
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    if (!files.length) {
      Mocha.reporters.Base.consoleLog(`no *.test.js files in ${dirOrFiles}`);
      Mocha.reporters.Base.consoleLog = origLog;
      resolve();
      return;
    }
    try {
      mocha.run((failures) => {
        Mocha.reporters.Base.consoleLog = origLog;
        if (failures) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (e) {
      Mocha.reporters.Base.consoleLog = origLog;
      reject(e);
    }
  });
}

module.exports = { runMocha, collectTests, MARK };
