import { ContenderName } from '../harness/contender.catalog';

/** One large streamed body through each contender: MiB/s and the host's memory while it moves. */
export interface TransferScenario {
  kind: 'transfer';
  name: string;
  title: string;
  direction: 'upload' | 'download';
  bytes: number;
  contenders: ContenderName[];
}
