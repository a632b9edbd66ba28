import { InternalServerErrorException } from '@nestjs/common';

/**
 * `git log` failed for a file's history. The answer names the file only: git's command line and
 * its own message stay inside the plugin (as `cause`), since they describe the repository around it.
 */
export class GitHistoryError extends InternalServerErrorException {
  constructor(path: string, cause: unknown) {
    super(`git could not read the history of "${path}". Check that the workspace's repository is readable (git fsck).`, { cause });
  }
}
