// On the first start (the key store never held an admin key for every member), creates one and shows it once
// (stdout, outside the JSON log); on a later start with none active, says how to make one.
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type CreatedApiKey, ensureAdminKey, hasActiveAdminKey, KEY_STORE, type KeyStore } from '@ogp/tracker';

export type AdminKeyAnnouncer = (created: CreatedApiKey) => void;
export const ADMIN_KEY_ANNOUNCER = Symbol('ADMIN_KEY_ANNOUNCER');

export const printAdminKey: AdminKeyAnnouncer = ({ record, key }) => {
  process.stdout.write(
    [
      '',
      '================ FIRST START: ADMIN API KEY (shown once) ================',
      `id:   ${record.id}`,
      `key:  ${key}`,
      'Use it as "Authorization: Bearer <key>". Create more keys with `npm run cli -- keys create`.',
      '=========================================================================',
      '',
    ].join('\n'),
  );
};

@Injectable()
export class AdminKeyBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(ADMIN_KEY_ANNOUNCER) private readonly announce: AdminKeyAnnouncer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await ensureAdminKey(this.keys);
    if (created) this.announce(created);
    else if (!(await hasActiveAdminKey(this.keys))) {
      new Logger('AdminKeyBootstrap').warn('No admin key for every member is active (they were revoked): create one with `npm run cli -- keys create --role admin --name <name>`');
    }
  }
}
