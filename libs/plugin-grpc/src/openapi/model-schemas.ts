import type { INestApplication, Type } from '@nestjs/common';
import type { JsonSchema } from '../interfaces/plugin-options.interface';

/**
 * SwaggerModule makes schemas only while it scans an application. An application with no modules
 * gives it nothing to scan but `extraModels`, so it yields exactly the classes' schemas (and the
 * schemas of the classes they refer to), with the names `getSchemaPath` gives.
 */
const NO_APPLICATION = {
  container: { getModules: () => new Map() },
  getHttpAdapter: () => ({ getType: () => 'express' }),
} as unknown as INestApplication;

export interface ModelSchemas {
  schemas: Record<string, JsonSchema>;
  /** `#/components/schemas/<Name>` for one of the classes. */
  refOf(model: Type<unknown>): string;
}

/**
 * The JSON Schemas of classes described with `@nestjs/swagger`'s `@ApiProperty` decorators.
 * `@nestjs/swagger` is loaded only here, and only for a plugin that describes a body with a class:
 * it costs a plugin process about 0.3 s to load.
 */
export function modelSchemas(models: Type<unknown>[]): ModelSchemas {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const swagger = require('@nestjs/swagger') as typeof import('@nestjs/swagger');
  const document = swagger.SwaggerModule.createDocument(
    NO_APPLICATION,
    { openapi: '3.0.0', info: { title: 'models', version: '0' } },
    { extraModels: models },
  );
  return {
    schemas: (document.components?.schemas ?? {}) as Record<string, JsonSchema>,
    refOf: (model) => swagger.getSchemaPath(model),
  };
}
