import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './process.helpers';

export interface OpenApiValidation {
  valid: boolean;
  version?: string;
  errors?: unknown;
}

/**
 * Validates an OpenAPI document with @seriousme/openapi-schema-validator. The package is ESM
 * only, which Jest's CommonJS module system cannot load, so it runs in a Node child process.
 */
export function validateOpenApi(document: object): OpenApiValidation {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(text));
    process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors }));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    input: JSON.stringify(document),
    encoding: 'utf8',
  });
  return JSON.parse(output) as OpenApiValidation;
}
