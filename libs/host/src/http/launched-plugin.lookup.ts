import { HttpException } from '@nestjs/common';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { PluginSupervisor } from '../supervisor/plugin-supervisor';

/**
 * The supervisor of a plugin the host launched, for the management endpoints: 404 for an
 * unknown name, 409 for a plugin the host did not launch (built-in, or reached at an address).
 */
export function launchedPlugin(loaded: LoadedPlugin[], name: string): PluginSupervisor {
  const entry = loaded.find(({ plugin }) => plugin.metadata().name === name);
  if (!entry) throw new HttpException({ error: 'Not Found', plugin: name, message: `No plugin named "${name}".` }, 404);
  if (!entry.supervisor) {
    const replicas = entry.replicas?.replicas.length;
    const how = entry.kind === 'built-in' ? 'runs inside the host' : `is reached at ${entry.address}`;
    const message = replicas
      ? `Plugin "${name}" runs ${replicas} replicas: this endpoint restarts or reads one process only (each replica's state and restarts are in GET /api/plugins).`
      : `Plugin "${name}" ${how}; the host did not launch it and cannot restart it or read its output.`;
    throw new HttpException({ error: 'Conflict', plugin: name, message }, 409);
  }
  return entry.supervisor;
}
