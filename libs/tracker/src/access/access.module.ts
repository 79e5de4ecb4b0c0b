// Provides KEY_STORE (API keys in DATA_DIR/access.sqlite) and closes it on shutdown.
import { join } from 'node:path';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from '../config/app-config';
import { CLOCK, type Clock } from '../clock/clock';
import { KEY_STORE, type KeyStore } from './key-store';
import { SqliteKeyStore } from './sqlite-key-store';

@Global()
@Module({
  providers: [
    {
      provide: KEY_STORE,
      inject: [APP_CONFIG, CLOCK],
      useFactory: (config: ResolvedConfig, clock: Clock): KeyStore => new SqliteKeyStore(join(config.DATA_DIR, 'access.sqlite'), clock),
    },
  ],
  exports: [KEY_STORE],
})
export class AccessModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
