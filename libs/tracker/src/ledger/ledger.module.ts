// Provides the signing key and the live global Merkle log (LedgerLog) to the API.
import { Module } from '@nestjs/common';
import { EVENT_STORE } from '@ogp/event-store';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { LedgerLog } from './ledger-log';
import { LEDGER_SIGNING_KEY, loadOrCreateSigningKey } from './signing-key';

@Module({
  providers: [
    {
      provide: LEDGER_SIGNING_KEY,
      // EVENT_STORE only orders the start: a store that cannot be opened stops it before a key file is made.
      inject: [APP_CONFIG, EVENT_STORE],
      useFactory: (config: ResolvedConfig) => loadOrCreateSigningKey(config.SIGNING_KEY_FILE, config.LEDGER_ORIGIN),
    },
    LedgerLog,
  ],
  exports: [LEDGER_SIGNING_KEY, LedgerLog],
})
export class LedgerModule {}
