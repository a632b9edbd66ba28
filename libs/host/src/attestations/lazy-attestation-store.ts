import { AttestationFilter, AttestationPage, AttestationQuery, AttestationStore, AttestationWriteResult, NewAttestation } from '@qntx/domains';

/**
 * A store opened on first use: the CLI offers the store to every plugin it initializes, but
 * only a command that writes or reads attestations should create or open the database file.
 */
export class LazyAttestationStore implements AttestationStore {
  private store: AttestationStore | null = null;

  constructor(private readonly open: () => AttestationStore) {}

  put(source: string, records: NewAttestation[]): Promise<AttestationWriteResult> {
    return this.opened().put(source, records);
  }

  query(query: AttestationQuery): Promise<AttestationPage> {
    return this.opened().query(query);
  }

  count(filter?: AttestationFilter): Promise<number> {
    return this.opened().count(filter);
  }

  async close(): Promise<void> {
    await this.store?.close();
    this.store = null;
  }

  private opened(): AttestationStore {
    this.store ??= this.open();
    return this.store;
  }
}
