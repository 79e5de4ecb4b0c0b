// Provides the signing key and the live global Merkle log (LedgerLog) to the API.
import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { LedgerLog } from './ledger-log';
import { LEDGER_SIGNING_KEY, loadSigningKeyAtStart } from './signing-key';

@Module({
  providers: [
    {
      provide: LEDGER_SIGNING_KEY,
      // A store that cannot be opened stops the start before a key file is made; one holding checkpoints, without
      // the key that signed them, stops it too (loadSigningKeyAtStart).
      inject: [APP_CONFIG, EVENT_STORE],
      useFactory: (config: ResolvedConfig, store: EventStore) =>
        loadSigningKeyAtStart(config.SIGNING_KEY_FILE, config.LEDGER_ORIGIN, store, config.SIGNING_KEY_NEW === 1),
    },
    LedgerLog,
  ],
  exports: [LEDGER_SIGNING_KEY, LedgerLog],
})
export class LedgerModule {}
