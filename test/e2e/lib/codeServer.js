'use strict';
// code-server (VS Code server + workbench from npm) with private, throwaway state.
//
// Layout under a state dir (keep it short, e.g. from env.shortTmpDir: sockets live below it):
//   <stateDir>/ext/         extensions dir shared by every start() on this state dir (installVsix)
//   <stateDir>/logs/        code-server logs (kept until the caller removes stateDir)
//   <stateDir>/r-XXXX/      one start(): ud/ (user data + settings.json), xc/ xd/ (XDG config/data), t/ (TMPDIR)
//                           removed by stop()
const { spawn, execFile } = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');
const env = require('./env');

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'window.restoreWindows': 'none',
};

/** Environment for code-server: Node 24 first on PATH, private XDG dirs and TMPDIR. */
function serverEnv(dirs, extra) {
  return {
    ...process.env,
    PATH: `${env.NODE24_BIN_DIR}:${process.env.PATH || ''}`,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    TMPDIR: dirs.tmp,
    CORENET_E2E_HOME: env.E2E_HOME,
    ...(extra || {}),
  };
}

function privateDirs(root) {
  const d = { root, ud: path.join(root, 'ud'), xdgConfig: path.join(root, 'xc'), xdgData: path.join(root, 'xd'), tmp: path.join(root, 't') };
  for (const k of ['ud', 'xdgConfig', 'xdgData', 'tmp']) fs.mkdirSync(d[k], { recursive: true });
  return d;
}

function run(bin, args, opts) {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { ...opts, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) { err.message += `\n${stdout}\n${stderr}`; reject(err); } else resolve({ stdout, stderr });
    });
  });
}

/**
 * Installs a .vsix into <stateDir>/ext (code-server --install-extension).
 * Returns { extensionsDir, extensions: [{ id, version, dir }] } (everything now in that dir).
 */
async function installVsix(vsixPath, stateDir) {
  env.checkInstalled();
  const vsix = path.resolve(vsixPath);
  if (!fs.existsSync(vsix)) throw new Error(`no such vsix: ${vsix}`);
  const extensionsDir = path.join(stateDir, 'ext');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const dirs = privateDirs(fs.mkdtempSync(path.join(stateDir, 'i-')));
  try {
    await run(env.CODE_SERVER_BIN, ['--user-data-dir', dirs.ud, '--extensions-dir', extensionsDir,
      '--install-extension', vsix, '--force'], { env: serverEnv(dirs) });
  } finally {
    env.rmrf(dirs.root);
  }
  return { extensionsDir, extensions: listExtensions(extensionsDir) };
}

/** Installed extensions of an extensions dir, from its extensions.json (falls back to a dir scan). */
function listExtensions(extensionsDir) {
  const out = [];
  try {
    const list = JSON.parse(fs.readFileSync(path.join(extensionsDir, 'extensions.json'), 'utf8'));
    for (const e of list) {
      const dir = e.location && (e.location.fsPath || e.location.path) || path.join(extensionsDir, e.relativeLocation || '');
      out.push({ id: e.identifier && e.identifier.id, version: e.version, dir });
    }
  } catch {
    for (const name of fs.readdirSync(extensionsDir)) {
      const pj = path.join(extensionsDir, name, 'package.json');
      if (!fs.existsSync(pj)) continue;
      const p = JSON.parse(fs.readFileSync(pj, 'utf8'));
      out.push({ id: `${p.publisher}.${p.name}`.toLowerCase(), version: p.version, dir: path.join(extensionsDir, name) });
    }
  }
  return out;
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => { req.destroy(); resolve(false); });
  });
}

function tail(file, n = 40) {
  try { return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n'); } catch { return ''; }
}

/**
 * Starts code-server on 127.0.0.1 (no auth) with private state and waits for /healthz.
 *   stateDir   state root (see top of file); extensions come from <stateDir>/ext
 *   folder     folder passed on the command line (the workbench URL still names it explicitly)
 *   extraArgs  more code-server args, e.g. ['--vscode-option', 'enable-smoke-test-driver']
 *   settings   merged over DEFAULT_SETTINGS into the user settings.json
 *   env        extra environment variables (the extension host inherits them)
 * Returns { port, url, pid, logFile, extensionsDir, userDataDir, startMs, stop({ keepState }) };
 * stop() ends code-server's process group and removes the private dirs (unless keepState).
 */
async function start({ stateDir, folder, extraArgs = [], settings = {}, env: extraEnv = {}, port, timeoutMs = 60000 } = {}) {
  env.checkInstalled();
  if (!stateDir) throw new Error('start: stateDir required');
  const t0 = Date.now();
  const extensionsDir = path.join(stateDir, 'ext');
  const logsDir = path.join(stateDir, 'logs');
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(logsDir, { recursive: true });
  const dirs = privateDirs(fs.mkdtempSync(path.join(stateDir, 'r-')));
  if (dirs.tmp.length > 80) console.warn(`warning: TMPDIR ${dirs.tmp} is long; unix socket paths may exceed 107 chars`);
  fs.mkdirSync(path.join(dirs.ud, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.ud, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  port = port || await env.freePort();
  const logFile = path.join(logsDir, `code-server-${path.basename(dirs.root)}.log`);
  const logFd = fs.openSync(logFile, 'a');
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', dirs.ud, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...extraArgs];
  if (folder) args.push(path.resolve(folder));
  // detached: own process group, so stop() can end code-server AND the processes it spawned
  // (extension host, pty host, file watcher) by that group's id.
  const child = spawn(env.CODE_SERVER_BIN, args, { env: serverEnv(dirs, extraEnv), stdio: ['ignore', logFd, logFd], detached: true });
  fs.closeSync(logFd);
  let exited = null;
  const exitP = new Promise((resolve) => {
    child.on('exit', (code, sig) => { exited = { code, sig }; resolve(); });
    child.on('error', (e) => { exited = exited || { code: -1, error: String(e) }; resolve(); });
  });

  let stopping = null; // one stop at a time: a second caller awaits the same promise
  function stop({ keepState = false } = {}) {
    if (!stopping) stopping = (async () => {
      if (!exited) {
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
        const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
        await exitP;
        clearTimeout(t);
      }
      // children of the group may outlive the leader by a moment
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* none left */ }
      if (!keepState) env.rmrf(dirs.root);
    })();
    return stopping;
  }

  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited early (${JSON.stringify(exited)}); log ${logFile}:\n${tail(logFile)}`);
    }
    if (await httpOk(`${url}/healthz`)) break;
    if (Date.now() > end) {
      await stop();
      throw new Error(`code-server not healthy after ${timeoutMs} ms; log ${logFile}:\n${tail(logFile)}`);
    }
    await env.sleep(100);
  }
  return { port, url, pid: child.pid, logFile, extensionsDir, userDataDir: dirs.ud, startMs: Date.now() - t0, stop };
}

module.exports = { installVsix, listExtensions, start, DEFAULT_SETTINGS };
