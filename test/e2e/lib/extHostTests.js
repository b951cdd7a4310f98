'use strict';
// Runs a test module (extensionTestsPath, e.g. test/e2e/ext/index.js) inside code-server's Node
// extension host, the way VS Code's own browser integration tests do:
//  - code-server runs with `--vscode-option enable-smoke-test-driver` (EXT_HOST_SERVER_ARGS);
//  - the workbench is opened with a `payload` URL parameter naming extensionDevelopmentPath and
//    extensionTestsPath as vscode-remote:// URIs;
//  - when the test module's run() settles, the workbench calls window.codeAutomationExit(code,
//    logs), which we expose and turn into the exit code; every workbench/extension-host log line
//    arrives through window.codeAutomationLog(level, args).
const fs = require('fs');
const path = require('path');
const util = require('util');
const wb = require('./workbench');
const { MARK } = require('./mochaInExtHost');

// offline noise: galleries/telemetry unreachable, github auth provider never registers
const NOISE = /ENOTFOUND|ERR_NAME_NOT_RESOLVED|EAI_AGAIN|authentication provider 'github'/;

const EXT_HOST_SERVER_ARGS = ['--vscode-option', 'enable-smoke-test-driver'];

/**
 * server      result of codeServer.start({ extraArgs: EXT_HOST_SERVER_ARGS, ... })
 * devPath     extensionDevelopmentPath (e.g. the installed extension's dir inside the extensions dir)
 * testsPath   extensionTestsPath (a module exporting run(): Promise)
 * folder      workspace folder to open
 * log         line printer for mocha's output (default console.log)
 * logFile     where to write every workbench/extension-host log line (optional)
 * logsDir     where to save VS Code's own log files handed to codeAutomationExit on failure (optional)
 * verbose     also print non-mocha log lines (or set CORENET_E2E_VERBOSE=1)
 * Returns { code, elapsedMs, passing, failing } (code 0 = all passed; 2 = timeout; 3 = driver error).
 */
async function runExtHostTests({ server, devPath, testsPath, folder, timeoutMs = 300000, log = console.log,
  logFile, logsDir, verbose = !!process.env.CORENET_E2E_VERBOSE } = {}) {
  const t0 = Date.now();
  const browser = await wb.launchBrowser({ log });
  const page = browser.page;
  const logStream = logFile ? (fs.mkdirSync(path.dirname(logFile), { recursive: true }), fs.createWriteStream(logFile)) : null;
  if (logStream) logStream.on('error', () => {}); // the log file is a debugging aid only
  let passing = null, failing = null;
  const errors = []; // error-level lines other than the known offline noise, shown on failure
  const stamp = () => `[${((Date.now() - t0) / 1000).toFixed(2)}s]`;

  let finish;
  const done = new Promise((resolve) => { finish = resolve; });
  const timer = setTimeout(() => finish({ code: 2, why: `timeout after ${timeoutMs} ms waiting for codeAutomationExit` }), timeoutMs);

  try {
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      let text;
      try { text = util.format(...(Array.isArray(args) ? args : [args])); } catch { text = String(args); }
      if (logStream && !logStream.writableEnded) logStream.write(`${stamp()} ${level} ${text}\n`);
      if (text.startsWith(MARK)) {
        const line = text.slice(MARK.length).replace(/\s+$/, '');
        if (!line) return; // mocha's spacer lines
        let m;
        if ((m = /^\s*(\d+) passing/.exec(line))) passing = +m[1];
        if ((m = /^\s*(\d+) failing/.exec(line))) failing = +m[1];
        log(line);
      } else {
        const noise = NOISE.test(text);
        if (level === 'error' && !noise) errors.push(text);
        if (verbose && !noise) log(`  (${level}) ${text}`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      if (logsDir && code !== 0 && Array.isArray(logs)) {
        for (const { relativePath, contents } of logs) {
          const f = path.join(logsDir, relativePath);
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, contents);
        }
      }
      finish({ code: typeof code === 'number' ? code : 1, why: 'codeAutomationExit' });
    });
    page.on('crash', () => finish({ code: 3, why: 'page crashed' }));

    const auth = new URL(server.url).host;
    const remote = (p) => `vscode-remote://${auth}${path.resolve(p)}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(devPath)],
      ['extensionTestsPath', remote(testsPath)],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(wb.workbenchUrl(server.url, folder, { payload }));
    const { code, why } = await done;
    if (code !== 0) {
      if (!verbose) for (const e of errors.slice(-10)) log(`  (error) ${e.split('\n').slice(0, 8).join('\n    ')}`);
      log(`extension-host tests: ${why}, exit code ${code}`);
    }
    return { code, elapsedMs: Date.now() - t0, passing, failing };
  } catch (e) {
    log(`extension-host driver error: ${e && e.stack || e}`);
    return { code: 3, elapsedMs: Date.now() - t0, passing, failing };
  } finally {
    clearTimeout(timer);
    await browser.close();
    if (logStream) await new Promise((r) => logStream.end(r));
  }
}

module.exports = { runExtHostTests, EXT_HOST_SERVER_ARGS };
