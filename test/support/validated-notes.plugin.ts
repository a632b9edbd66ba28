import { Module } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Plugin, PluginRequest, PluginResponse, PluginRoute } from '@qntx/plugin-grpc';

export class NoteDto {
  @ApiProperty({ description: 'What the note is about', minLength: 1, maxLength: 80 })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  title!: string;

  @ApiProperty({ description: 'How urgent, 1 to 5', minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  priority!: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  tags?: string[];
}

export class NoteListQuery {
  @ApiPropertyOptional({ description: 'At most this many notes', minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** How often each handler ran: validation must refuse a bad request before its handler. */
export const handlerCalls = { create: 0, list: 0 };

/**
 * A plugin whose routes describe themselves with classes: `@ApiProperty` for the document,
 * class-validator for ValidationPipe. Its handlers report what they were given.
 */
@Plugin({ name: 'notes', version: '1.2.0', qntxVersion: '>= 0.1.0', description: 'Notes with validated input' })
export class ValidatedNotesPlugin {
  @PluginRoute('POST', 'notes', {
    summary: 'Create a note',
    body: NoteDto,
    responses: { 201: { type: NoteDto, description: 'The note as stored' }, 400: 'The body does not describe a note' },
  })
  create(req: PluginRequest): PluginResponse {
    handlerCalls.create++;
    const note = req.json<NoteDto>();
    return PluginResponse.json({ note, instance: note instanceof NoteDto, calls: handlerCalls }, 201);
  }

  @PluginRoute('GET', 'notes', { summary: 'List notes', query: NoteListQuery, responses: { 200: { type: NoteDto, isArray: true } } })
  list(req: PluginRequest): object {
    handlerCalls.list++;
    const query = req.queryObject<NoteListQuery>();
    return { limit: query.limit ?? null, limitType: typeof query.limit, calls: handlerCalls };
  }

  @PluginRoute('GET', 'notes/:id', { summary: 'One note', params: { id: 'The note id' }, responses: { 200: NoteDto, 404: 'No such note' } })
  one(req: PluginRequest): object {
    return { id: req.params.id };
  }

  /** How often the handlers ran in the process that serves the plugin. */
  @PluginRoute('GET', 'calls')
  calls(): object {
    return handlerCalls;
  }
}

@Module({ providers: [ValidatedNotesPlugin] })
export class ValidatedNotesModule {}
