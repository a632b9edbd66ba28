import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { Attestation, AttestationStore, InvalidAttestationQueryError } from '@qntx/domains';
import { ATTESTATION_STORE } from '../host-services/host-services.constants';
import { parseAttestationQuery } from './attestation-query.parser';

/**
 * `GET /api/attestations?subject=&predicate=&context=&actor=&source=&since=&until=&limit=&cursor=`:
 * one page of the store, `{ records, nextCursor }` (null on the last page). A parameter that does
 * not parse is a 400 whose body names it.
 */
@Controller('api/attestations')
export class AttestationsController {
  constructor(@Inject(ATTESTATION_STORE) private readonly store: AttestationStore) {}

  @Get()
  async query(@Query() params: Record<string, unknown>): Promise<{ records: Attestation[]; nextCursor: string | null }> {
    try {
      const page = await this.store.query(parseAttestationQuery(params));
      return { records: page.records, nextCursor: page.nextCursor ?? null };
    } catch (error) {
      if (error instanceof InvalidAttestationQueryError) {
        throw new BadRequestException({ error: 'Bad Request', param: error.param, message: error.message });
      }
      throw error;
    }
  }
}
