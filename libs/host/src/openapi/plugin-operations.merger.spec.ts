import type { OpenAPIObject } from '@nestjs/swagger';
import { Metadata } from '@qntx/domains';
import { addPluginOperations } from './plugin-operations.merger';

const metadata = (name: string): Metadata => ({ name, version: '1.0.0', qntxVersion: '', description: `${name} things`, author: '', license: '' });
const emptyDocument = (): OpenAPIObject => ({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {} });
const itemOperations = {
  paths: {
    '/': { get: { operationId: 'list', responses: { 200: { description: 'OK', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } } } } } },
    '/items/{id}': { get: { operationId: 'one', responses: { 200: { description: 'OK' } } } },
  },
  components: { schemas: { Item: { type: 'object', properties: { part: { $ref: '#/components/schemas/Part' } } }, Part: { type: 'object' } } },
};

describe('addPluginOperations', () => {
  it("puts a plugin's paths under its prefix (and the app's global prefix), tagged and with prefixed operation ids", () => {
    const document = emptyDocument();
    addPluginOperations(document, { metadata: metadata('shop'), operations: itemOperations }, '/v1');
    expect(Object.keys(document.paths)).toEqual(['/v1/api/shop', '/v1/api/shop/items/{id}']);
    expect(document.paths['/v1/api/shop/items/{id}'].get).toMatchObject({ tags: ['shop'], operationId: 'shop.one' });
    expect(document.tags).toEqual([{ name: 'shop', description: 'shop things — version 1.0.0' }]);
  });

  it('keeps two plugins\' schemas of one name apart, references included', () => {
    const document = emptyDocument();
    addPluginOperations(document, { metadata: metadata('shop'), operations: itemOperations });
    addPluginOperations(document, { metadata: metadata('store'), operations: itemOperations });
    expect(Object.keys(document.components!.schemas!)).toEqual(['shop.Item', 'shop.Part', 'store.Item', 'store.Part']);
    expect(document.components!.schemas!['store.Item']).toEqual({ type: 'object', properties: { part: { $ref: '#/components/schemas/store.Part' } } });
    const listed = document.paths['/api/shop'].get!.responses[200] as { content: Record<string, { schema: object }> };
    expect(listed.content['application/json'].schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/shop.Item' } });
    expect(itemOperations.paths['/'].get.responses[200].content['application/json'].schema.items.$ref).toBe('#/components/schemas/Item');
  });

  it('shows a plugin without a description as generic operations on /api/<name>/{path}, saying why', () => {
    const document = emptyDocument();
    addPluginOperations(document, { metadata: metadata('legacy'), operations: null, problem: 'no answer within 3000 ms' });
    expect(Object.keys(document.paths['/api/legacy/{path}'])).toEqual(['get', 'post', 'put', 'patch', 'delete']);
    expect(document.paths['/api/legacy/{path}'].post).toMatchObject({ operationId: 'legacy.any_post', requestBody: {} });
    expect(document.paths['/api/legacy/{path}'].get).not.toHaveProperty('requestBody');
    expect(document.tags![0].description).toBe(
      'legacy things — version 1.0.0. Every request under /api/legacy/ is forwarded to the plugin (its description could not be read: no answer within 3000 ms).',
    );
  });
});
