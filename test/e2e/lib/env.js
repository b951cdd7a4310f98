'use strict';
// Paths of the e2e environment installed by scripts/install-e2e-env.sh, plus small helpers.
// Plain CommonJS: loaded by the harness (machine Node 20) and, through mochaInExtHost.js, inside
// code-server's Node 24 extension host.
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');

const E2E_HOME = path.resolve(process.env.CORENET_E2E_HOME || path.join(os.homedir(), '.cache', 'corenet-e2e'));
const NODE24_BIN_DIR = path.join(E2E_HOME, 'node24', 'bin');
const CODE_SERVER_BIN = path.join(E2E_HOME, 'cs', 'node_modules', '.bin', 'code-server');
const DRIVER_DIR = path.join(E2E_HOME, 'driver');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

// require() rooted at $CORENET_E2E_HOME/driver (playwright-core, mocha live there, not in the repo)
const driverRequire = createRequire(path.join(DRIVER_DIR, 'package.json'));

const INSTALL_HINT = 'run: bash scripts/install-e2e-env.sh';

/** Throws with an actionable message when a piece of the e2e environment is missing. */
function checkInstalled() {
  const missing = [];
  if (!fs.existsSync(CODE_SERVER_BIN)) missing.push(`code-server (${CODE_SERVER_BIN})`);
  if (!fs.existsSync(path.join(NODE24_BIN_DIR, 'node'))) missing.push(`node 24 (${NODE24_BIN_DIR}/node)`);
  for (const m of ['playwright-core', 'mocha']) {
    try { driverRequire.resolve(m); } catch { missing.push(`${m} (in ${DRIVER_DIR})`); }
  }
  if (!fs.existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM})`);
  if (missing.length) throw new Error(`e2e environment incomplete, missing: ${missing.join(', ')}; ${INSTALL_HINT}`);
}

/** playwright-core's `chromium` BrowserType. */
function playwright() {
  try { return driverRequire('playwright-core'); } catch (e) {
    throw new Error(`playwright-core not found in ${DRIVER_DIR}; ${INSTALL_HINT} (${e.message})`);
  }
}

/** Absolute path of mocha's entry (so the extension host can require it by absolute path). */
function mochaPath() { return driverRequire.resolve('mocha'); }

/** A TCP port that was free a moment ago on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A fresh, SHORT temporary directory (unix sockets created below it must stay < 108 chars,
 * so do not nest it in a deep repo path). Base: $CORENET_E2E_TMP or the OS tmpdir.
 */
function shortTmpDir(prefix) {
  const base = process.env.CORENET_E2E_TMP || os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, prefix));
}

function rmrf(p) { try { fs.rmSync(p, { recursive: true, force: true, maxRetries: 3 }); } catch { /* ignore */ } }

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = {
  E2E_HOME, NODE24_BIN_DIR, CODE_SERVER_BIN, DRIVER_DIR, CHROMIUM, REPO_ROOT, INSTALL_HINT,
  driverRequire, checkInstalled, playwright, mochaPath, freePort, shortTmpDir, rmrf, sleep,
};
