import { HttpException } from '@nestjs/common';

/** A PUT the code plugin will not do, with the status that says why (403, 409, 412...). */
export class FileWriteRefusedError extends HttpException {
  constructor(path: string, status: number, reason: string) {
    super({ statusCode: status, error: 'Write refused', message: `Not writing "${path}": ${reason}.` }, status);
  }
}
