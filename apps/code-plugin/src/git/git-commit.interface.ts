export interface GitPerson {
  name: string;
  email: string;
}

/** One path a commit touched, from `--name-status`: A, M, D, T, or R/C with the old path. */
export interface GitFileChange {
  status: string;
  path: string;
  /** The old path of a rename or copy. */
  from?: string;
}

export interface GitCommit {
  hash: string;
  parents: string[];
  author: GitPerson;
  /** ISO 8601, with the author's offset. */
  authorDate: string;
  committer: GitPerson;
  commitDate: string;
  message: string;
  files: GitFileChange[];
}
