import { EXIT_CONFIG } from '../cli.constants';
import { ENV_SDK_DIR } from '../generator/generator.constants';
import { CliError } from './cli.error';

/** The plugin generator needs the SDK's sources and found none. */
export class SdkCheckoutNotFoundError extends CliError {
  readonly exitCode = EXIT_CONFIG;

  constructor(searchedFrom: string) {
    super(
      `Cannot find the plugin SDK sources (libs/plugin-grpc and proto/ of a qntx checkout) from ${searchedFrom}. ` +
        `Run the generator from a qntx checkout, or set ${ENV_SDK_DIR} to one.`,
    );
    this.name = 'SdkCheckoutNotFoundError';
  }
}
