import { ForbiddenException } from '@nestjs/common';

/** PUT /api/code/files/<path> while the plugin is not in dev mode. */
export class DevModeRequiredError extends ForbiddenException {
  constructor() {
    super({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Writing files is off: set dev_mode = true in $QNTX_HOME/am.code.toml to allow PUT /api/code/files/<path>.',
    });
  }
}
