import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { PluginMetadataAccessor } from './plugin-metadata.accessor';
import { BoundHandler, PluginDefinition } from './interfaces/plugin-definition.interface';
import { MissingPluginError, MultiplePluginsError } from './errors/plugin-discovery.errors';

/** Finds the `@Plugin` provider of an application and its decorated methods. */
@Injectable()
export class PluginExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: PluginMetadataAccessor,
  ) {}

  explore(): PluginDefinition {
    const wrappers = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance && this.accessor.plugin(wrapper.metatype));
    if (wrappers.length === 0) throw new MissingPluginError();
    if (wrappers.length > 1) {
      throw new MultiplePluginsError(wrappers.map((w) => this.accessor.plugin(w.metatype as Function)!.name));
    }
    return this.describe(wrappers[0]);
  }

  private describe(wrapper: InstanceWrapper): PluginDefinition {
    const instance = wrapper.instance as Record<string, BoundHandler>;
    const definition: PluginDefinition = {
      options: this.accessor.plugin(wrapper.metatype as Function)!,
      commands: [],
      routes: [],
      sockets: [],
      hooks: { init: [], shutdown: [], health: null },
    };
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const methodName of this.scanner.getAllMethodNames(prototype)) {
      const method = instance[methodName];
      const handler: BoundHandler = (...args) => method.apply(instance, args);
      const command = this.accessor.command(method);
      if (command) definition.commands.push({ options: command, handler });
      const route = this.accessor.route(method);
      if (route) definition.routes.push({ options: route, handler, methodName });
      const socket = this.accessor.socket(method);
      if (socket) definition.sockets.push({ path: socket.path, handler });
      const hook = this.accessor.hook(method);
      if (hook === 'init') definition.hooks.init.push(handler);
      if (hook === 'shutdown') definition.hooks.shutdown.push(handler);
      if (hook === 'health') definition.hooks.health = handler;
    }
    return definition;
  }
}
