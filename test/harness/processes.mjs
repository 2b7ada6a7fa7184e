// Child processes that the harness starts in process groups of their own, so that it can end
// exactly those processes and everything they spawned, and nothing else on the machine.
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';

const ownedGroups = new Set();

/**
 * Records a process group that the harness started. If the harness exits without ending it
 * (an uncaught exception, or process.exit from a library), the group is killed on exit.
 */
export function trackProcessGroup(pgid) {
  ownedGroups.add(pgid);
}

process.on('exit', () => {
  for (const pgid of ownedGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already ended.
    }
  }
});

/** Returns whether any process of the group led by `pgid` is still running. */
export function isGroupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    // EPERM means that the group exists but belongs to another user, so it counts as alive.
    return error.code === 'EPERM';
  }
}

/**
 * Ends the process group led by `pgid`: SIGTERM first, then SIGKILL for whatever is still
 * running after `graceMs` milliseconds.
 */
export async function endProcessGroup(pgid, { graceMs = 5000 } = {}) {
  if (!pgid) return;
  if (!isGroupAlive(pgid)) {
    ownedGroups.delete(pgid);
    return;
  }
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && isGroupAlive(pgid)) await delay(100);
  if (!isGroupAlive(pgid)) return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    return;
  }
  const killDeadline = Date.now() + 2000;
  while (Date.now() < killDeadline && isGroupAlive(pgid)) await delay(50);
  if (!isGroupAlive(pgid)) ownedGroups.delete(pgid);
}

/**
 * Runs a command to completion in its own process group and returns its exit code and
 * combined output. After `timeoutMs` milliseconds the whole group is ended and
 * `timedOut` is true.
 */
export function runBounded(command, args, { env, cwd, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env,
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid) trackProcessGroup(child.pid);
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      void endProcessGroup(child.pid);
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      void endProcessGroup(child.pid, { graceMs: 1000 });
      resolve({ code, signal, output, timedOut });
    });
  });
}
