import { PluginFactory } from '@qntx/plugin-grpc';
import { CodePluginModule } from './code-plugin.module';

void PluginFactory.run(CodePluginModule);
