/** `ix git` on a path that is not (in) a git repository. */
export class NotARepositoryError extends Error {
  constructor(path: string, detail: string) {
    super(`${path} is not a git repository (${detail}). Give the path of a clone: qntx code ix git <repo-path>.`);
    this.name = 'NotARepositoryError';
  }
}
