// Provides the signing key and the live global Merkle log (LedgerLog) to the API.
import { Module } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { LedgerLog } from './ledger-log';
import { LEDGER_SIGNING_KEY, loadOrCreateSigningKey } from './signing-key';

@Module({
  providers: [
    {
      provide: LEDGER_SIGNING_KEY,
      inject: [APP_CONFIG],
      useFactory: (config: ResolvedConfig) => loadOrCreateSigningKey(config.SIGNING_KEY_FILE, config.LEDGER_ORIGIN),
    },
    LedgerLog,
  ],
  exports: [LEDGER_SIGNING_KEY, LedgerLog],
})
export class LedgerModule {}
