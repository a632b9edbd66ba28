export { Plugin } from './plugin.decorator';
export { PluginCommand } from './plugin-command.decorator';
export { PluginRoute } from './plugin-route.decorator';
export { PluginSocket } from './plugin-socket.decorator';
export { OnPluginInit, OnPluginShutdown, PluginHealthCheck } from './plugin-lifecycle.decorators';
