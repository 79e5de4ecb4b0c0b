// The transparency log's HTTP routes, over the tracker's LedgerModule (signing key and live Merkle log).
import { Module } from '@nestjs/common';
import { LedgerModule } from '@ogp/tracker';
import { LedgerController } from './ledger.controller';

@Module({ imports: [LedgerModule], controllers: [LedgerController] })
export class LedgerApiModule {}
