#!/usr/bin/env node
'use strict';
/*
 * CoreNet end-to-end tests in a REAL VS Code, offline.
 *
 * VS Code = code-server from npm (VS Code's server + web workbench), driven by Debian's chromium
 * through playwright-core. Nothing is downloaded at run time; install the environment once with
 *
 *   bash scripts/install-e2e-env.sh        # into ${CORENET_E2E_HOME:-~/.cache/corenet-e2e}; a rerun takes < 1 s
 *
 * Usage:
 *   node test/e2e/run.js --vsix corenet.vsix --workspace test/fixtures/xyz
 *        [--only ext|ui]          run only the extension-host suite or only the UI scenarios
 *        [--keep-going]           do not stop at the first failure
 *        [--scenario NAME]...     only these UI scenarios (file name without .js)
 *        [--out DIR]              screenshots/logs (default test-results/e2e/)
 *        [--ext-tests FILE]       extensionTestsPath (default test/e2e/ext/index.js)
 *        [--scenarios DIR]        scenario folder (default test/e2e/scenarios/)
 *        [--no-copy]              use --workspace in place (default: a fresh copy per suite/scenario)
 *        [--keep-state]           keep the temporary state dir (code-server logs, user data)
 *        [--timeout SEC]          per-scenario / per-suite limit (default 300)
 *   Env: CORENET_E2E_HOME, CHROMIUM (default /usr/bin/chromium), CORENET_E2E_VERBOSE=1 (all
 *        extension-host log lines), CORENET_E2E_GREP (mocha grep), CORENET_E2E_TMP (state base dir).
 *
 * What it does:
 *   1. installs the .vsix into a throwaway extensions dir (code-server --install-extension);
 *   2. extension-host suite: starts code-server with the smoke-test driver enabled and runs
 *      test/e2e/ext/index.js inside the Node extension host (mocha; see test/e2e/ext/README.md),
 *      with the INSTALLED extension as extensionDevelopmentPath; mocha's lines are forwarded;
 *   3. UI scenarios: for every test/e2e/scenarios/*.js (sorted; names starting with _ are helpers,
 *      not scenarios), a fresh code-server + chromium,
 *      the workbench opened on a fresh copy of the workspace and ready, then the module's
 *      `run({ page, workspace, outDir, log, server, wb })` (see test/e2e/scenarios/README.md);
 *      on failure a screenshot <name>-FAIL.png and the code-server log land in the out dir;
 *   4. prints PASS/FAIL with the time of each, the total time and, last, `N passed, M failed`
 *      (mocha tests of the ext suite counted one by one); exits 1 if anything failed.
 * Helpers for scenarios: test/e2e/lib/workbench.js (runCommand, explorerContextMenu,
 * findFrameWith, answerQuickPick, answerInputBox, screenshot, ...).
 */
const fs = require('fs');
const path = require('path');
const env = require('./lib/env');
const codeServer = require('./lib/codeServer');
const wb = require('./lib/workbench');
const { runExtHostTests, EXT_HOST_SERVER_ARGS } = require('./lib/extHostTests');

const HERE = __dirname;

function usage(msg) {
  if (msg) console.error(`run.js: ${msg}`);
  console.error('usage: node test/e2e/run.js --vsix X.vsix --workspace DIR [--only ext|ui] [--keep-going] [--scenario NAME]... [--out DIR] [--ext-tests FILE] [--scenarios DIR] [--no-copy] [--keep-state] [--timeout SEC]');
  process.exit(64);
}

