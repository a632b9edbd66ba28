import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PluginRouteOptions } from '../interfaces/plugin-options.interface';
import { checkRouteDescription, describeRoutes } from './route-operations.builder';
import { openApiPath } from './openapi-path';

class Item {
  @ApiProperty({ description: 'Name' }) name!: string;
  @ApiPropertyOptional({ minimum: 0 }) count?: number;
}

class Paging {
  @ApiProperty({ description: 'Page number', minimum: 1 }) page!: number;
  @ApiPropertyOptional() cursor?: string;
}

const route = (options: Partial<PluginRouteOptions>, methodName = 'handler') => ({
  options: { method: 'GET', path: '', ...options } as PluginRouteOptions,
  methodName,
});

describe('describeRoutes', () => {
  it('turns route paths into OpenAPI paths with their parameters', () => {
    expect(openApiPath('files/*path')).toEqual({ path: '/files/{path}', params: ['path'] });
    expect(openApiPath('items/:id/parts/{*rest}')).toEqual({ path: '/items/{id}/parts/{rest}', params: ['id', 'rest'] });
    expect(openApiPath('')).toEqual({ path: '/', params: [] });
  });

  it('documents path parameters, query specs, a class body and responses, with the classes as schemas', () => {
    const operations = describeRoutes([
      route({ method: 'PUT', path: 'items/:id', summary: 'Replace an item', params: { id: 'The item id' }, body: Item, responses: { 200: Item, 404: 'No such item' } }, 'replace'),
      route({ path: 'items', query: { q: { description: 'Text to find', required: true } }, responses: { 200: { type: Item, isArray: true } } }, 'find'),
    ]);
    expect(operations.paths['/items/{id}'].put).toEqual({
      operationId: 'replace',
      summary: 'Replace an item',
      parameters: [{ name: 'id', in: 'path', required: true, description: 'The item id', schema: { type: 'string' } }],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
        404: { description: 'No such item' },
      },
    });
    expect(operations.paths['/items'].get).toMatchObject({
      parameters: [{ name: 'q', in: 'query', required: true, description: 'Text to find', schema: { type: 'string' } }],
      responses: { 200: { content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } } } },
    });
    expect(operations.components!.schemas!.Item).toMatchObject({ type: 'object', required: ['name'], properties: { count: { minimum: 0 } } });
  });

  it('makes a query class one parameter per property, required as the class says', () => {
    const { paths } = describeRoutes([route({ path: 'list', query: Paging })]);
    expect(paths['/list'].get).toMatchObject({
      parameters: [
        { name: 'page', in: 'query', required: true, description: 'Page number', schema: { type: 'number', minimum: 1 } },
        { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
      ],
    });
  });

  it('gives ALL one operation per method, each with its own id, and no body to GET or DELETE', () => {
    const { paths } = describeRoutes([route({ method: 'ALL', path: 'echo', body: { schema: { type: 'string' }, contentType: 'text/plain' } }, 'echo')]);
    expect(Object.keys(paths['/echo'])).toEqual(['get', 'post', 'put', 'patch', 'delete']);
    expect(paths['/echo'].post).toMatchObject({ operationId: 'echo_post', requestBody: { content: { 'text/plain': { schema: { type: 'string' } } } } });
    expect(paths['/echo'].get).not.toHaveProperty('requestBody');
  });

  it('refuses, naming the plugin and route, a parameter the path lacks and a class body on a streamed route', () => {
    expect(() => checkRouteDescription('notes', route({ path: 'notes/:id', params: { note: 'x' } }).options)).toThrow(
      'Plugin "notes", route GET /api/notes/notes/:id: "params" describes "note", which the path does not have (it has "id").',
    );
    expect(() => checkRouteDescription('notes', route({ method: 'POST', path: 'upload', stream: true, body: Item }).options)).toThrow(
      /route POST \/api\/notes\/upload: "body" is a class, but the route streams its body/,
    );
  });
});
