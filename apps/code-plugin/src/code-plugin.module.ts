import { Module } from '@nestjs/common';
import { CodePlugin } from './code.plugin';
import { Workspace } from './workspace';
import { WorkspaceWatcher } from './workspace-watcher';

@Module({ providers: [CodePlugin, Workspace, WorkspaceWatcher] })
export class CodePluginModule {}