function parseArgs(argv) {
  const o = { only: null, keepGoing: false, scenario: [], out: wb.DEFAULT_OUT_DIR, extTests: path.join(HERE, 'ext', 'index.js'),
    scenarios: path.join(HERE, 'scenarios'), copy: true, keepState: false, timeoutSec: 300 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    switch (a) {
      case '--vsix': o.vsix = path.resolve(val()); break;
      case '--workspace': o.workspace = path.resolve(val()); break;
      case '--only': o.only = val(); if (!['ext', 'ui'].includes(o.only)) usage('--only takes ext or ui'); break;
      case '--keep-going': o.keepGoing = true; break;
      case '--scenario': o.scenario.push(val().replace(/\.js$/, '')); break;
      case '--out': o.out = path.resolve(val()); break;
      case '--ext-tests': o.extTests = path.resolve(val()); break;
      case '--scenarios': o.scenarios = path.resolve(val()); break;
      case '--no-copy': o.copy = false; break;
      case '--keep-state': o.keepState = true; break;
      case '--timeout': o.timeoutSec = Number(val()); break;
      case '-h': case '--help': usage();
      // falls through (usage exits)
      default: usage(`unknown argument ${a}`);
    }
  }
  if (!o.vsix || !fs.existsSync(o.vsix)) usage(`--vsix missing or not found: ${o.vsix || ''}`);
  if (!o.workspace || !fs.statSync(o.workspace, { throwIfNoEntry: false })?.isDirectory()) usage(`--workspace missing or not a directory: ${o.workspace || ''}`);
  return o;
}

