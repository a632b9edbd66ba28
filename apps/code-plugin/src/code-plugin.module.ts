import { Module } from '@nestjs/common';
import { CodePlugin } from './code.plugin';
import { Workspace } from './workspace';
import { WorkspaceWatcher } from './workspace-watcher';
import { WorkspaceTree } from './files/workspace-tree';
import { WorkspaceFiles } from './files/workspace-files';
import { CodeSearch } from './search/code-search';
import { GitBinary } from './git/git-binary';
import { GitIngest } from './git/git-ingest.service';
import { GitFileHistory } from './git/git-file-history';

@Module({
  providers: [CodePlugin, Workspace, WorkspaceWatcher, WorkspaceTree, WorkspaceFiles, CodeSearch, GitBinary, GitIngest, GitFileHistory],
})
export class CodePluginModule {}
