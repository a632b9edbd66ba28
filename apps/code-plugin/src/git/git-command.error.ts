/** A git command that failed: names the command and quotes what git said. */
export class GitCommandError extends Error {
  constructor(args: string[], detail: string) {
    super(`git ${args.join(' ')} failed: ${detail}`);
    this.name = 'GitCommandError';
  }
}