const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise.finally(() => clearTimeout(t)),
    new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`${what} timed out after ${secs(ms)}`)), ms); }),
  ]);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const T0 = Date.now();
  env.checkInstalled();
  fs.mkdirSync(o.out, { recursive: true });
  const stateDir = env.shortTmpDir('ce2e-');
  const cleanups = new Set();
  let interrupted = false;
  const onSignal = async (sig) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${sig}: cleaning up`);
    await wb.closeAllBrowsers().catch(() => {});
    await Promise.all([...cleanups].map((c) => c().catch(() => {})));
    if (!o.keepState) env.rmrf(stateDir);
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const results = []; // { name, ok, ms, passed, failed, note }
  let passed = 0, failed = 0;
  const record = (r) => {
    results.push(r);
    passed += r.passed; failed += r.failed;
    console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name} (${secs(r.ms)})${r.note ? ` ${r.note}` : ''}`);
  };
  const stop = () => !o.keepGoing && failed > 0;

  // fresh copy of the workspace per suite/scenario: tests may write files into it
  const workspaceFor = (name) => {
    if (!o.copy) return o.workspace;
    const dst = path.join(stateDir, `ws-${name}`, path.basename(o.workspace));
    fs.cpSync(o.workspace, dst, { recursive: true });
    return dst;
  };
  const keepLog = (server, name) => {
    try { fs.copyFileSync(server.logFile, path.join(o.out, `${name}-code-server.log`)); } catch { /* none */ }
  };

  try {
    // 1. install the extension
    let t = Date.now();
    const { extensions } = await codeServer.installVsix(o.vsix, stateDir);
    if (!extensions.length) throw new Error(`installing ${o.vsix} left no extension in the extensions dir`);
    const ext = extensions[0];
    console.log(`installed ${ext.id}@${ext.version} from ${path.basename(o.vsix)} (${secs(Date.now() - t)})`);

    // 2. extension-host suite
    if (o.only !== 'ui') {
      if (!fs.existsSync(o.extTests)) {
        console.log(`(no ${path.relative(process.cwd(), o.extTests)}: extension-host suite skipped)`);
      } else {
        console.log(`--- extension-host suite: ${path.relative(process.cwd(), o.extTests)}`);
        t = Date.now();
        const folder = workspaceFor('ext');
        const server = await codeServer.start({ stateDir, folder, extraArgs: EXT_HOST_SERVER_ARGS });
        const stopServer = () => server.stop();
        cleanups.add(stopServer);
        console.log(`code-server up in ${secs(server.startMs)} (port ${server.port})`);
        let r;
        try {
          r = await runExtHostTests({
            server, devPath: ext.dir, testsPath: o.extTests, folder, timeoutMs: o.timeoutSec * 1000,
            log: (l) => console.log(`  ${l}`),
            logFile: path.join(o.out, 'ext-host.log'), logsDir: path.join(o.out, 'ext-host-vscode-logs'),
          });
        } finally {
          if (!r || r.code !== 0) keepLog(server, 'ext-host');
          await server.stop({ keepState: o.keepState });
          cleanups.delete(stopServer);
        }
        const ok = r.code === 0;
        const p = r.passing || 0;
        let f = r.failing || 0;
        if (!ok && f === 0) f = 1;
        record({ name: 'extension-host suite', ok, ms: Date.now() - t, passed: p, failed: f,
          note: `[${p} passing, ${r.failing || 0} failing, exit code ${r.code}]` });
      }
    }

    // 3. UI scenarios
    if (o.only !== 'ext' && stop()) console.log('UI scenarios not run (stopped at first failure; --keep-going runs all)');
    if (o.only !== 'ext' && !stop()) {
      let files = fs.existsSync(o.scenarios) ? fs.readdirSync(o.scenarios).filter((f) => f.endsWith('.js') && !f.startsWith('_')).sort() : [];
      if (o.scenario.length) {
        const unknown = o.scenario.filter((s) => !files.includes(`${s}.js`));
        if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')} (in ${o.scenarios})`);
        files = files.filter((f) => o.scenario.includes(f.replace(/\.js$/, '')));
      }
      if (!files.length) console.log(`(no UI scenarios in ${path.relative(process.cwd(), o.scenarios) || '.'})`);
      for (let i = 0; i < files.length; i++) {
        if (interrupted) break;
        if (stop()) {
          console.log(`not run (stopped at first failure; --keep-going runs all): ${files.slice(i).join(', ')}`);
          break;
        }
        const name = files[i].replace(/\.js$/, '');
        console.log(`--- scenario ${name}`);
        const ts = Date.now();
        const log = (m) => console.log(`  [${name} +${((Date.now() - ts) / 1000).toFixed(2)}s] ${m}`);
        let server, browser, ok = false, note = '';
        const cleanup = async () => { if (browser) await browser.close(); if (server) await server.stop({ keepState: o.keepState }); };
        cleanups.add(cleanup);
        try {
          const mod = require(path.join(o.scenarios, files[i]));
          const runFn = typeof mod === 'function' ? mod : mod.run;
          if (typeof runFn !== 'function') throw new Error(`${files[i]} exports no run() function`);
          const timeoutMs = mod.timeoutMs || o.timeoutSec * 1000;
          await withTimeout((async () => {
            const workspace = workspaceFor(name);
            server = await codeServer.start({ stateDir, folder: workspace, settings: mod.settings || {} });
            log(`code-server up in ${secs(server.startMs)} (port ${server.port})`);
            browser = await wb.launchBrowser({ log });
            await wb.openWorkbench(browser.page, server.url, workspace);
            log('workbench ready');
            await runFn({ page: browser.page, workspace, outDir: o.out, log, server, wb });
          })(), timeoutMs, `scenario ${name}`);
          ok = true;
        } catch (e) {
          note = `: ${(e && e.stack || String(e)).split('\n').slice(0, 6).join('\n      ')}`;
          if (browser) {
            const shot = await wb.screenshot(browser.page, `${name}-FAIL`, o.out).catch(() => null);
            if (shot) note += `\n      screenshot: ${path.relative(process.cwd(), shot)}`;
          }
          if (server) keepLog(server, name);
        } finally {
          await cleanup().catch(() => {});
          cleanups.delete(cleanup);
        }
        record({ name: `scenario ${name}`, ok, ms: Date.now() - ts, passed: ok ? 1 : 0, failed: ok ? 0 : 1, note });
      }
    }
  } catch (e) {
    console.error(`harness error: ${e && e.stack || e}`);
    failed += 1;
  } finally {
    for (const c of cleanups) await c().catch(() => {});
    if (o.keepState) console.log(`state kept in ${stateDir}`); else env.rmrf(stateDir);
  }

  console.log('--- summary');
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${secs(r.ms).padStart(7)}  ${r.name}`);
  console.log(`total ${secs(Date.now() - T0)}; output in ${path.relative(process.cwd(), o.out) || '.'}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((e) => { console.error(e); console.log('0 passed, 1 failed'); process.exit(1); });
