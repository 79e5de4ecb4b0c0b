// The transparency log's HTTP routes, over the tracker's LedgerModule (signing key and live Merkle log).
import { Module } from '@nestjs/common';
import { LedgerModule, ReadModelsModule } from '@ogp/tracker';
import { ReadScope } from '../audit/read-scope';
import { LedgerController } from './ledger.controller';

// ReadScope (and the read models it asks) keep a member-scoped key to its member's proof bundles.
@Module({ imports: [LedgerModule, ReadModelsModule], controllers: [LedgerController], providers: [ReadScope] })
export class LedgerApiModule {}
