/**
 * A plugin launched by a host lives only as long as that host. The host holds our stdin open
 * as a pipe: its end closing (even when the host is SIGKILLed) means the host is gone. Writes
 * to a stdout or stderr nobody reads any more fail with EPIPE: that means the same thing, and
 * must not crash the plugin before it has cleaned up.
 */
export function watchLaunchingHost(onGone: () => void): void {
  process.stdin.on('end', onGone);
  process.stdin.on('close', onGone);
  process.stdin.on('error', onGone);
  process.stdin.resume();
  process.stdout.on('error', onGone);
  process.stderr.on('error', onGone);
}

/**
 * Signals our own process group, which exists when a host spawned us detached (we lead it, and
 * whatever we spawned is in it). Returns false when we lead no group.
 */
export function signalOwnProcessGroup(signal: NodeJS.Signals): boolean {
  try {
    process.kill(-process.pid, signal);
    return true;
  } catch {
    return false;
  }
}
