import { qntxHome } from '@qntx/host/config/qntx-home';
import { CliOptions } from './cli-options.interface';

/** The CLI's options from its environment: $QNTX_HOME and the QNTX_* overrides. */
export function cliOptionsFromEnv(env: NodeJS.ProcessEnv): Omit<CliOptions, 'io'> {
  return {
    home: qntxHome(env),
    commandTimeoutMs: positiveInt(env, 'QNTX_COMMAND_TIMEOUT_MS'),
    codePluginAddress: env.QNTX_CODE_PLUGIN_ADDRESS || undefined,
    codePluginMain: env.QNTX_CODE_PLUGIN_MAIN || undefined,
  };
}

function positiveInt(env: NodeJS.ProcessEnv, key: string): number | undefined {
  const raw = env[key];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${key} must be a whole number of milliseconds above 0, got "${raw}".`);
  }
  return value;
}
