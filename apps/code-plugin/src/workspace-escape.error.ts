import { ForbiddenException } from '@nestjs/common';

/** A path that would leave the workspace (by "..", an absolute path or a symlink): 403. */
export class WorkspaceEscapeError extends ForbiddenException {
  constructor(path: string) {
    super({ statusCode: 403, error: 'Forbidden', message: `Path "${path}" is outside the workspace.` });
  }
}
