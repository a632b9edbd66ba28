import { Module } from '@nestjs/common';
import { CodePlugin } from './code.plugin';
import { Workspace } from './workspace';

@Module({ providers: [CodePlugin, Workspace] })
export class CodePluginModule {}
