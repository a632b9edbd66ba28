import { existsSync, promises as fs } from 'node:fs';

/** Linux names every open descriptor's file at /proc/self/fd/<fd>, whatever was renamed or swapped since it was opened. */
const PROC_FD = '/proc/self/fd';
const hasProcFd = existsSync(PROC_FD);

/**
 * Where an open descriptor's file really is, or null where the system has no /proc/self/fd
 * (there, the checks by path before opening are all there is).
 */
export async function descriptorPath(fd: number): Promise<string | null> {
  return hasProcFd ? fs.readlink(`${PROC_FD}/${fd}`) : null;
}

/**
 * A path that reaches `name` inside the folder open at `fd`: through /proc/self/fd it resolves
 * to that very folder (as openat would), so swapping a folder on the way for a link changes
 * nothing; without /proc, the folder's checked path.
 */
export function pathInDescriptor(fd: number, folder: string, name: string): string {
  return hasProcFd ? `${PROC_FD}/${fd}/${name}` : `${folder}/${name}`;
}
