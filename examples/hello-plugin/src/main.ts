import { PluginFactory } from '@qntx/plugin-grpc';
import { HelloModule } from './hello.plugin';

void PluginFactory.run(HelloModule);
