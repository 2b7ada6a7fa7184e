// Runs code-server, whose bundled VS Code serves the workbench to the browser and starts a
// real Node extension host. Each run gets a profile of its own, so no user settings,
// extensions, caches or state from an earlier run leak in. Nothing is looked up on the internet.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

import { endProcessGroup, isGroupAlive, runBounded, trackProcessGroup } from './processes.mjs';

export const LOOPBACK_HOST = '127.0.0.1';

// Workbench settings that keep a run quiet and repeatable: no welcome page, walkthroughs,
// tips, telemetry, update or gallery checks, and no workspace-trust prompt.
const PROFILE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'editor.cursorBlinking': 'solid',
};

/** Returns a TCP port on the loopback interface that was free a moment ago. */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Creates a fresh code-server profile in a temporary folder: config file, user data,
 * extensions and XDG folders. `env` is the environment that code-server must run with.
 */
export function createProfile(extraEnv = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-code-server-'));
  const folders = {
    config: path.join(root, 'config'),
    data: path.join(root, 'data'),
    cache: path.join(root, 'cache'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
  };
  for (const folder of Object.values(folders)) fs.mkdirSync(folder, { recursive: true });

  const configFile = path.join(folders.config, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const settingsFolder = path.join(folders.userData, 'User');
  fs.mkdirSync(settingsFolder, { recursive: true });
  fs.writeFileSync(
    path.join(settingsFolder, 'settings.json'),
    `${JSON.stringify(PROFILE_SETTINGS, null, 2)}\n`,
  );

  const env = {
    ...process.env,
    XDG_CONFIG_HOME: folders.config,
    XDG_DATA_HOME: folders.data,
    XDG_CACHE_HOME: folders.cache,
    // code-server queries open-vsx.org for extensions by default; an empty service URL
    // turns the gallery off.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
    ...extraEnv,
  };
  const cliArgs = [
    '--config',
    configFile,
    '--user-data-dir',
    folders.userData,
    '--extensions-dir',
    folders.extensions,
  ];
  return { root, folders, env, cliArgs };
}

/** Removes a profile made by createProfile, after copying its VS Code logs to `logsCopy`. */
export function removeProfile(profile, logsCopy) {
  if (logsCopy) {
    try {
      fs.cpSync(path.join(profile.folders.userData, 'logs'), logsCopy, { recursive: true });
    } catch {
      // A server that never started writes no logs.
    }
  }
  fs.rmSync(profile.root, { recursive: true, force: true });
}

export class CodeServer {
  /**
   * @param {object} options
   * @param {string} options.packageDir folder of the installed code-server npm package
   * @param {ReturnType<typeof createProfile>} options.profile
   * @param {string} options.logFile where code-server's own output goes
   * @param {(message: string) => void} options.log
   */
  constructor({ packageDir, profile, logFile, log }) {
    this.entry = path.join(packageDir, 'out', 'node', 'entry.js');
    this.profile = profile;
    this.logFile = logFile;
    this.log = log;
    this.child = undefined;
    this.port = undefined;
  }

  get origin() {
    return `http://${LOOPBACK_HOST}:${this.port}`;
  }

  get authority() {
    return `${LOOPBACK_HOST}:${this.port}`;
  }

  /** Returns the vscode-remote URI by which the workbench addresses a path on the server. */
  remoteUri(filePath) {
    return `vscode-remote://${this.authority}${pathToFileURL(filePath).pathname}`;
  }

  /** Returns the workbench URL that opens `folder`, with an optional startup payload. */
  workbenchUrl(folder, payload) {
    let url = `${this.origin}/?folder=${encodeURIComponent(folder)}`;
    if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    return url;
  }

  /** Installs a .vsix into the profile's extensions folder with code-server's own CLI. */
  async installExtension(vsixPath, { timeoutMs = 120_000 } = {}) {
    this.log(`installing ${vsixPath}`);
    const result = await runBounded(
      process.execPath,
      [this.entry, ...this.profile.cliArgs, '--install-extension', vsixPath, '--force'],
      { env: this.profile.env, timeoutMs },
    );
    fs.appendFileSync(
      this.logFile,
      `--- code-server --install-extension ${vsixPath}\n${result.output}\n`,
    );
    if (result.timedOut) {
      throw new Error(
        `code-server --install-extension ${vsixPath} timed out after ${timeoutMs / 1000} s`,
      );
    }
    if (result.code !== 0 || !/was successfully installed/i.test(result.output)) {
      throw new Error(
        `code-server --install-extension ${vsixPath} failed with exit code ${result.code}:\n${result.output.trim()}`,
      );
    }
    this.log(result.output.trim().split('\n').at(-1));
  }

  /**
   * Starts code-server on the loopback interface in a process group of its own and waits
   * until its /healthz endpoint returns 200.
   */
  async start({ port, timeoutMs = 60_000 } = {}) {
    this.port = port ?? (await findFreePort());
    const output = fs.openSync(this.logFile, 'a');
    const args = [
      this.entry,
      '--bind-addr',
      this.authority,
      '--auth',
      'none',
      ...this.profile.cliArgs,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-proxy',
      '--ignore-last-opened',
    ];
    this.log(`starting code-server on ${this.origin} (log: ${this.logFile})`);
    this.child = spawn(process.execPath, args, {
      env: this.profile.env,
      detached: true,
      stdio: ['ignore', output, output],
    });
    fs.closeSync(output);
    if (this.child.pid) trackProcessGroup(this.child.pid);
    this.child.once('error', (error) => this.log(`code-server failed to start: ${error.message}`));

    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(
          `code-server exited during startup (exit code ${this.child.exitCode}, signal ${this.child.signalCode}); see ${this.logFile}`,
        );
      }
      try {
        const response = await fetch(`${this.origin}/healthz`, {
          signal: AbortSignal.timeout(2000),
        });
        if (response.ok) {
          this.log(`code-server is up (pid ${this.child.pid})`);
          return;
        }
      } catch {
        // Not listening yet.
      }
      await delay(250);
    }
    throw new Error(
      `code-server did not respond on ${this.origin}/healthz within ${timeoutMs / 1000} s; see ${this.logFile}`,
    );
  }

  /** Returns whether the code-server process itself is still running. */
  get running() {
    return Boolean(this.child) && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Ends code-server and every process it spawned (extension host, pty host, watchers). */
  async stop() {
    if (!this.child) return;
    const pgid = this.child.pid;
    this.child = undefined;
    if (!isGroupAlive(pgid)) return;
    this.log(`stopping code-server (process group ${pgid})`);
    await endProcessGroup(pgid);
  }
}
